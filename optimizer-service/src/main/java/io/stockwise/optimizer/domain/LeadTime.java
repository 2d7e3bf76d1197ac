package io.stockwise.optimizer.domain;

import java.util.Arrays;

/**
 * The distribution of a replenishment lead time over whole days: a fixed number of days, a normal
 * distribution (mean and deviation, rounded to whole days, cut at 0 and at the mean + 4 deviations),
 * or an empirical distribution.
 */
public final class LeadTime {
    private final int[] days;
    private final double[] cumulative;
    private final double mean;

    private LeadTime(int[] days, double[] probabilities) {
        this.days = days;
        this.cumulative = new double[days.length];
        double total = 0;
        for (double p : probabilities) {
            total += p;
        }
        double sum = 0;
        double m = 0;
        for (int i = 0; i < days.length; i++) {
            sum += probabilities[i] / total;
            cumulative[i] = sum;
            m += days[i] * probabilities[i] / total;
        }
        cumulative[days.length - 1] = 1;
        this.mean = m;
    }

    /** Exactly {@code days} days. */
    public static LeadTime fixed(int days) {
        return new LeadTime(new int[] {days}, new double[] {1});
    }

    /**
     * A normal lead time rounded to whole days: day k has the probability of (k - 0.5, k + 0.5], day 0
     * all of the mass below 0.5, and days beyond mean + 4 deviations none (renormalised).
     */
    public static LeadTime normal(double meanDays, double sdDays, int maxDays) {
        if (sdDays <= 0) {
            return fixed((int) Math.round(meanDays));
        }
        int hi = (int) Math.min(maxDays, Math.ceil(meanDays + 4 * sdDays));
        int lo = (int) Math.max(0, Math.floor(meanDays - 4 * sdDays));
        var d = new int[hi - lo + 1];
        var p = new double[d.length];
        for (int k = lo; k <= hi; k++) {
            double upper = k == hi ? 1 : Gaussian.cdf((k + 0.5 - meanDays) / sdDays);
            double lower = k == 0 ? 0 : Gaussian.cdf((k - 0.5 - meanDays) / sdDays);
            d[k - lo] = k;
            p[k - lo] = Math.max(0, upper - lower);
        }
        return new LeadTime(d, p);
    }

    /**
     * An empirical distribution.
     *
     * @param days distinct lead times in days, at least one
     * @param probabilities their probabilities, non-negative, not all 0
     */
    public static LeadTime empirical(int[] days, double[] probabilities) {
        var order = new Integer[days.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(days[a], days[b]));
        var d = new int[days.length];
        var p = new double[days.length];
        for (int i = 0; i < order.length; i++) {
            d[i] = days[order[i]];
            p[i] = probabilities[order[i]];
        }
        return new LeadTime(d, p);
    }

    /** True when the lead time is certain. */
    public boolean isFixed() {
        return days.length == 1;
    }

    /** The expected lead time in days. */
    public double mean() {
        return mean;
    }

    /** The longest possible lead time in days. */
    public int maxDays() {
        return days[days.length - 1];
    }

    /** The shortest possible lead time in days. */
    public int minDays() {
        return days[0];
    }

    /** {@code E[f(L)]}. */
    public double expectation(java.util.function.IntToDoubleFunction f) {
        double sum = 0;
        double previous = 0;
        for (int i = 0; i < days.length; i++) {
            sum += (cumulative[i] - previous) * f.applyAsDouble(days[i]);
            previous = cumulative[i];
        }
        return sum;
    }

    /**
     * {@link #daysAt} at the stratum midpoints {@code (j + 0.5) / n}, j = 0..n-1, in one pass over
     * the ascending midpoints (the same values as {@code daysAt} gives, without a search per point).
     */
    public int[] daysAtStrata(int n) {
        var out = new int[n];
        int i = 0;
        for (int j = 0; j < n; j++) {
            double u = (j + 0.5) / n;
            while (i < days.length - 1 && u > cumulative[i]) {
                i++;
            }
            out[j] = days[i];
        }
        return out;
    }

    /** The lead time at probability level {@code u} in (0, 1): the smallest day whose CDF reaches u. */
    public int daysAt(double u) {
        for (int i = 0; i < days.length; i++) {
            if (u <= cumulative[i]) {
                return days[i];
            }
        }
        return days[days.length - 1];
    }
}
