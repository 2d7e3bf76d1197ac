package io.stockwise.feature.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code stockwise_feature_events_processed_total{outcome}} (counted, not_demand, duplicate,
 * invalid); {@code stockwise_feature_newest_event_age_seconds}: how old the newest consumed
 * sales line is (by ingestion time), NaN before the first one; it grows while no sales arrive;
 * {@code stockwise_feature_consumer_lag_records{topic,partition}}: records not yet consumed per
 * partition this instance consumed, as of its last poll (labels bounded by the partition count);
 * {@code stockwise_feature_rebuild_remaining_records}: records a running rebuild still has to
 * read, 0 when none runs. A singleton, not a lazy proxy, so the meters exist from startup.
 */
@Singleton
public class FeatureMetrics {
    private final Counter counted;
    private final Counter notDemand;
    private final Counter duplicate;
    private final Counter invalid;
    private final Counter calendarStored;
    private final Counter calendarInvalid;
    private final AtomicReference<Instant> newest = new AtomicReference<>();
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private final AtomicLong rebuildRemaining = new AtomicLong();

    public FeatureMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("stockwise.feature.rebuild.remaining.records", rebuildRemaining, AtomicLong::get)
                .description("Records a running demand rebuild still has to read; 0 when none runs")
                .register(registry);
        this.counted = outcome(registry, "counted");
        this.notDemand = outcome(registry, "not_demand");
        this.duplicate = outcome(registry, "duplicate");
        this.invalid = outcome(registry, "invalid");
        this.calendarStored = calendar(registry, "stored");
        this.calendarInvalid = calendar(registry, "invalid");
        var clock = Clock.systemUTC();
        Gauge.builder("stockwise.feature.newest.event.age.seconds", newest, n -> {
            var t = n.get();
            return t == null ? Double.NaN : (clock.millis() - t.toEpochMilli()) / 1000.0;
        }).description("Age of the newest sales line consumed, by its ingestion time").register(registry);
    }

    private static Counter calendar(MeterRegistry registry, String outcome) {
        return Counter.builder("stockwise.feature.calendar.events.processed")
                .description("Shop-calendar entries consumed, by outcome (stored = upserted, redeliveries included)")
                .tag("outcome", outcome)
                .register(registry);
    }

    void calendarProcessed(int stored, int invalidRecords) {
        calendarStored.increment(stored);
        calendarInvalid.increment(invalidRecords);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("stockwise.feature.events.processed")
                .description("Sales lines consumed, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    void processed(int countedLines, int notDemandLines, int duplicateLines, int invalidLines) {
        counted.increment(countedLines);
        notDemand.increment(notDemandLines);
        duplicate.increment(duplicateLines);
        invalid.increment(invalidLines);
    }

    /** Records the lag of the partitions of {@code topic} one consumer polled. */
    void lag(String topic, Map<Integer, Long> byPartition) {
        byPartition.forEach((partition, lag) -> lags.computeIfAbsent(topic + "/" + partition, k -> {
            var value = new AtomicLong();
            Gauge.builder("stockwise.feature.consumer.lag.records", value, AtomicLong::get)
                    .description("Records of the partition not yet consumed, as of this instance's last poll")
                    .tag("topic", topic)
                    .tag("partition", Integer.toString(partition))
                    .register(registry);
            return value;
        }).set(lag));
    }

    void rebuildRemaining(long records) {
        rebuildRemaining.set(records);
    }

    void seen(Instant eventTime) {
        newest.accumulateAndGet(eventTime, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }
}
