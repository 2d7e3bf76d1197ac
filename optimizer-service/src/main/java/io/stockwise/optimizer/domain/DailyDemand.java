package io.stockwise.optimizer.domain;

import java.util.Arrays;

/**
 * The distribution of one day's demand, built from a forecast's quantiles.
 *
 * <p>The quantile function {@code Q(u)} interpolates the given quantiles linearly between their
 * levels {@code p_1 < ... < p_K}, so the density is piecewise constant between neighbouring
 * quantile values. The tails are extrapolated linearly: below {@code p_1} with the slope of the first
 * segment, floored at 0 (demand is never negative; when the floor is reached the remaining mass sits
 * at 0), and above {@code p_K} with the slope of the last segment up to {@code u = 1}. Quantiles that
 * are all equal therefore give a point mass, and a single quantile (no spread information) is taken
 * as a point mass too. The {@link #mean()} is the forecast's own mean, not the mean of this
 * interpolated distribution.
 */
public final class DailyDemand {
    private final double mean;
    /** Upper bounds in u of segments 0..K-1; segment K ends at 1. */
    private final double[] levels;
    private final double[] intercepts;
    private final double[] slopes;
    private final boolean constant;

    private DailyDemand(double mean, double[] levels, double[] intercepts, double[] slopes, boolean constant) {
        this.mean = mean;
        this.levels = levels;
        this.intercepts = intercepts;
        this.slopes = slopes;
        this.constant = constant;
    }

    /**
     * The day's distribution from quantiles.
     *
     * @param levels probability levels, ascending, strictly between 0 and 1, at least one
     * @param quantiles units at those levels, non-negative and non-decreasing
     * @param mean the forecast's expected demand of the day
     * @throws IllegalArgumentException if the arrays are empty or of different lengths
     */
    public static DailyDemand fromQuantiles(double[] levels, double[] quantiles, double mean) {
        int k = levels.length;
        if (k == 0 || quantiles.length != k) {
            throw new IllegalArgumentException("need as many quantiles as levels, and at least one");
        }
        var intercepts = new double[k + 1];
        var slopes = new double[k + 1];
        if (k == 1) {
            Arrays.fill(intercepts, quantiles[0]);
        } else {
            for (int j = 1; j < k; j++) {
                double slope = (quantiles[j] - quantiles[j - 1]) / (levels[j] - levels[j - 1]);
                slopes[j] = slope;
                intercepts[j] = quantiles[j - 1] - slope * levels[j - 1];
            }
            // Tails continue the first and last inner segments.
            slopes[0] = slopes[1];
            intercepts[0] = intercepts[1];
            slopes[k] = slopes[k - 1];
            intercepts[k] = intercepts[k - 1];
        }
        boolean constant = true;
        for (int j = 1; j < k; j++) {
            constant &= quantiles[j] == quantiles[0];
        }
        return new DailyDemand(mean, levels.clone(), intercepts, slopes, constant);
    }

    /** A day whose demand is exactly {@code units}. */
    public static DailyDemand deterministic(double units) {
        return fromQuantiles(new double[] {0.5}, new double[] {units}, units);
    }

    /** The forecast's expected demand of the day, in units. */
    public double mean() {
        return mean;
    }

    /** True when the day's demand is one value for sure (all quantiles equal). */
    public boolean isConstant() {
        return constant;
    }

    /** {@code Q(u)}: the units that the day's demand does not exceed with probability {@code u}. */
    public double quantile(double u) {
        return valueIn(segment(u), u);
    }

    /** The levels bounding the segments (not copied: callers only read). */
    double[] levels() {
        return levels;
    }

    double[] intercepts() {
        return intercepts;
    }

    double[] slopes() {
        return slopes;
    }

    /** The segment holding {@code u}: 0 below the first level, K at or above the last. */
    int segment(double u) {
        int lo = 0;
        int hi = levels.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (u >= levels[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    double valueIn(int segment, double u) {
        double v = intercepts[segment] + slopes[segment] * u;
        return v > 0 ? v : 0;
    }
}
