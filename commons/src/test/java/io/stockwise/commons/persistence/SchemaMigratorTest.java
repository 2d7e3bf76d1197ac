package io.stockwise.commons.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockwise.embedded.EmbeddedPostgresServer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** Migrations run from each location's index against a real PostgreSQL. */
class SchemaMigratorTest {
    private static EmbeddedPostgresServer postgres;
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresServer.start(null, 0);
        postgres.createDatabaseIfMissing("migrations");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl("migrations"));
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void appliesEveryIndexedMigrationOnceIntoTheServicesSchema() throws SQLException {
        var migrator = new SchemaMigrator(dataSource, config("indexed_a", "classpath:db/indexed"));

        assertThat(migrator.migrate()).isEqualTo(2);
        assertThat(migrator.migrate()).isZero();
        assertThat(tablesOf("indexed_a")).containsExactlyInAnyOrder("item", "more_item", "flyway_schema_history");
    }

    @Test
    void refusesToStartWhenAMigrationIsMissingFromTheIndex() throws SQLException {
        var migrator = new SchemaMigrator(dataSource, config("unlisted_a", "classpath:db/unlisted"));

        assertThatThrownBy(migrator::migrate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V2__more_items.sql").hasMessageContaining("db/unlisted/index.txt");
        assertThat(tablesOf("unlisted_a")).isEmpty();
    }

    @Test
    void refusesAnIndexThatListsAFileThatDoesNotExist() {
        var migrator = new SchemaMigrator(dataSource, config("dangling_a", "classpath:db/dangling"));

        assertThatThrownBy(migrator::migrate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V9__gone.sql");
    }

    @Test
    void checksTheIndexAgainstJarEntriesAsPackagedServicesRunFromJars(@TempDir Path dir) throws Exception {
        var jar = dir.resolve("service.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (var name : List.of("db/migration/index.txt", "db/migration/V1__a.sql", "db/migration/V2__b.sql",
                    "db/migration/nested/V3__c.sql")) {
                out.putNextEntry(new JarEntry(name));
                out.write((name.endsWith("index.txt") ? "V1__a.sql\n" : "SELECT 1;\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(IndexedMigrations.contentOf(loader, "db/migration")).contains(List.of("V1__a.sql", "V2__b.sql"));
            assertThatThrownBy(() -> IndexedMigrations.load(loader, List.of("classpath:db/migration"), true))
                    .hasMessageContaining("[V2__b.sql]");
            // A native image cannot list its resources: the index alone decides.
            assertThat(IndexedMigrations.load(loader, List.of("classpath:db/migration"), false)).isPresent()
                    .get().satisfies(m -> assertThat(m.getResources("V", new String[] {".sql"}))
                            .extracting(r -> r.getFilename()).containsExactly("V1__a.sql"));
        }
    }

    @Test
    void fallsBackToScanningWhenALocationHasNoIndex() {
        assertThat(IndexedMigrations.load(getClass().getClassLoader(), List.of("classpath:db/none"), true)).isEmpty();
        assertThat(IndexedMigrations.load(getClass().getClassLoader(), List.of("filesystem:/tmp"), true)).isEmpty();
    }

    private static List<String> tablesOf(String schema) throws SQLException {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
            ps.setString(1, schema);
            try (var rs = ps.executeQuery()) {
                var names = new ArrayList<String>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                return names;
            }
        }
    }

    private static SchemaConfig config(String schema, String location) {
        return new SchemaConfig() {
            @Override
            public String name() {
                return schema;
            }

            @Override
            public boolean migrateAtStart() {
                return true;
            }

            @Override
            public List<String> locations() {
                return List.of(location);
            }
        };
    }
}
