package io.stockwise.optimizer.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A probabilistic daily demand forecast of one series: per day a mean and quantiles at shared
 * probability levels. Day 0 is the first day after the forecast's history, which the plan treats as
 * the first day of the protection interval.
 *
 * @param series the series, when the forecast names one (a forecast given inside a plan request may
 *     leave it out)
 * @param model the model that produced it, e.g. {@code seasonal_naive}; may be empty
 * @param modelVersion the model version; may be empty
 * @param quantileLevels the probability levels of every day's quantiles, meant to be ascending and
 *     strictly between 0 and 1 (checked by {@link ForecastChecks})
 * @param days one entry per forecast day, in date order
 * @param asOfDate the last day of history the forecast used, when it says
 * @param obsoleteDaysWithoutDemand days without demand up to {@code asOfDate} when the forecast marks
 *     the series obsolete; 0 when it does not
 */
public record DemandForecast(Optional<SeriesId> series, String model, String modelVersion, double[] quantileLevels,
        List<ForecastDay> days, Optional<LocalDate> asOfDate, int obsoleteDaysWithoutDemand) {
    public DemandForecast {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(asOfDate, "asOfDate");
        if (obsoleteDaysWithoutDemand < 0) {
            throw new IllegalArgumentException("obsoleteDaysWithoutDemand must be at least 0");
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelVersion, "modelVersion");
        quantileLevels = quantileLevels.clone();
        days = List.copyOf(days);
    }

    /** A forecast without an as-of date, not marked obsolete. */
    public DemandForecast(Optional<SeriesId> series, String model, String modelVersion, double[] quantileLevels,
            List<ForecastDay> days) {
        this(series, model, modelVersion, quantileLevels, days, Optional.empty(), 0);
    }

    /** Whether the forecast marks the series obsolete. */
    public boolean obsolete() {
        return obsoleteDaysWithoutDemand > 0;
    }

    /** A copy of the quantile levels (the record is immutable). */
    @Override
    public double[] quantileLevels() {
        return quantileLevels.clone();
    }

    /** The distribution of demand on day {@code day} (0-based); the forecast must be valid. */
    public DailyDemand dailyDemand(int day) {
        var d = days.get(day);
        return DailyDemand.fromQuantiles(quantileLevels, d.quantiles(), d.mean());
    }
}
