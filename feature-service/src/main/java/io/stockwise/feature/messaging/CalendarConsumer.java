package io.stockwise.feature.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stockwise.commons.error.StockwiseException;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.commons.kafka.ConsumerLoop;
import io.stockwise.commons.kafka.DeadLetters;
import io.stockwise.commons.kafka.PoisonRecord;
import io.stockwise.commons.kafka.KafkaSettings;
import io.stockwise.feature.config.FeatureConfig;
import io.stockwise.feature.domain.CalendarEntry;
import io.stockwise.feature.domain.CalendarKind;
import io.stockwise.feature.persistence.CalendarWriter;
import io.stockwise.proto.v1.CalendarEventEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumes {@code stockwise.calendar.v1} into table {@code calendar_event}: each polled batch is
 * upserted in one transaction by the entry's natural key ({@code date}, {@code location_id},
 * {@code name}) before its offsets are committed, so redeliveries and replays are harmless.
 * A record that cannot be read is logged and skipped (the calendar has no dead-letter topic).
 */
@ApplicationScoped
public class CalendarConsumer {
    private static final Logger LOG = Logger.getLogger(CalendarConsumer.class);

    private final FeatureConfig config;
    private final CalendarWriter writer;
    private final FeatureMetrics metrics;
    private final String bootstrapServers;
    private final String clientId;
    private volatile ConsumerLoop loop;
    private volatile DeadLetters deadLetters;

    public CalendarConsumer(FeatureConfig config, CalendarWriter writer, FeatureMetrics metrics,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.config = config;
        this.writer = writer;
        this.metrics = metrics;
        this.bootstrapServers = bootstrapServers;
        this.clientId = applicationName + "-calendar";
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.calendarConsumer().enabled()) {
            LOG.info("Calendar consumer disabled (stockwise.feature.calendar-consumer.enabled=false)");
            return;
        }
        var groupId = config.calendarConsumer().groupId();
        var properties = KafkaSettings.consumer(bootstrapServers, groupId, clientId, Map.of());
        deadLetters = DeadLetters.create(bootstrapServers, clientId, Duration.ofSeconds(30));
        var l = new ConsumerLoop("calendar-consumer", () -> new KafkaConsumer<String, byte[]>(properties),
                List.of(config.calendarTopic()), this::handle, deadLetters, config.consumer().pollTimeout(),
                config.consumer().retryBackoff());
        loop = l;
        l.start();
        LOG.infof("Consuming %s as group %s", config.calendarTopic(), groupId);
    }

    void onStop(@Observes ShutdownEvent event) {
        var l = loop;
        if (l != null) {
            l.close();
            loop = null;
        }
        var d = deadLetters;
        if (d != null) {
            d.close();
        }
    }

    /** Whether the consumer is off by configuration, or its loop is running. */
    public boolean isHealthy() {
        var l = loop;
        return !config.calendarConsumer().enabled() || (l != null && l.isRunning());
    }

    void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        // Last occurrence of a natural key in the batch wins (it is the newest on its partition).
        var byKey = new LinkedHashMap<List<Object>, CalendarWriter.Stamped>();
        int invalid = 0;
        for (var record : records) {
            Optional<CalendarWriter.Stamped> decoded;
            try {
                decoded = decode(record);
            } catch (PoisonRecord e) {
                deadLetters.send(record, e.reason(), e.getMessage());
                invalid++;
                continue;
            }
            if (decoded.isEmpty()) {
                continue;
            }
            var e = decoded.get().entry();
            byKey.put(List.of(e.date(), e.locationId(), e.name()), decoded.get());
        }
        writer.write(new ArrayList<>(byKey.values()));
        metrics.calendarProcessed(byKey.size(), invalid);
    }

    /**
     * The entry of a record; empty for a tombstone (no value: a deletion on the compacted topic).
     *
     * @throws PoisonRecord when it is not a usable CalendarEventEvent
     */
    static Optional<CalendarWriter.Stamped> decode(ConsumerRecord<String, byte[]> record) {
        var source = record.topic() + "/" + record.partition() + "/" + record.offset();
        if (record.value() == null) {
            LOG.debugf("Calendar record %s is a tombstone", source);
            return Optional.empty();
        }
        try {
            var event = CalendarEventEvent.parseFrom(record.value());
            var r = event.getEvent();
            var kind = switch (r.getKind()) {
                case CALENDAR_EVENT_KIND_HOLIDAY -> CalendarKind.HOLIDAY;
                case CALENDAR_EVENT_KIND_EVENT -> CalendarKind.EVENT;
                case CALENDAR_EVENT_KIND_CLOSURE -> CalendarKind.CLOSURE;
                default -> null;
            };
            if (kind == null || r.getName().isEmpty() || ProtoDates.isUnset(r.getDate())) {
                throw new PoisonRecord("INVALID_EVENT", "calendar record " + source + ": missing date, kind or name");
            }
            var date = ProtoDates.toLocalDate(r.getDate(), "event.date");
            var ingest = event.hasIngestTime()
                    ? Instant.ofEpochSecond(event.getIngestTime().getSeconds(), event.getIngestTime().getNanos())
                    : Instant.ofEpochMilli(record.timestamp());
            return Optional.of(new CalendarWriter.Stamped(
                    new CalendarEntry(date, r.getLocationId(), kind, r.getName(), r.getTradingDay()), ingest));
        } catch (InvalidProtocolBufferException | StockwiseException e) {
            throw new PoisonRecord("UNREADABLE", "calendar record " + source + ": " + e.getMessage(), e);
        }
    }
}
