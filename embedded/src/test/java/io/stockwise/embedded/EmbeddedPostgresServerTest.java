package io.stockwise.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @Test
    void temporaryServerAnswersOverJdbcAndDeletesItsDataOnClose() throws SQLException {
        Path dataDirectory;
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0)) {
            dataDirectory = postgres.dataDirectory();
            assertThat(dataDirectory).isDirectory();
            assertThat(postgres.username()).isEqualTo("postgres");
            assertThat(postgres.password()).isEqualTo("postgres");
            assertThat(postgres.jdbcUrl("inventory"))
                    .isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/inventory");

            postgres.createDatabaseIfMissing("inventory");
            postgres.createDatabaseIfMissing("inventory");

            try (Connection connection = DriverManager.getConnection(
                            postgres.jdbcUrl("inventory"), postgres.username(), postgres.password());
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery(
                            "SELECT current_database(), current_setting('server_version_num')::int, 6 * 7")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("inventory");
                assertThat(row.getInt(2)).isGreaterThanOrEqualTo(180_000);
                assertThat(row.getInt(3)).isEqualTo(42);
            }
        }
        assertThat(dataDirectory).doesNotExist();
    }

    @Test
    void temporaryServersStartFromASavedTemplateAndReplaceADamagedOne(@TempDir Path directory) throws Exception {
        PostgresTemplate template = PostgresTemplate.at(directory.resolve("template"));
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.startTemporary(0, Optional.of(template))) {
            first.createDatabaseIfMissing("scratch");
        }
        assertThat(template.directory().resolve("PG_VERSION")).as("saved by the first server").isRegularFile();

        try (EmbeddedPostgresServer copy = EmbeddedPostgresServer.startTemporary(0, Optional.of(template))) {
            assertThat(databaseCount(copy, "scratch")).as("a pristine cluster, not a copy of a used one").isZero();
        }

        Files.delete(template.directory().resolve("global").resolve("pg_control"));
        try (EmbeddedPostgresServer fallback = EmbeddedPostgresServer.startTemporary(0, Optional.of(template))) {
            assertThat(databaseCount(fallback, "postgres")).isOne();
        }
        assertThat(template.directory().resolve("global").resolve("pg_control")).as("saved again").isRegularFile();
    }

    private static int databaseCount(EmbeddedPostgresServer postgres, String name) throws SQLException {
        try (Connection connection = postgres.openConnection("postgres");
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    @Test
    void givenDataDirectorySurvivesStopAndStartOnAGivenPort(@TempDir Path directory) throws SQLException {
        Path dataDirectory = directory.resolve("postgres");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            postgres.createDatabaseIfMissing("stock");
            try (Connection connection = postgres.openConnection("stock");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE sku (id text PRIMARY KEY, on_hand int NOT NULL)");
                statement.execute("INSERT INTO sku VALUES ('SKU-1', 17)");
            }
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();

        int port = Loopback.freePort();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory, port)) {
            assertThat(postgres.port()).isEqualTo(port);
            postgres.createDatabaseIfMissing("stock");
            try (Connection connection = postgres.openConnection("stock");
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT on_hand FROM sku WHERE id = 'SKU-1'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).isEqualTo(17);
            }
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();
    }
}
