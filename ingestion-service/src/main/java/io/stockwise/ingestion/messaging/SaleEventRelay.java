package io.stockwise.ingestion.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stockwise.commons.kafka.KafkaSettings;
import io.stockwise.commons.outbox.OutboxConfig;
import io.stockwise.ingestion.persistence.EventBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGStatement;

/**
 * Publishes the {@code sale_event_batch} rows (one per stored IngestSales message) to
 * {@code stockwise.sales.v1}, oldest first, each event in stream order with its series as the
 * key, and deletes a row only after Kafka acknowledged all its events ({@code acks=all},
 * idempotent producer): the commons outbox relay's guarantees, one row per message instead of one
 * per sale. One relay of the service publishes at a time (advisory lock), which keeps per-series
 * order across replicas. At least once: if the relay dies between the acknowledgement and the
 * commit of the delete, that row's events are published again; consumers deduplicate by event id.
 *
 * <p>Runs on its own thread from startup to shutdown (the commons relay still publishes the outbox:
 * dead letters and reference data), configured by the same {@code stockwise.outbox.*} keys, and
 * exports {@code stockwise_ingest_events_backlog_records}, {@code stockwise_ingest_events_age_seconds}
 * and {@code stockwise_ingest_events_published_records_total}.
 */
@ApplicationScoped
public class SaleEventRelay {
    public static final String TOPIC = "stockwise.sales.v1";
    private static final Logger LOG = Logger.getLogger(SaleEventRelay.class);
    private static final long LOCK_ID = "stockwise-sale-event-batch".hashCode();
    private static final long BACKLOG_REFRESH_NANOS = Duration.ofSeconds(2).toNanos();

    private final OutboxConfig config;
    private final DataSource dataSource;
    private final String bootstrapServers;
    private final String clientId;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong backlogRecords = new AtomicLong();
    private final AtomicLong backlogAgeMillis = new AtomicLong();
    private volatile Thread thread;
    private volatile Thread sleeper;

    public SaleEventRelay(OutboxConfig config, DataSource dataSource,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String applicationName, MeterRegistry registry) {
        this.config = config;
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
        this.clientId = applicationName + "-sale-events";
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled() || !running.compareAndSet(false, true)) {
            return;
        }
        Gauge.builder("stockwise.ingest.events.backlog.records", backlogRecords, AtomicLong::get)
                .description("Sale events stored but not yet published to Kafka").register(registry);
        Gauge.builder("stockwise.ingest.events.age.seconds", backlogAgeMillis, a -> a.get() / 1000.0)
                .description("Age of the oldest unpublished sale event").register(registry);
        var published = Counter.builder("stockwise.ingest.events.published.records")
                .description("Sale events published to Kafka").register(registry);
        thread = new Thread(() -> loop(published), "sale-event-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Wakes the relay now instead of at its next poll; the store calls it after committing. */
    public void wake() {
        var t = sleeper;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void loop(Counter published) {
        Producer<String, byte[]> producer = null;
        long backoffMillis = 100;
        long nextBacklog = 0;
        while (running.get()) {
            try {
                if (producer == null) {
                    var settings = KafkaSettings.producer(bootstrapServers, clientId, config.sendTimeout());
                    // snappy (native) instead of the shared lz4 (pure Java here): the cheapest compression per event.
                    settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy");
                    producer = new KafkaProducer<>(settings);
                }
                if (System.nanoTime() >= nextBacklog) {
                    refreshBacklog();
                    nextBacklog = System.nanoTime() + BACKLOG_REFRESH_NANOS;
                }
                int n = publishBatch(producer);
                published.increment(n);
                backoffMillis = 100;
                if (n == 0) {
                    pause(config.pollInterval().toMillis());
                }
            } catch (Exception e) {
                LOG.warnf("Sale event relay could not publish (%s); retrying in %d ms", e.getMessage(), backoffMillis);
                if (producer != null) {
                    // A producer whose sends failed may hold broken idempotence state: start afresh.
                    producer.close(Duration.ofSeconds(1));
                    producer = null;
                }
                pause(backoffMillis);
                backoffMillis = Math.min(config.maxBackoff().toMillis(), backoffMillis * 2);
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Publishes the oldest row's events and deletes it, in one transaction.
     *
     * @return events published; 0 when there is nothing to publish or another relay holds the lock
     */
    int publishBatch(Producer<String, byte[]> producer) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n = publishInTransaction(c, producer);
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private int publishInTransaction(Connection c, Producer<String, byte[]> producer) throws SQLException {
        try (var lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_ID);
            try (var rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        long id;
        byte[] payload;
        try (var ps = c.prepareStatement("SELECT id, payload FROM sale_event_batch ORDER BY id LIMIT 1")) {
            // Binary transfer from the first execution: the payload comes as its bytes, not as hex text.
            ps.unwrap(PGStatement.class).setPrepareThreshold(-1);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                id = rs.getLong(1);
                payload = rs.getBytes(2);
            }
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        int n = EventBatch.forEach(payload, (key, value) -> sends.add(producer.send(new ProducerRecord<>(TOPIC, key, value))));
        producer.flush();
        awaitAll(sends);
        try (var delete = c.prepareStatement("DELETE FROM sale_event_batch WHERE id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
        return n;
    }

    private void awaitAll(List<Future<RecordMetadata>> sends) {
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (var f : sends) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka rejected a sale event: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge the sale events within " + config.sendTimeout(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            }
        }
    }

    private void refreshBacklog() throws SQLException {
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT COALESCE(sum(records), 0), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)"
                        + " FROM sale_event_batch")) {
            rs.next();
            backlogRecords.set(rs.getLong(1));
            backlogAgeMillis.set((long) (rs.getDouble(2) * 1000));
        }
    }

    private void pause(long millis) {
        sleeper = Thread.currentThread();
        LockSupport.parkNanos(Duration.ofMillis(millis).toNanos());
        sleeper = null;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (running.compareAndSet(true, false)) {
            var t = thread;
            if (t != null) {
                LockSupport.unpark(t);
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
