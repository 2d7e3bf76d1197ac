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

    /** Re-planning from Kafka: positions from the inventory topic, plans when forecasts arrive. */
    Replan replan();

    /** {@code stockwise.optimizer.simulation.*}. */
    interface Simulation {
        /**
         * Scenarios per series; the quantile's standard error shrinks with its square root. 1,000
         * puts the order-up-to level on average within about 4% of the safety stock of a
         * 20,000-scenario answer, at about a twentieth of the cost (benchmarks/results/optimizer.md).
         */
        @WithDefault("1000")
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

    /** {@code stockwise.optimizer.replan.*}. */
    interface Replan {
        /** Whether the service consumes positions and forecasts and re-plans. */
        @WithDefault("true")
        boolean enabled();

        /** Consumer group of the re-planning consumer. */
        @WithDefault("optimizer-replan")
        String groupId();

        /** Topic of {@code InventoryPositionEvent}s. */
        @WithDefault("stockwise.inventory.v1")
        String inventoryTopic();

        /** Topic of {@code SupplyTermsEvent}s. */
        @WithDefault("stockwise.supply.v1")
        String supplyTopic();

        /** Topic of {@code ForecastPublishedEvent}s. */
        @WithDefault("stockwise.forecasts.v1")
        String forecastsTopic();

        /** Most records per poll. */
        @WithDefault("2000")
        int maxPollRecords();

        /** How long a poll waits for records. */
        @WithDefault("PT1S")
        Duration pollTimeout();

        /** Wait before a failed batch is read again. */
        @WithDefault("PT2S")
        Duration retryBackoff();

        /** Supply terms of re-plans for series with no terms from {@code stockwise.supply.v1}. */
        DefaultTerms terms();
    }

    /** {@code stockwise.optimizer.replan.terms.*}: the terms of event-driven plans. */
    interface DefaultTerms {
        /** Lead time in days. */
        @WithDefault("7")
        int leadTimeDays();

        /** Review period in days. */
        @WithDefault("7")
        int reviewPeriodDays();

        /** Cycle service level, strictly between 0 and 1. */
        @WithDefault("0.95")
        double cycleServiceLevel();

        /** Case pack in units; 1 for single units. */
        @WithDefault("1")
        long casePack();

        /** Minimum order quantity in units; 0 for none. */
        @WithDefault("0")
        double minOrderQuantity();

        /** Unit cost; 0 when unknown. */
        @WithDefault("0")
        double unitCost();
    }
}
