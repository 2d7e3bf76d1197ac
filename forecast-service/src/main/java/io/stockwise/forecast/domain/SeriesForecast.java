package io.stockwise.forecast.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The probabilistic forecast of one series: a mean and quantiles for each day after {@code asOfDate}.
 *
 * @param series the series
 * @param model the model that produced it, e.g. {@code seasonal_naive}
 * @param modelVersion the model's version, e.g. {@code seasonal_naive-1}
 * @param asOfDate the last day of history used; {@code days} start the day after
 * @param quantileLevels the probability levels of every day's quantiles, ascending
 * @param days one entry per horizon day, in date order
 * @param createTime when the forecast was made
 * @param obsoleteDaysWithoutDemand days without demand up to {@code asOfDate} when the series is
 *     obsolete ({@code ForecastPostProcessor#obsolete}); 0 when it is not
 */
public record SeriesForecast(SeriesId series, String model, String modelVersion, LocalDate asOfDate,
        List<Double> quantileLevels, List<ForecastDay> days, Instant createTime, int obsoleteDaysWithoutDemand) {
    public SeriesForecast {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(asOfDate, "asOfDate");
        Objects.requireNonNull(createTime, "createTime");
        quantileLevels = List.copyOf(quantileLevels);
        days = List.copyOf(days);
        for (var day : days) {
            if (day.quantileCount() != quantileLevels.size()) {
                throw new IllegalArgumentException("day " + day.date() + " has " + day.quantileCount()
                        + " quantiles for " + quantileLevels.size() + " levels");
            }
        }
    }

    /** A forecast of a series not classified obsolete. */
    public SeriesForecast(SeriesId series, String model, String modelVersion, LocalDate asOfDate,
            List<Double> quantileLevels, List<ForecastDay> days, Instant createTime) {
        this(series, model, modelVersion, asOfDate, quantileLevels, days, createTime, 0);
    }

    /** Number of days forecast. */
    public int horizonDays() {
        return days.size();
    }
}
