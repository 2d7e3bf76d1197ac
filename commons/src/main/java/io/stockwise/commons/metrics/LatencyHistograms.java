package io.stockwise.commons.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Exports gRPC server and client call durations as Prometheus histograms ({@code _bucket} series),
 * not only count, sum and max, so dashboards show p50/p95/p99 per rpc and an alert can watch p99
 * across instances ({@code histogram_quantile} over summed buckets). Buckets from 1 ms to 60 s.
 */
@Singleton
public class LatencyHistograms {
    static final String GRPC_SERVER = "grpc.server.processing.duration";
    static final String GRPC_CLIENT = "grpc.client.processing.duration";

    @Produces
    @Singleton
    public MeterFilter grpcLatencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(GRPC_SERVER) && !id.getName().equals(GRPC_CLIENT)) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(60).toNanos())
                        .build()
                        .merge(config);
            }
        };
    }
}
