package io.stockwise.forecast.domain;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * The forecast of one day's demand.
 *
 * @param date the day forecast
 * @param mean expected units demanded that day, non-negative
 * @param quantiles units at each level of the forecast's quantile levels, in their order;
 *     non-negative and non-decreasing (copied in and out)
 */
public record ForecastDay(LocalDate date, double mean, double[] quantiles) {
    public ForecastDay {
        Objects.requireNonNull(date, "date");
        quantiles = quantiles.clone();
    }

    @Override
    public double[] quantiles() {
        return quantiles.clone();
    }

    /** The quantile at index {@code i} of the levels, without copying. */
    public double quantile(int i) {
        return quantiles[i];
    }

    /** Number of quantiles. */
    public int quantileCount() {
        return quantiles.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForecastDay d && date.equals(d.date) && Double.compare(mean, d.mean) == 0
                && Arrays.equals(quantiles, d.quantiles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(date, mean, Arrays.hashCode(quantiles));
    }

    @Override
    public String toString() {
        return "ForecastDay[" + date + ", mean=" + mean + ", quantiles=" + Arrays.toString(quantiles) + "]";
    }
}
