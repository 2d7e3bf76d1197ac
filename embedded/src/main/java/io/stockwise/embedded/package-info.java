/**
 * Real infrastructure for tests and the local demo, without Docker: a PostgreSQL server
 * ({@link io.stockwise.embedded.EmbeddedPostgresServer}, a child process) and a Kafka broker
 * ({@link io.stockwise.embedded.EmbeddedKafkaBroker}, a KRaft node inside this JVM), both on
 * {@code 127.0.0.1}.
 *
 * <p>{@link io.stockwise.embedded.StockwiseInfra} starts both together: once per JVM for tests
 * ({@link io.stockwise.embedded.StockwiseInfra#shared()}, wired into Quarkus tests by
 * {@link io.stockwise.embedded.StockwiseInfraTestResource}), or with persistent data for the demo
 * ({@link io.stockwise.embedded.StockwiseInfra#start(java.nio.file.Path)}).
 */
package io.stockwise.embedded;
