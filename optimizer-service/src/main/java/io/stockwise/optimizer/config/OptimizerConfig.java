package io.stockwise.optimizer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code stockwise.optimizer.*}: how the optimizer plans and where it gets forecasts. */
@ConfigMapping(prefix = "stockwise.optimizer")
public interface OptimizerConfig {
    /** The Monte Carlo that sums daily demand over lead time and protection interval. */
    Simulation simulation();

    /** Calls to forecast-service (host and port: {@code quarkus.grpc.clients.forecast.*}). */
    Forecast forecast();

    /** Where plans are announced. */
    Plans plans();

    /** {@code stockwise.optimizer.simulation.*}. */
    interface Simulation {
        /** Scenarios per series; the quantile's standard error shrinks with its square root. */
        @WithDefault("20000")
        int samples();

        /** The generator's seed; fixed so the same input always gives the same plan. */
        @WithDefault("104373592858660")
        long seed();
    }

    /** {@code stockwise.optimizer.forecast.*}. */
    interface Forecast {
        /** Deadline of each {@code Forecast} call to forecast-service. */
        @WithDefault("PT10S")
        Duration deadline();

        /** Series per {@code Forecast} call: forecast-service takes at most 1,000. */
        @WithDefault("1000")
        int batchSize();
    }

    /** {@code stockwise.optimizer.plans.*}. */
    interface Plans {
        /** The topic of {@code PlanPublishedEvent}s, one per plan line, keyed by series key. */
        @WithDefault("stockwise.plans.v1")
        String topic();
    }
}
