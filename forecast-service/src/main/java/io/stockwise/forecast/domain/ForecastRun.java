package io.stockwise.forecast.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The forecasts made for one request, stored and published together.
 *
 * @param model the model used
 * @param modelVersion its version
 * @param horizonDays days forecast per series
 * @param requestedAsOfDate the as-of day the request asked for; empty when each series used its last day with demand
 * @param createTime when the forecasts were made
 * @param forecasts one per requested series, in request order
 */
public record ForecastRun(String model, String modelVersion, int horizonDays, Optional<LocalDate> requestedAsOfDate,
        Instant createTime, List<SeriesForecast> forecasts) {
    public ForecastRun {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(requestedAsOfDate, "requestedAsOfDate");
        Objects.requireNonNull(createTime, "createTime");
        forecasts = List.copyOf(forecasts);
    }
}
