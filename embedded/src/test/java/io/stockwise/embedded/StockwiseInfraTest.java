package io.stockwise.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StockwiseInfraTest {

    @Test
    void sharedInfraIsStartedOnceWithTheStockwiseDatabase() throws Exception {
        StockwiseInfra infra = StockwiseInfra.shared();
        assertThat(StockwiseInfra.shared()).isSameAs(infra);

        assertThat(infra.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + infra.postgres().port() + "/stockwise");
        assertThat(infra.username()).isEqualTo("postgres");
        assertThat(infra.password()).isEqualTo("postgres");
        assertThat(infra.bootstrapServers()).isEqualTo("127.0.0.1:" + infra.kafka().port());
        try (Connection connection = infra.postgres().openConnection(StockwiseInfra.DATABASE);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_database()")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("stockwise");
        }

        infra.close(); // No effect on the shared instance.
        assertThat(infra.kafka().isRunning()).isTrue();
        KafkaClients.produce(infra.bootstrapServers(), "shared-smoke", "k", "v");
    }

    @Test
    void testResourceHandsTheSharedServersToQuarkus() {
        StockwiseInfraTestResource resource = new StockwiseInfraTestResource();
        Map<String, String> config = resource.start();
        resource.stop();

        StockwiseInfra infra = StockwiseInfra.shared();
        assertThat(config).containsExactlyInAnyOrderEntriesOf(Map.of(
                "quarkus.datasource.jdbc.url", infra.jdbcUrl(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "kafka.bootstrap.servers", infra.bootstrapServers()));
        assertThat(infra.kafka().isRunning()).isTrue();
    }

    /** Quarkus loads test resources in a class loader per test profile: they must still share one PostgreSQL and Kafka. */
    @Test
    void anotherClassLoaderAttachesToTheSameServers() throws Exception {
        StockwiseInfra infra = StockwiseInfra.shared();
        URL classes = StockwiseInfra.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new ChildFirstClassLoader(classes, StockwiseInfraTest.class.getClassLoader())) {
            Class<?> copy = isolated.loadClass(StockwiseInfra.class.getName());
            assertThat(copy).isNotSameAs(StockwiseInfra.class);

            Object view = copy.getMethod("shared").invoke(null);
            assertThat(copy.getMethod("jdbcUrl").invoke(view)).isEqualTo(infra.jdbcUrl());
            assertThat(copy.getMethod("bootstrapServers").invoke(view)).isEqualTo(infra.bootstrapServers());

            // The broker's lifecycle is driven across the class-loader boundary.
            Object kafka = copy.getMethod("kafka").invoke(view);
            kafka.getClass().getMethod("stop").invoke(kafka);
            assertThat(infra.kafka().isRunning()).isFalse();
            assertThat(kafka.getClass().getMethod("isRunning").invoke(kafka)).isEqualTo(false);
            kafka.getClass().getMethod("restart").invoke(kafka);
            assertThat(infra.kafka().isRunning()).isTrue();
            kafka.getClass().getMethod("close").invoke(kafka); // A view never closes the shared broker.
            assertThat(infra.kafka().isRunning()).isTrue();
        }
        KafkaClients.produce(infra.bootstrapServers(), "shared-smoke", "k", "after restart");
    }

    @Test
    void demoInfraKeepsItsDataAcrossRuns(@TempDir Path directory) throws Exception {
        try (StockwiseInfra infra = StockwiseInfra.start(directory)) {
            try (Connection connection = infra.postgres().openConnection(StockwiseInfra.DATABASE);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE demo (note text)");
                statement.execute("INSERT INTO demo VALUES ('kept')");
            }
            infra.kafka().createTopics(Map.of("demo-events", 1));
            KafkaClients.produce(infra.bootstrapServers(), "demo-events", "1", "first run");
        }
        assertThat(directory.resolve("postgres").resolve("PG_VERSION")).exists();
        assertThat(directory.resolve("kafka").resolve("meta.properties")).exists();

        try (StockwiseInfra infra = StockwiseInfra.start(directory)) {
            try (Connection connection = infra.postgres().openConnection(StockwiseInfra.DATABASE);
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT note FROM demo")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("kept");
            }
            List<ConsumerRecord<String, String>> records =
                    KafkaClients.consume(infra.bootstrapServers(), "demo-events", 1, Duration.ofSeconds(20));
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("first run");
        }
    }

    /** Loads this library's own classes itself (like a Quarkus class loader) and everything else from the parent. */
    private static final class ChildFirstClassLoader extends URLClassLoader {

        ChildFirstClassLoader(URL classes, ClassLoader parent) {
            super(new URL[] {classes}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.stockwise.embedded.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
