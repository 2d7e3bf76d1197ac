package io.stockwise.feature.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code stockwise_feature_events_processed_total{outcome}} (counted, not_demand, duplicate,
 * invalid) and {@code stockwise_feature_newest_event_age_seconds}: how old the newest consumed
 * sales line is (by ingestion time), NaN before the first one; it grows while no sales arrive.
 * A singleton, not a lazy proxy, so the meters exist (at zero) from startup.
 */
@Singleton
public class FeatureMetrics {
    private final Counter counted;
    private final Counter notDemand;
    private final Counter duplicate;
    private final Counter invalid;
    private final AtomicReference<Instant> newest = new AtomicReference<>();

    public FeatureMetrics(MeterRegistry registry) {
        this.counted = outcome(registry, "counted");
        this.notDemand = outcome(registry, "not_demand");
        this.duplicate = outcome(registry, "duplicate");
        this.invalid = outcome(registry, "invalid");
        var clock = Clock.systemUTC();
        Gauge.builder("stockwise.feature.newest.event.age.seconds", newest, n -> {
            var t = n.get();
            return t == null ? Double.NaN : (clock.millis() - t.toEpochMilli()) / 1000.0;
        }).description("Age of the newest sales line consumed, by its ingestion time").register(registry);
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

    void seen(Instant eventTime) {
        newest.accumulateAndGet(eventTime, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }
}
