package io.stockwise.feature.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.commons.kafka.DeadLetters;
import io.stockwise.commons.kafka.KafkaSettings;
import io.stockwise.commons.outbox.OutboxRecord;
import io.stockwise.commons.outbox.OutboxRelayWorker;
import io.stockwise.feature.config.FeatureConfig;
import io.stockwise.feature.domain.DemandBatch;
import io.stockwise.feature.domain.SaleFact;
import io.stockwise.feature.domain.SeriesChange;
import io.stockwise.feature.persistence.SalesBatchWriter;
import io.stockwise.proto.v1.DemandUpdatedEvent;
import io.stockwise.proto.v1.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumes {@code stockwise.sales.v1} into daily demand. Each polled batch is stored in one
 * transaction with its outbox records ({@code DemandUpdatedEvent}s, dead letters) before its
 * offsets are committed; records that can never be applied go to the dead-letter topic so the
 * partition keeps moving.
 */
@ApplicationScoped
public class SalesConsumer {
    private static final Logger LOG = Logger.getLogger(SalesConsumer.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(5);

    private final FeatureConfig config;
    private final SalesBatchWriter writer;
    private final OutboxRelayWorker relay;
    private final FeatureMetrics metrics;
    private final String bootstrapServers;
    private final String clientId;
    private volatile SalesLoop loop;
    private volatile Rebuild rebuild;

    public SalesConsumer(FeatureConfig config, SalesBatchWriter writer, OutboxRelayWorker relay, FeatureMetrics metrics,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.config = config;
        this.writer = writer;
        this.relay = relay;
        this.metrics = metrics;
        this.bootstrapServers = bootstrapServers;
        this.clientId = applicationName + "-sales";
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.consumer().enabled()) {
            LOG.info("Sales consumer disabled (stockwise.feature.consumer.enabled=false)");
            return;
        }
        if (config.rebuild().onStart()) {
            rebuild();
        } else {
            startLoop();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopLoop();
    }

    private synchronized void startLoop() {
        var consumer = config.consumer();
        loop = newLoop("sales-consumer", consumer.groupId(), config.salesTopic());
        loop.start();
        LOG.infof("Consuming %s as group %s", config.salesTopic(), consumer.groupId());
    }

    private synchronized void stopLoop() {
        var l = loop;
        if (l != null) {
            l.close();
            loop = null;
        }
    }

    /**
     * A new, not yet started consumer of {@code topic} in {@code groupId} that stores what it
     * reads like the service's own. Loops sharing a group id split the topic's partitions (as
     * replicas do); tests use this to run several "instances" in one JVM.
     */
    public SalesLoop newLoop(String name, String groupId, String topic) {
        var consumer = config.consumer();
        var properties = KafkaSettings.consumer(bootstrapServers, groupId, clientId + "-" + name,
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(consumer.maxPollRecords())));
        // Undecodable sales are dead-lettered by handle() in the batch's transaction; the loop's own
        // dead letters catch a record that fails the batch permanently (an SQL data error, say).
        return new SalesLoop(name, groupId, topic, properties, this::handle,
                DeadLetters.create(bootstrapServers, clientId + "-" + name, Duration.ofSeconds(30)), consumer.pollTimeout(),
                consumer.retryBackoff(), lags -> metrics.lag(topic, lags));
    }

    /** Whether the consumer is off by configuration, or its loop is running and no rebuild is under way. */
    public boolean isHealthy() {
        var l = loop;
        return !config.consumer().enabled() || (l != null && l.isRunning() && !isRebuilding());
    }

    /** Whether a rebuild started and has not yet read every record that was on the topic when it started. */
    public boolean isRebuilding() {
        var r = rebuild;
        return r != null && r.remaining() > 0;
    }

    /** The last rebuild's progress; empty when none ran since startup. */
    public Optional<RebuildProgress> rebuildProgress() {
        var r = rebuild;
        return r == null ? Optional.empty() : Optional.of(r.progress());
    }

    /**
     * Rebuilds all demand from the beginning of the sales topic: stops consuming, moves the consumer
     * group's committed offsets to the start of every partition, empties the demand tables
     * ({@code sale_event}, {@code daily_demand}, {@code demand_series}, {@code demand_day}) and
     * consumes again. Until every record that was on the topic when it started is stored, the
     * service is not ready and {@code stockwise_feature_rebuild_remaining_records} counts down.
     * Other instances of the group must be stopped: moving the offsets of a group with active
     * members fails, and then nothing is emptied and consumption resumes where it was.
     *
     * @return the progress right after the start
     * @throws IllegalStateException when the offsets could not be moved (nothing was changed)
     */
    public synchronized RebuildProgress rebuild() {
        var topic = config.salesTopic();
        var groupId = config.consumer().groupId();
        stopLoop();
        Map<TopicPartition, Long> earliest;
        Map<TopicPartition, Long> latest;
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            earliest = offsets(admin, topic, OffsetSpec.earliest());
            latest = offsets(admin, topic, OffsetSpec.latest());
            if (!earliest.isEmpty()) {
                var reset = new HashMap<TopicPartition, OffsetAndMetadata>();
                earliest.forEach((tp, offset) -> reset.put(tp, new OffsetAndMetadata(offset)));
                admin.alterConsumerGroupOffsets(groupId, reset).all()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.errorf(e, "Rebuild of %s not started: could not move group %s to the beginning", topic, groupId);
            startLoop();
            throw new IllegalStateException("could not move consumer group " + groupId
                    + " to the beginning of " + topic + " (are other instances still consuming?)", e);
        }
        try {
            writer.reset();
        } catch (SQLException e) {
            startLoop();
            throw new IllegalStateException("could not empty the demand tables", e);
        }
        var r = new Rebuild(topic, earliest, latest, Instant.now());
        rebuild = r;
        metrics.rebuildRemaining(r.remaining());
        LOG.infof("Rebuilding demand from %d records of %s (%d partitions)", r.total, topic, earliest.size());
        startLoop();
        r.logIfDone();
        return r.progress();
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, String topic, OffsetSpec spec) throws Exception {
        Map<String, org.apache.kafka.clients.admin.TopicDescription> described;
        try {
            described = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of();
            }
            throw e;
        }
        var request = new HashMap<TopicPartition, OffsetSpec>();
        described.get(topic).partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), spec));
        var result = new HashMap<TopicPartition, Long>();
        admin.listOffsets(request).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    /**
     * How far a rebuild got.
     *
     * @param totalRecords records on the topic when it started
     * @param remainingRecords of those, records not yet stored
     * @param startTime when it started
     */
    public record RebuildProgress(long totalRecords, long remainingRecords, Instant startTime) {
        /** Whether every record that was on the topic at the start is stored. */
        public boolean done() {
            return remainingRecords == 0;
        }
    }

    /** Tracks a rebuild: the stored offsets against the end offsets seen when it started. */
    private final class Rebuild {
        private final String topic;
        private final Map<Integer, Long> start = new HashMap<>();
        private final Map<Integer, Long> end = new HashMap<>();
        private final Map<Integer, Long> stored = new ConcurrentHashMap<>();
        private final long total;
        private final Instant startTime;
        private volatile long remaining;
        private volatile Instant lastLog;
        private volatile boolean finishedLogged;

        Rebuild(String topic, Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> latest, Instant startTime) {
            this.topic = topic;
            earliest.forEach((tp, o) -> start.put(tp.partition(), o));
            latest.forEach((tp, o) -> end.put(tp.partition(), o));
            long sum = 0;
            for (var e : end.entrySet()) {
                sum += Math.max(0, e.getValue() - start.getOrDefault(e.getKey(), 0L));
            }
            this.total = sum;
            this.remaining = sum;
            this.startTime = startTime;
            this.lastLog = startTime;
        }

        long remaining() {
            return remaining;
        }

        RebuildProgress progress() {
            return new RebuildProgress(total, remaining, startTime);
        }

        /** Called after a batch is stored. */
        void stored(List<ConsumerRecord<String, byte[]>> records) {
            for (var r : records) {
                if (topic.equals(r.topic())) {
                    stored.merge(r.partition(), r.offset() + 1, Math::max);
                }
            }
            long left = 0;
            for (var e : end.entrySet()) {
                long done = Math.max(start.getOrDefault(e.getKey(), 0L), stored.getOrDefault(e.getKey(), 0L));
                left += Math.max(0, e.getValue() - done);
            }
            remaining = left;
            metrics.rebuildRemaining(left);
            var now = Instant.now();
            if (left > 0 && Duration.between(lastLog, now).compareTo(PROGRESS_LOG_INTERVAL) >= 0) {
                lastLog = now;
                LOG.infof("Rebuild: %d of %d records stored (%.1f%%)", total - left, total, 100.0 * (total - left) / total);
            }
            logIfDone();
        }

        void logIfDone() {
            if (remaining == 0 && !finishedLogged) {
                finishedLogged = true;
                double seconds = Math.max(1e-3, Duration.between(startTime, Instant.now()).toMillis() / 1000.0);
                LOG.infof("Rebuild finished: %d records in %.1f s (%.0f records/s)", total, seconds, total / seconds);
            }
        }
    }

    void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        var facts = new ArrayList<SaleFact>(records.size());
        var deadLetters = new ArrayList<OutboxRecord>();
        Instant newest = null;
        for (var record : records) {
            var decoded = SaleEventDecoder.decode(record);
            if (decoded instanceof SaleEventDecoder.Fact f) {
                facts.add(f.fact());
                var t = f.fact().ingestTime() != null ? f.fact().ingestTime() : Instant.ofEpochMilli(record.timestamp());
                newest = newest == null || t.isAfter(newest) ? t : newest;
            } else if (decoded instanceof SaleEventDecoder.Rejected r) {
                deadLetters.add(deadLetter(record, r));
            }
        }
        var changes = writer.write(DemandBatch.of(facts), deadLetters, this::announcements);
        metrics.processed(changes.counted(), changes.notDemand(), changes.duplicates(), deadLetters.size());
        if (newest != null) {
            metrics.seen(newest);
        }
        if (!deadLetters.isEmpty()) {
            LOG.warnf("%d of %d sales records sent to %s", deadLetters.size(), records.size(), config.deadLetterTopic());
        }
        if (!changes.seriesChanges().isEmpty() || !deadLetters.isEmpty()) {
            relay.wake();
        }
        var r = rebuild;
        if (r != null && r.remaining() > 0) {
            r.stored(records);
        }
    }

    private List<OutboxRecord> announcements(List<SeriesChange> changes) {
        var now = ProtoDates.toProto(Instant.now());
        var records = new ArrayList<OutboxRecord>(changes.size());
        for (var c : changes) {
            var event = DemandUpdatedEvent.newBuilder()
                    .setSeries(SeriesKey.newBuilder().setSkuId(c.series().skuId()).setLocationId(c.series().locationId()))
                    .setFirstChangedDate(ProtoDates.toProto(c.firstChangedDate()))
                    .setLastChangedDate(ProtoDates.toProto(c.lastChangedDate()))
                    .setUpdateTime(now)
                    .build();
            records.add(new OutboxRecord(config.demandTopic(), c.series().key(), event.toByteArray()));
        }
        return records;
    }

    private OutboxRecord deadLetter(ConsumerRecord<String, byte[]> record, SaleEventDecoder.Rejected r) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("stockwise.reason", r.reason());
        headers.put("stockwise.field", r.field());
        headers.put("stockwise.description", r.description());
        headers.put("stockwise.source", record.topic() + "/" + record.partition() + "/" + record.offset());
        return new OutboxRecord(config.deadLetterTopic(), record.key() == null ? "" : record.key(),
                record.value() == null ? new byte[0] : record.value(), headers);
    }
}
