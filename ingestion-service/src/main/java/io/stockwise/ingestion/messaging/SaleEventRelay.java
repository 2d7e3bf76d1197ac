package io.stockwise.ingestion.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stockwise.commons.kafka.KafkaSettings;
import io.stockwise.commons.outbox.OutboxConfig;
import io.stockwise.commons.outbox.OutboxRelay;
import io.stockwise.commons.outbox.RelayLoop;
import io.stockwise.commons.outbox.RelayTransaction;
import io.stockwise.ingestion.persistence.EventBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
public class SaleEventRelay implements RelayLoop.Source {
    public static final String TOPIC = "stockwise.sales.v1";
    private static final long LOCK_ID = "stockwise-sale-event-batch".hashCode();

    private final OutboxConfig config;
    private final DataSource dataSource;
    private final String bootstrapServers;
    private final String clientId;
    private final MeterRegistry registry;
    private volatile RelayLoop loop;

    public SaleEventRelay(OutboxConfig config, DataSource dataSource,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String applicationName, MeterRegistry registry) {
        this.config = config;
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
        this.clientId = applicationName + "-sale-events";
        this.registry = registry;
    }

    synchronized void onStart(@Observes StartupEvent event) {
        if (!config.enabled() || loop != null) {
            return;
        }
        loop = new RelayLoop("sale-event-relay", this, this::producerSettings, config, registry,
                "stockwise.ingest.events", "sale event", "sale events");
        loop.start();
    }

    private Properties producerSettings() {
        var settings = KafkaSettings.producer(bootstrapServers, clientId, config.sendTimeout());
        // snappy (native) instead of the shared lz4 (pure Java here): the cheapest compression per event.
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy");
        return settings;
    }

    /** Wakes the relay now instead of at its next poll; the store calls it after committing. */
    public void wake() {
        var l = loop;
        if (l != null) {
            l.wake();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        var l = loop;
        if (l != null) {
            l.stop();
        }
    }

    /**
     * Publishes the oldest row's events and deletes it, in one transaction.
     *
     * @return events published; 0 when there is nothing to publish or another relay holds the lock
     */
    @Override
    public int publishBatch(Producer<String, byte[]> producer) throws SQLException {
        return RelayTransaction.inLock(dataSource, LOCK_ID, c -> publishInTransaction(c, producer));
    }

    private int publishInTransaction(Connection c, Producer<String, byte[]> producer) throws SQLException {
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
        RelayTransaction.awaitAll(sends, config.sendTimeout());
        try (var delete = c.prepareStatement("DELETE FROM sale_event_batch WHERE id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
        return n;
    }

    /** One row per call: rows keep coming while there are any. */
    @Override
    public boolean mayHaveMore(int published) {
        return published > 0;
    }

    @Override
    public OutboxRelay.Backlog backlog() throws SQLException {
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT COALESCE(sum(records), 0), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)"
                        + " FROM sale_event_batch")) {
            rs.next();
            return new OutboxRelay.Backlog(rs.getLong(1), rs.getDouble(2));
        }
    }
}
