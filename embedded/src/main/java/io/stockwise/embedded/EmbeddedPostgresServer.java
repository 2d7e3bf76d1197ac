package io.stockwise.embedded;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the binaries bundled by {@code io.zonky.test.postgres}) running as a
 * child process on {@code 127.0.0.1}.
 *
 * <p>The superuser is {@value #USERNAME} with password {@value #PASSWORD}. Loopback connections
 * use {@code trust} authentication, so the password is accepted but not checked. The server is
 * stopped by {@link #close()} and, as a safety net, when the JVM exits.
 *
 * <pre>{@code
 * try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(null, 0)) {
 *     pg.createDatabaseIfMissing("orders");
 *     String url = pg.jdbcUrl("orders");
 * }
 * }</pre>
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** Name of the superuser. */
    public static final String USERNAME = "postgres";

    /** Password of the superuser (not checked: loopback connections are trusted). */
    public static final String PASSWORD = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** How long to wait for the postmaster to accept connections (it takes well under a second). */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    /** SQLSTATE {@code duplicate_database}. */
    private static final String DUPLICATE_DATABASE = "42P04";

    /** Lock file the zonky library holds in the data directory while a server uses it. */
    private static final String DATA_DIRECTORY_LOCK = "epg-lock";

    private final int port;
    private final Path dataDirectory;
    private final Path logFile;
    private final EmbeddedPostgres postgres;
    private final Path ownedDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(int port, Path dataDirectory, Path logFile, EmbeddedPostgres postgres, Path ownedDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.postgres = postgres;
        this.ownedDirectory = ownedDirectory;
    }

    /**
     * Starts a PostgreSQL server on {@code 127.0.0.1} and waits until it accepts connections.
     * PostgreSQL's own output goes to a log file: {@code postgres.log} next to a temporary data
     * directory, {@code <data directory>.log} next to a given one.
     *
     * @param dataDirectoryOrNull the data directory: {@code null} for a fresh temporary directory
     *     that {@link #close()} deletes; otherwise a directory that is initialised on first use and
     *     reused as is (never cleaned) by later runs. A postmaster left running on it by a killed
     *     JVM is stopped first.
     * @param portOrZero the TCP port, or {@code 0} for a free one
     * @return the running server
     * @throws IllegalStateException if the server cannot be started
     */
    public static EmbeddedPostgresServer start(Path dataDirectoryOrNull, int portOrZero) {
        Loopback.checkPort(portOrZero);
        QuietLogging.quietPostgres();
        long started = System.nanoTime();
        EmbeddedPostgresServer server = dataDirectoryOrNull == null
                ? startTemporary(portOrZero, PostgresTemplate.forCurrentBinaries())
                : startPersistent(Directories.ensure(dataDirectoryOrNull), portOrZero);
        LOG.info("PostgreSQL started on {}:{} in {} ms (data: {}{}, log: {})", Loopback.HOST, server.port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), server.dataDirectory,
                server.ownedDirectory != null ? ", temporary" : "", server.logFile);
        return server;
    }

    /**
     * A fresh server in a new temporary directory holding {@code data/} and {@code postgres.log}.
     * The data directory is copied from the {@link PostgresTemplate} when there is one (and the
     * template is saved by the first server that had to run {@code initdb}).
     */
    static EmbeddedPostgresServer startTemporary(int port, Optional<PostgresTemplate> template) {
        Path root = Directories.createTemp("stockwise-postgres-");
        Path logFile = root.resolve("postgres.log");
        try {
            Path dataDirectory = root.resolve("data");
            boolean fromTemplate = template.isPresent() && template.get().copyTo(dataDirectory);
            try {
                return launch(dataDirectory, port, logFile, root, fromTemplate ? null : template.orElse(null));
            } catch (IllegalStateException e) {
                if (!fromTemplate) {
                    throw e;
                }
                // Perhaps a bad template: discard it and run initdb, in a new directory because the
                // failed attempt may still hold a lock on the first one.
                LOG.warn("PostgreSQL did not start from the template {}, running initdb: {}", template.get(), e.getMessage());
                template.get().invalidate();
                return launch(root.resolve("data-initdb"), port, logFile, root, template.get());
            }
        } catch (RuntimeException | Error e) {
            Directories.deleteQuietly(root);
            throw e;
        }
    }

    /** A server on a kept data directory, logging to {@code <data directory>.log} beside it. */
    private static EmbeddedPostgresServer startPersistent(Path dataDirectory, int port) {
        if (dataDirectory.getParent() == null) {
            throw new IllegalArgumentException("A file-system root cannot be a PostgreSQL data directory: " + dataDirectory);
        }
        stopOrphanedPostmaster(dataDirectory);
        Path logFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        return launch(dataDirectory, port, logFile, null, null);
    }

    /**
     * Runs initdb if {@code dataDirectory} holds no cluster yet, then starts the postmaster.
     *
     * @param ownedDirectory the temporary directory to delete on close, or {@code null} to keep the data
     * @param templateToSave where to save a freshly initialised data directory, or {@code null}
     */
    private static EmbeddedPostgresServer launch(Path dataDirectory, int port, Path logFile, Path ownedDirectory,
            PostgresTemplate templateToSave) {
        ProcessBuilder.Redirect output = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_TIMEOUT)
                .setOutputRedirector(output)
                .setErrorRedirector(output)
                .setLocaleConfig("locale", "C")
                .setServerConfig("listen_addresses", Loopback.HOST)
                // TCP only: no socket files in shared directories that could clash with other servers.
                .setServerConfig("unix_socket_directories", "");
        if (ownedDirectory != null) {
            // Throw-away data: durability is pointless, speed is not.
            builder.setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off");
        } else {
            // Kept data must survive an OS crash; this overrides the launcher's default "-F" (fsync off).
            builder.setServerConfig("fsync", "on");
        }
        if (templateToSave != null) {
            // Called after initdb and before the first start: exactly the pristine state to cache.
            builder.setDataDirectoryCustomizer(templateToSave::saveFrom);
        }
        try {
            EmbeddedPostgres postgres = builder.start();
            return new EmbeddedPostgresServer(postgres.getPort(), dataDirectory, logFile, postgres, ownedDirectory);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL did not start in " + dataDirectory + "; the end of "
                    + logFile + " reads:\n" + tail(logFile, 20), e);
        }
    }

    /**
     * A handle on a server that is owned elsewhere (the JVM-wide shared server started by another
     * class loader): everything works except that {@link #close()} does nothing.
     */
    static EmbeddedPostgresServer attach(int port, Path dataDirectory) {
        return new EmbeddedPostgresServer(port, dataDirectory, null, null, null);
    }

    /** {@return the TCP port on {@code 127.0.0.1}} */
    public int port() {
        return port;
    }

    /** {@return the superuser name, {@value #USERNAME}} */
    public String username() {
        return USERNAME;
    }

    /** {@return the superuser password, {@value #PASSWORD}} */
    public String password() {
        return PASSWORD;
    }

    /** {@return the data directory (a temporary one unless a directory was given to {@link #start})} */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * The JDBC URL of a database on this server.
     *
     * @param database the database name
     * @return {@code jdbc:postgresql://127.0.0.1:<port>/<database>}
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Loopback.HOST + ":" + port + "/" + requireName(database);
    }

    /**
     * Opens a connection to a database as the superuser. The caller closes it.
     *
     * @param database the database name
     * @return an open connection
     * @throws SQLException if the connection fails
     */
    public Connection openConnection(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USERNAME);
        properties.setProperty("password", PASSWORD);
        // The driver directly, not DriverManager: it only offers drivers visible to the caller's class loader.
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl(database), properties);
        if (connection == null) {
            throw new SQLException("The PostgreSQL driver rejected " + jdbcUrl(database));
        }
        return connection;
    }

    /**
     * Creates a database unless one with that name exists; safe to call concurrently.
     *
     * @param database the database name (any characters; it is quoted)
     * @throws IllegalStateException if the server cannot be reached or the creation fails
     */
    public void createDatabaseIfMissing(String database) {
        requireName(database);
        try (Connection connection = openConnection("postgres")) {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, database);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
                LOG.debug("Created database {}", database);
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " on port " + port, e);
        }
    }

    /**
     * Stops the server (fast shutdown: open sessions are disconnected) and deletes a temporary
     * data directory. A directory given to {@link #start} is kept. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (postgres == null || closed.getAndSet(true)) {
            return;
        }
        long started = System.nanoTime();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL on port " + port, e);
        } finally {
            if (ownedDirectory != null) {
                Directories.deleteQuietly(ownedDirectory);
            }
        }
        LOG.debug("PostgreSQL on port {} stopped in {} ms", port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + Loopback.HOST + ":" + port + ", " + dataDirectory + "]";
    }

    /** The last {@code lines} lines of a log file, for error messages. */
    private static String tail(Path logFile, int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String requireName(String database) {
        Objects.requireNonNull(database, "database");
        if (database.isBlank()) {
            throw new IllegalArgumentException("Database name must not be blank");
        }
        return database;
    }

    /**
     * Stops a postmaster that still runs on {@code dataDirectory} although no JVM holds the
     * directory (its owner was killed), because a second postmaster cannot start on it.
     */
    private static void stopOrphanedPostmaster(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try (FileOutputStream lockStream = new FileOutputStream(dataDirectory.resolve(DATA_DIRECTORY_LOCK).toFile());
                FileLock lock = lockStream.getChannel().tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("PostgreSQL data directory " + dataDirectory
                        + " is in use by another running server");
            }
            Optional<ProcessHandle> postmaster = postmasterProcess(pidFile);
            if (postmaster.isEmpty()) {
                return; // A stale pid file: PostgreSQL itself ignores it.
            }
            ProcessHandle process = postmaster.get();
            LOG.warn("Stopping orphaned PostgreSQL (pid {}) left running on {}", process.pid(), dataDirectory);
            process.destroy();
            try {
                process.onExit().get(15, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                process.destroyForcibly();
                process.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping an orphaned PostgreSQL", e);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("Could not check for an orphaned PostgreSQL on {}: {}", dataDirectory, e.toString());
        }
    }

    /** The live PostgreSQL process named by a {@code postmaster.pid} file, if any. */
    private static Optional<ProcessHandle> postmasterProcess(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // Only a process that is really a postgres binary: the pid may have been reused since.
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }
}
