package io.stockwise.embedded;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the JVM-wide {@linkplain StockwiseInfra#shared() shared}
 * PostgreSQL and Kafka:
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(StockwiseInfraTestResource.class)
 * class ImportServiceTest { ... }
 * }</pre>
 *
 * <p>{@link #start()} starts the servers on first use and returns the datasource and Kafka
 * settings; {@link #stop()} leaves them running, so every test class of a module reuses one
 * PostgreSQL (database {@value StockwiseInfra#DATABASE}) and one Kafka broker, which a JVM
 * shutdown hook stops at the end. Tests share their data: each should use its own keys or clean
 * up what it needs clean.
 */
public class StockwiseInfraTestResource implements QuarkusTestResourceLifecycleManager {

    /** Creates the resource; Quarkus instantiates it reflectively. */
    public StockwiseInfraTestResource() {
    }

    /**
     * Starts (or reuses) the shared servers.
     *
     * @return {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username},
     *     {@code quarkus.datasource.password} and {@code kafka.bootstrap.servers}
     */
    @Override
    public Map<String, String> start() {
        StockwiseInfra infra = StockwiseInfra.shared();
        return Map.of(
                "quarkus.datasource.jdbc.url", infra.jdbcUrl(),
                "quarkus.datasource.username", infra.username(),
                "quarkus.datasource.password", infra.password(),
                "kafka.bootstrap.servers", infra.bootstrapServers());
    }

    /** Does nothing: the shared servers outlive each test class and stop when the JVM exits. */
    @Override
    public void stop() {
        // Intentionally empty.
    }
}
