package io.stockwise.forecast.core;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The probabilistic forecast of one series for the days after its cutoff: per horizon day a mean
 * and the nine {@link Quantiles#STANDARD} quantiles, non-negative and non-decreasing (enforced on
 * construction, so no model can hand out crossing quantiles).
 *
 * @param id the series id
 * @param firstDate the first day forecast (the day after the cutoff)
 * @param mean expected units per horizon day
 * @param quantiles {@code [day][level]} units
 */
public record QuantileForecast(String id, LocalDate firstDate, double[] mean, double[][] quantiles) {
    public QuantileForecast {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(firstDate, "firstDate");
        if (mean.length != quantiles.length) {
            throw new IllegalArgumentException("mean and quantiles of " + id + " differ in length");
        }
        mean = mean.clone();
        var q = new double[quantiles.length][];
        for (int h = 0; h < q.length; h++) {
            if (quantiles[h].length != Quantiles.COUNT) {
                throw new IllegalArgumentException("day " + h + " of " + id + " has " + quantiles[h].length + " quantiles");
            }
            q[h] = Quantiles.repair(quantiles[h].clone());
            mean[h] = Double.isFinite(mean[h]) ? Math.max(0, mean[h]) : q[h][4];
        }
        quantiles = q;
    }

    /** Number of days forecast. */
    public int horizon() {
        return mean.length;
    }

    /** The quantile at day {@code h} (0-based) and level index {@code j}. */
    public double quantile(int h, int j) {
        return quantiles[h][j];
    }
}
