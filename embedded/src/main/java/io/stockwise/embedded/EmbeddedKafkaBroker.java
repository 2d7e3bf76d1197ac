package io.stockwise.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A real Kafka broker running inside this JVM as a single KRaft node (broker and controller
 * combined) on {@code 127.0.0.1}, without ZooKeeper or Docker.
 *
 * <p>The node is configured for one broker: every internal topic has replication factor 1,
 * topics are auto-created with 3 partitions, and consumer groups start without rebalance delay.
 * Clients connect with {@link #bootstrapServers()}. {@link #stop()} and {@link #restart()} take
 * the broker down and bring it back on the same port with the same data, to test how clients
 * cope with an outage.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(null, 0)) {
 *     kafka.createTopics(Map.of("orders", 3));
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>The broker's INFO logging is lowered to WARN (set the system property
 * {@code stockwise.embedded.verbose=true} to keep it). Clients should always close
 * producers with a timeout ({@code producer.close(Duration)}): without one they wait forever
 * for a broker that is down.
 *
 * <p>Like a standalone broker, the embedded one halts the process on fatal storage errors, for
 * example when its log directory is deleted while it runs: always {@link #stop()} or
 * {@link #close()} it before touching its files.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** The start/stop side of a broker: local ({@link KafkaNode}) or owned by another class loader. */
    interface Lifecycle {
        void stop();

        void restart();

        boolean isRunning();

        void close();
    }

    private final int port;
    private final Path logDirectory;
    private final Lifecycle lifecycle;

    private EmbeddedKafkaBroker(int port, Path logDirectory, Lifecycle lifecycle) {
        this.port = port;
        this.logDirectory = logDirectory;
        this.lifecycle = lifecycle;
    }

    /**
     * Starts a broker and waits until clients can use it (about 3 s).
     *
     * @param logDirectoryOrNull the log directory: {@code null} for a fresh temporary directory that
     *     {@link #close()} deletes; otherwise a directory that is formatted on first use and whose
     *     topics and records survive later runs
     * @param portOrZero the client port, or {@code 0} for a free one
     * @return the running broker
     * @throws IllegalStateException if the broker cannot be started (for example, port in use)
     */
    public static EmbeddedKafkaBroker start(Path logDirectoryOrNull, int portOrZero) {
        KafkaNode node = KafkaNode.start(logDirectoryOrNull, portOrZero);
        return new EmbeddedKafkaBroker(node.port(), node.logDirectory(), node);
    }

    /** A broker whose lifecycle is driven elsewhere (the JVM-wide shared broker of another class loader). */
    static EmbeddedKafkaBroker attach(int port, Path logDirectory, Lifecycle lifecycle) {
        return new EmbeddedKafkaBroker(port, logDirectory, lifecycle);
    }

    /** {@return the bootstrap servers for clients, {@code 127.0.0.1:<port>}} */
    public String bootstrapServers() {
        return Loopback.HOST + ":" + port;
    }

    /** {@return the client port on {@code 127.0.0.1}; it stays the same across {@link #restart()}} */
    public int port() {
        return port;
    }

    /** {@return the log directory holding topics and metadata} */
    public Path logDirectory() {
        return logDirectory;
    }

    /**
     * Shuts the broker down cleanly; its data is kept for {@link #restart()}. Clients see
     * connection failures until then. Does nothing if the broker is already stopped.
     */
    public void stop() {
        lifecycle.stop();
    }

    /**
     * Starts the broker again (stopping it first if it runs) on the same port with the same log
     * directory, so every record written before is still there. Returns once clients can use it.
     *
     * @throws IllegalStateException if the broker was closed or cannot be started again
     */
    public void restart() {
        lifecycle.restart();
    }

    /** {@return whether the broker is running (started and neither stopped nor closed)} */
    public boolean isRunning() {
        return lifecycle.isRunning();
    }

    /**
     * Creates topics with replication factor 1 and waits until every partition has a leader.
     * Topics that already exist are left as they are (their partition count is not changed).
     *
     * @param topicPartitions topic name to number of partitions (at least 1)
     * @throws IllegalStateException if the broker does not answer or refuses a topic
     */
    public void createTopics(Map<String, Integer> topicPartitions) {
        Objects.requireNonNull(topicPartitions, "topicPartitions");
        List<NewTopic> topics = new ArrayList<>();
        topicPartitions.forEach((name, partitions) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Topic name must not be blank");
            }
            if (partitions == null || partitions < 1) {
                throw new IllegalArgumentException("Topic " + name + " needs at least one partition, got " + partitions);
            }
            topics.add(new NewTopic(name, partitions, (short) 1));
        });
        if (topics.isEmpty()) {
            return;
        }
        Admin admin = newAdmin();
        try {
            CreateTopicsResult result = admin.createTopics(topics);
            for (Map.Entry<String, KafkaFuture<Void>> created : result.values().entrySet()) {
                try {
                    created.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + created.getKey(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, topicPartitions.keySet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } finally {
            admin.close(ADMIN_CLOSE_TIMEOUT);
        }
    }

    /**
     * Stops the broker for good and deletes a temporary log directory (a directory given to
     * {@link #start} is kept). Calling it again does nothing.
     */
    @Override
    public void close() {
        lifecycle.close();
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", " + logDirectory + "]";
    }

    private Admin newAdmin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "stockwise-embedded-admin");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Kafka loads configured classes through the context class loader: use the copy of Kafka we link against.
        thread.setContextClassLoader(EmbeddedKafkaBroker.class.getClassLoader());
        try {
            return Admin.create(config);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Polls topic metadata until every partition of {@code names} has a leader. */
    private static void awaitLeaders(Admin admin, Set<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
                boolean ready = descriptions.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("Could not describe topics " + names, e.getCause());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics " + names + " have no leader after " + ADMIN_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }
}
