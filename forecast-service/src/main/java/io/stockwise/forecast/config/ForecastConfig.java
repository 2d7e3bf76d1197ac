package io.stockwise.forecast.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code stockwise.forecast.*}: how forecast-service serves forecasts. */
@ConfigMapping(prefix = "stockwise.forecast")
public interface ForecastConfig {
    /** The model used when a request names none (the serving, "champion", model). */
    @WithDefault("seasonal_naive")
    String championModel();

    /** Calls to feature-service (gRPC client {@code feature}: {@code quarkus.grpc.clients.feature.host/port}). */
    FeatureClient feature();

    /** Refresh on demand changes ({@code stockwise.demand.v1}). */
    Refresh refresh();

    /** {@code stockwise.forecast.refresh.*}: the demand-change consumer. */
    interface Refresh {
        /** Whether demand changes are consumed (marking the champion's forecasts of the changed series stale). */
        @WithDefault("true")
        boolean enabled();

        /**
         * Whether the changed series are then re-forecast at once with the champion (each poll's
         * distinct series, in batches of at most 1,000), stored and published to
         * {@code stockwise.forecasts.v1}; otherwise they are recomputed at their next request.
         */
        @WithDefault("true")
        boolean eager();

        /** Most demand-change records per poll (bounds the work of one refresh batch). */
        @WithDefault("500")
        int maxPollRecords();

        /** The topic of demand changes. */
        @WithDefault("stockwise.demand.v1")
        String topic();

        /** The consumer group. */
        @WithDefault("forecast-service")
        String groupId();

        /** Longest wait of one poll. */
        @WithDefault("PT1S")
        Duration pollTimeout();

        /** Pause before a failed batch is retried. */
        @WithDefault("PT1S")
        Duration retryBackoff();
    }

    /** On-request serving of the trained champion. */
    Serving serving();

    /** {@code stockwise.forecast.serving.*}: the champion's loaded network and its predictor pool. */
    interface Serving {
        /** DJL predictors pooled over the champion's one loaded network; 0 means one per available processor. */
        @WithDefault("0")
        int poolSize();

        /** Where the network runs: {@code auto} (GPU when present), {@code cpu} or {@code gpu} (falls back to the CPU with a warning). */
        @WithDefault("auto")
        String device();

        /** How often the registry is asked whether another version became the champion (another instance trained it). */
        @WithDefault("PT5S")
        Duration championCheckInterval();
    }

    /** Training jobs ({@code TrainModel}). */
    Training training();

    /** {@code stockwise.forecast.training.*}: the global network's defaults and the catalogue read. */
    interface Training {
        /** Deadline of the whole {@code StreamDemandHistory} read of the catalogue. */
        @WithDefault("PT10M")
        Duration streamDeadline();

        /** Hidden units per layer of the network. */
        @WithDefault("128")
        int hidden();

        /** Hidden layers of the network. */
        @WithDefault("2")
        int layers();

        /** Training epochs (a request may ask for others); the network trains once per validation origin and at the cutoff. */
        @WithDefault("4")
        int epochs();

        /** Windows per optimiser step. */
        @WithDefault("256")
        int batchSize();

        /** Most training windows sampled from all series and origins. */
        @WithDefault("40000")
        int maxSamples();

        /** Seed of initialisation, sampling and batch order (a request may ask for another). */
        @WithDefault("42")
        long seed();

        /** {@code auto} (GPU when present), {@code cpu} or {@code gpu} (falls back to the CPU with a warning). */
        @WithDefault("auto")
        String device();

        /** Whether weighted quantile averages of the models (per-segment ensembles) are champion candidates too. */
        @WithDefault("true")
        boolean pairs();

        /**
         * Rolling origins before the cutoff the champion is chosen on (the last one a horizon before
         * it); the network trains once per origin and once more at the cutoff.
         */
        @WithDefault("3")
        int validationOrigins();

        /** Days between those origins. */
        @WithDefault("7")
        int stepDays();
    }

    /** {@code stockwise.forecast.feature.*}: the feature-service client. */
    interface FeatureClient {
        /** Deadline of each {@code GetDemandHistory} call. */
        @WithDefault("PT5S")
        Duration deadline();

        /** Attempts per history read; calls failing with {@code UNAVAILABLE} are retried (they are idempotent). */
        @WithDefault("3")
        int maxAttempts();

        /** Pause before the first retry; doubled for each further one. */
        @WithDefault("PT0.1S")
        Duration retryBackoff();
    }
}
