package io.stockwise.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process KRaft node behind {@link EmbeddedKafkaBroker}: one JVM-local
 * {@link KafkaRaftServer} acting as broker and controller, with a static single-voter quorum.
 */
final class KafkaNode implements EmbeddedKafkaBroker.Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaNode.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String META_PROPERTIES = "meta.properties";
    private static final int START_ATTEMPTS = 3;
    private static final Duration RESTART_BIND_TIMEOUT = Duration.ofSeconds(10);

    private final Path logDirectory;
    private final boolean ownsLogDirectory;
    private final int port;

    /** Guarded by {@code this}; may change on restart if another process took it meanwhile. */
    private int controllerPort;
    /** Guarded by {@code this}; {@code null} while stopped. */
    private KafkaRaftServer server;
    /** Guarded by {@code this}. */
    private boolean closed;

    private KafkaNode(Path logDirectory, boolean ownsLogDirectory, int port, int controllerPort) {
        this.logDirectory = logDirectory;
        this.ownsLogDirectory = ownsLogDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats the log directory if needed and starts a node; see {@link EmbeddedKafkaBroker#start}. */
    static KafkaNode start(Path logDirectoryOrNull, int portOrZero) {
        Loopback.checkPort(portOrZero);
        if (portOrZero != 0 && !Loopback.isFree(portOrZero)) {
            throw new IllegalStateException("Cannot start Kafka: port " + portOrZero + " on " + Loopback.HOST + " is in use");
        }
        QuietLogging.quietKafkaBroker();
        boolean temporary = logDirectoryOrNull == null;
        Path logDirectory = temporary ? Directories.createTemp("stockwise-kafka-") : Directories.ensure(logDirectoryOrNull);
        try {
            formatIfNeeded(logDirectory);
            for (int attempt = 1; ; attempt++) {
                int port = portOrZero != 0 ? portOrZero : Loopback.freePort();
                KafkaNode node = new KafkaNode(logDirectory, temporary, port, freePortOtherThan(port));
                try {
                    synchronized (node) {
                        node.startServer();
                    }
                    return node;
                } catch (RuntimeException e) {
                    // A free port taken by someone else between probing and binding: try other ports.
                    if (attempt >= START_ATTEMPTS || !Loopback.isBindFailure(e)) {
                        throw e;
                    }
                    LOG.debug("Kafka could not bind its ports (attempt {}), retrying: {}", attempt, e.toString());
                }
            }
        } catch (RuntimeException | Error e) {
            if (temporary) {
                Directories.deleteQuietly(logDirectory);
            }
            throw e;
        }
    }

    int port() {
        return port;
    }

    Path logDirectory() {
        return logDirectory;
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        KafkaRaftServer running = server;
        server = null;
        long started = System.nanoTime();
        shutdown(running);
        LOG.info("Kafka broker on {}:{} stopped in {} ms", Loopback.HOST, port, elapsedMillis(started));
    }

    @Override
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("Kafka broker on port " + port + " is closed");
        }
        stop();
        long deadline = System.nanoTime() + RESTART_BIND_TIMEOUT.toNanos();
        while (true) {
            if (!Loopback.isFree(controllerPort)) {
                // Only the client port must stay: the controller port is internal to this node.
                controllerPort = freePortOtherThan(port);
            }
            try {
                startServer();
                return;
            } catch (RuntimeException e) {
                // The client port must stay the same: wait a little for whoever holds it.
                if (!Loopback.isBindFailure(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debug("Kafka port {} not yet free for restart, retrying: {}", port, e.toString());
                sleep(Duration.ofMillis(250));
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            if (ownsLogDirectory) {
                Directories.deleteQuietly(logDirectory);
            }
        }
    }

    /** Starts the server; the caller holds the monitor and {@link #server} is {@code null}. */
    private void startServer() {
        long started = System.nanoTime();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Kafka resolves configured classes through the context class loader; make it ours so the
        // broker never mixes in classes of another copy of Kafka (Quarkus loads its own).
        thread.setContextClassLoader(KafkaNode.class.getClassLoader());
        KafkaRaftServer candidate = null;
        try {
            candidate = new KafkaRaftServer(new KafkaConfig(brokerProperties(), false), Time.SYSTEM);
            // Returns once the broker is unfenced and its listeners accept requests.
            candidate.startup();
        } catch (RuntimeException | Error e) {
            if (candidate != null) {
                shutdownAfterFailure(candidate, e);
            }
            if (e instanceof Error) {
                throw e;
            }
            throw new IllegalStateException("Kafka broker did not start on " + Loopback.HOST + ":" + port
                    + " (log directory " + logDirectory + ")", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        server = candidate;
        LOG.info("Kafka broker (KRaft) ready on {}:{} in {} ms (log directory: {}{})", Loopback.HOST, port,
                elapsedMillis(started), logDirectory, ownsLogDirectory ? ", temporary" : "");
    }

    private Properties brokerProperties() {
        Properties p = new Properties();
        // A combined KRaft node with a static single-voter controller quorum.
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("process.roles", "broker,controller");
        p.put("controller.quorum.voters", NODE_ID + "@" + Loopback.HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", BROKER_LISTENER + "://" + Loopback.HOST + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + Loopback.HOST + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + Loopback.HOST + ":" + port);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("log.dirs", logDirectory.toString());

        // One broker: every replication factor and min ISR must be 1, or internal topics are never created.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");

        // Few partitions for internal topics and no rebalance delay: fast start, fast first poll.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.num.partitions", "5");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "3");

        // Small footprint: the default 128 MiB dedupe buffer alone can exhaust a test JVM's heap.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("num.replica.fetchers", "1");
        return p;
    }

    /** Writes {@code meta.properties} and the bootstrap metadata unless the directory is formatted. */
    private static void formatIfNeeded(Path logDirectory) {
        if (Files.exists(logDirectory.resolve(META_PROPERTIES))) {
            return;
        }
        String directory = logDirectory.toString();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(directory)
                    .addDirectory(directory)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka log directory " + logDirectory, e);
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void shutdownAfterFailure(KafkaRaftServer server, Throwable failure) {
        try {
            shutdown(server);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static int freePortOtherThan(int port) {
        int candidate = Loopback.freePort();
        while (candidate == port) {
            candidate = Loopback.freePort();
        }
        return candidate;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
