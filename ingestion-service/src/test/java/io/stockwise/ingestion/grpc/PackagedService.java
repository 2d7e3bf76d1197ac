package io.stockwise.ingestion.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockwise.embedded.StockwiseInfra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a process, for the failsafe tests. */
final class PackagedService {
    private PackagedService() {}

    /**
     * A process builder for the packaged service on {@code port}, with its own schema on the shared
     * PostgreSQL and Kafka, output to {@code target/it-logs/<name>.log}; callers add environment.
     */
    static ProcessBuilder builder(StockwiseInfra infra, String schema, int port, String name) throws IOException {
        var jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        assertThat(jar).as("package the service first (mvn verify does)").isRegularFile();
        var log = log(name);
        Files.createDirectories(log.getParent());
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar.toString());
        var env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", infra.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", infra.password());
        env.put("QUARKUS_DATASOURCE_JDBC_ADDITIONAL_JDBC_PROPERTIES_CURRENTSCHEMA", schema);
        env.put("STOCKWISE_SCHEMA_NAME", schema);
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb;
    }

    static Path log(String name) {
        return Path.of("target/it-logs/" + name + ".log");
    }
}
