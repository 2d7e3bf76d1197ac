package io.stockwise.forecast.core;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A probabilistic forecast at any ascending set of probability levels (see {@link Levels}): per
 * horizon step (day, week or month, see {@link Bucket}) a mean and one quantile per level,
 * non-negative and non-decreasing (enforced on construction). {@link QuantileForecast} is the
 * special case of the nine standard levels that the champion and the service exchange.
 *
 * @param id the series id
 * @param firstDate the first step forecast, in bucket time
 * @param levels the probability levels, strictly ascending, each in (0, 1)
 * @param mean expected units per step; a non-finite mean is replaced by the median
 * @param quantiles {@code [step][level]} units
 */
public record LevelForecast(String id, LocalDate firstDate, double[] levels, double[] mean, double[][] quantiles) {
    public LevelForecast {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(firstDate, "firstDate");
        levels = Levels.check(levels);
        if (mean.length != quantiles.length) {
            throw new IllegalArgumentException("mean and quantiles of " + id + " differ in length");
        }
        mean = mean.clone();
        var q = new double[quantiles.length][];
        for (int h = 0; h < q.length; h++) {
            if (quantiles[h].length != levels.length) {
                throw new IllegalArgumentException("step " + h + " of " + id + " has " + quantiles[h].length + " quantiles for "
                        + levels.length + " levels");
            }
            q[h] = Quantiles.repair(quantiles[h].clone());
            mean[h] = Double.isFinite(mean[h]) ? Math.max(0, mean[h]) : Levels.interpolate(levels, q[h], 0.5);
        }
        quantiles = q;
    }

    /** Number of steps forecast. */
    public int horizon() {
        return mean.length;
    }

    /** The quantile at step {@code h} (0-based) and level index {@code j}. */
    public double quantile(int h, int j) {
        return quantiles[h][j];
    }

    /** This forecast as a nine-level {@link QuantileForecast}; the levels must be {@link Quantiles#STANDARD}. */
    public QuantileForecast toStandard() {
        if (!java.util.Arrays.equals(levels, Quantiles.levels())) {
            throw new IllegalStateException("levels of " + id + " are not the standard nine");
        }
        return new QuantileForecast(id, firstDate, mean, quantiles);
    }

    /** The same forecast at other levels, each read off this one's quantile function ({@link Levels#interpolate}). */
    public LevelForecast at(double[] others) {
        var sorted = Levels.check(others);
        var q = new double[horizon()][sorted.length];
        for (int h = 0; h < q.length; h++) {
            for (int j = 0; j < sorted.length; j++) {
                q[h][j] = Levels.interpolate(levels, quantiles[h], sorted[j]);
            }
        }
        return new LevelForecast(id, firstDate, sorted, mean, q);
    }

    /** A nine-level forecast seen as a level forecast. */
    public static LevelForecast of(QuantileForecast f) {
        return new LevelForecast(f.id(), f.firstDate(), Quantiles.levels(), f.mean(), f.quantiles());
    }
}
