package io.stockwise.feature.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.commons.kafka.ConsumerLoop;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

    private final FeatureConfig config;
    private final SalesBatchWriter writer;
    private final OutboxRelayWorker relay;
    private final FeatureMetrics metrics;
    private final String bootstrapServers;
    private final String clientId;
    private volatile ConsumerLoop loop;

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
        var consumer = config.consumer();
        if (!consumer.enabled()) {
            LOG.info("Sales consumer disabled (stockwise.feature.consumer.enabled=false)");
            return;
        }
        var overrides = Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(consumer.maxPollRecords()));
        loop = new ConsumerLoop("sales-consumer",
                () -> new KafkaConsumer<>(KafkaSettings.consumer(bootstrapServers, consumer.groupId(), clientId, overrides)),
                List.of(config.salesTopic()), this::handle, consumer.pollTimeout(), consumer.retryBackoff());
        loop.start();
        LOG.infof("Consuming %s as group %s", config.salesTopic(), consumer.groupId());
    }

    void onStop(@Observes ShutdownEvent event) {
        var l = loop;
        if (l != null) {
            l.close();
        }
    }

    /** Whether the consumer is off by configuration or its loop is running. */
    public boolean isHealthy() {
        var l = loop;
        return !config.consumer().enabled() || (l != null && l.isRunning());
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
