package io.stockwise.embedded;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The infrastructure of Stockwise, embedded: one PostgreSQL server with the database
 * {@value #DATABASE} and one Kafka broker, both on {@code 127.0.0.1}.
 *
 * <p>Tests use {@link #shared()}: the first call in a JVM starts both servers, every later call
 * (from any test class, and from any class loader, such as the ones Quarkus creates per test
 * profile) returns the same servers, and a JVM shutdown hook stops them. The local demo uses
 * {@link #start(Path)}, which keeps its data in a directory across runs.
 */
public final class StockwiseInfra implements AutoCloseable {

    /** The database the services use. */
    public static final String DATABASE = "stockwise";

    private static StockwiseInfra shared;

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;
    private final boolean sharedInstance;

    private StockwiseInfra(EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka, boolean sharedInstance) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.sharedInstance = sharedInstance;
    }

    /**
     * The PostgreSQL server and Kafka broker shared by everything in this JVM, started (with
     * temporary data) on the first call and stopped by a JVM shutdown hook.
     *
     * @return the shared infrastructure; {@link #close()} on it does nothing
     * @throws IllegalStateException if the servers cannot be started
     */
    public static synchronized StockwiseInfra shared() {
        if (shared == null) {
            shared = SharedInfraRegistry.obtain();
        }
        return shared;
    }

    /**
     * Starts a PostgreSQL server and a Kafka broker on free ports that keep their data under
     * {@code directory} ({@code directory/postgres} and {@code directory/kafka}) across runs,
     * for the local demo. The caller {@linkplain #close() closes} it.
     *
     * @param directory where the data lives; created if missing
     * @return the running infrastructure
     * @throws IllegalStateException if a server cannot be started
     */
    public static StockwiseInfra start(Path directory) {
        return start(directory, 0, 0);
    }

    /**
     * Like {@link #start(Path)}, on given ports.
     *
     * @param directory where the data lives; created if missing
     * @param postgresPort the PostgreSQL port, or {@code 0} for a free one
     * @param kafkaPort the Kafka client port, or {@code 0} for a free one
     * @return the running infrastructure
     * @throws IllegalStateException if a server cannot be started
     */
    public static StockwiseInfra start(Path directory, int postgresPort, int kafkaPort) {
        Objects.requireNonNull(directory, "directory");
        return launch(directory.resolve("postgres"), directory.resolve("kafka"), postgresPort, kafkaPort, false);
    }

    /**
     * Starts both servers (PostgreSQL in a helper thread while Kafka starts in this one) and
     * creates the database {@value #DATABASE}. If anything fails, whatever did start is stopped.
     */
    static StockwiseInfra launch(Path postgresDirectory, Path kafkaDirectory, int postgresPort, int kafkaPort,
            boolean sharedInstance) {
        CompletableFuture<EmbeddedPostgresServer> postgresStart = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                postgresStart.complete(EmbeddedPostgresServer.start(postgresDirectory, postgresPort));
            } catch (Throwable t) {
                postgresStart.completeExceptionally(t);
            }
        }, "stockwise-postgres-start");
        starter.setDaemon(true);
        starter.start();

        EmbeddedKafkaBroker kafka;
        try {
            kafka = EmbeddedKafkaBroker.start(kafkaDirectory, kafkaPort);
        } catch (RuntimeException | Error e) {
            stopIfStarted(postgresStart, e);
            throw e;
        }
        EmbeddedPostgresServer postgres;
        try {
            postgres = postgresStart.get();
            postgres.createDatabaseIfMissing(DATABASE);
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            Throwable failure = e instanceof ExecutionException ? e.getCause() : e;
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            stopIfStarted(postgresStart, failure);
            closeQuietly(kafka, failure);
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            throw new IllegalStateException("PostgreSQL did not start", failure);
        }
        return new StockwiseInfra(postgres, kafka, sharedInstance);
    }

    /** A view on the shared servers owned by another class loader's copy of this class. */
    static StockwiseInfra sharedView(EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka) {
        return new StockwiseInfra(postgres, kafka, true);
    }

    /** {@return the PostgreSQL server} */
    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    /** {@return the Kafka broker} */
    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    /** {@return the JDBC URL of the database {@value #DATABASE}} */
    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    /** {@return the database user name} */
    public String username() {
        return postgres.username();
    }

    /** {@return the database password} */
    public String password() {
        return postgres.password();
    }

    /** {@return the Kafka bootstrap servers, {@code 127.0.0.1:<port>}} */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Stops Kafka, then PostgreSQL. Does nothing on the {@linkplain #shared() shared} instance,
     * which other tests of this JVM keep using until the shutdown hook stops it.
     */
    @Override
    public void close() {
        if (!sharedInstance) {
            stopServers();
        }
    }

    /** Stops both servers, whichever kind of instance this is; failures are collected. */
    void stopServers() {
        RuntimeException failure = null;
        try {
            kafka.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            postgres.close();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "StockwiseInfra[postgres=" + postgres + ", kafka=" + kafka + (sharedInstance ? ", shared" : "") + "]";
    }

    private static void closeQuietly(AutoCloseable resource, Throwable primary) {
        try {
            resource.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }

    /** Waits for the PostgreSQL start in progress and stops the server if it came up. */
    private static void stopIfStarted(CompletableFuture<EmbeddedPostgresServer> start, Throwable primary) {
        EmbeddedPostgresServer server;
        try {
            server = start.join();
        } catch (CompletionException | CancellationException e) {
            return;
        }
        closeQuietly(server, primary);
    }
}
