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
