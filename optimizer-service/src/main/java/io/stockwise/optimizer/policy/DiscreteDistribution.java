package io.stockwise.optimizer.policy;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * A demand distribution on finitely many points (an empirical sample, a probability mass function,
 * or a Poisson distribution truncated where its tail mass is below 1e-20). Points are sorted and
 * distinct; probabilities sum to 1.
 */
public final class DiscreteDistribution {
    private static final double TOLERANCE = 1e-12;
    private final double[] values;
    private final double[] probabilities;
    private final double[] cumulative;

    private DiscreteDistribution(double[] values, double[] probabilities) {
        this.values = values;
        this.probabilities = probabilities;
        this.cumulative = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += probabilities[i];
            cumulative[i] = sum;
        }
    }

    /**
     * From points and their probabilities. Empty {@code probabilities} means equal weights (an
     * empirical sample); otherwise they must be non-negative, as many as the points and sum to 1
     * (within 1e-9; they are then rescaled to sum exactly to 1).
     */
    public static DiscreteDistribution of(double[] points, double[] probabilities, String field) {
        InvalidPolicyInput.require(points.length > 0, field + ".values", "must not be empty");
        boolean weighted = probabilities.length > 0;
        InvalidPolicyInput.require(!weighted || probabilities.length == points.length, field + ".probabilities",
                "must be empty (equal weights) or have one entry per value");
        var merged = new TreeMap<Double, Double>();
        double total = 0;
        for (int i = 0; i < points.length; i++) {
            InvalidPolicyInput.finite(points[i], field + ".values[" + i + "]");
            double p = weighted ? probabilities[i] : 1.0 / points.length;
            if (weighted) {
                InvalidPolicyInput.nonNegative(p, field + ".probabilities[" + i + "]");
            }
            total += p;
            merged.merge(points[i] == 0 ? 0.0 : points[i], p, Double::sum);
        }
        InvalidPolicyInput.require(Math.abs(total - 1) < 1e-9, field + ".probabilities", "must sum to 1");
        double[] v = new double[merged.size()];
        double[] p = new double[merged.size()];
        int i = 0;
        for (var e : merged.entrySet()) {
            v[i] = e.getKey();
            p[i] = e.getValue() / total;
            i++;
        }
        return new DiscreteDistribution(v, p);
    }

    /** Poisson with the given mean on 0, 1, ..., truncated where the remaining tail is negligible. */
    public static DiscreteDistribution poisson(double mean) {
        var pmf = IntegerPmf.poisson(mean).probabilities();
        double[] v = new double[pmf.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = k;
        }
        return new DiscreteDistribution(v, pmf);
    }

    public double[] values() {
        return values.clone();
    }

    public double mean() {
        double m = 0;
        for (int i = 0; i < values.length; i++) {
            m += values[i] * probabilities[i];
        }
        return m;
    }

    /** P(D <= x). */
    public double cdf(double x) {
        int i = Arrays.binarySearch(values, x);
        int last = i >= 0 ? i : -i - 2;
        return last < 0 ? 0 : Math.min(1, cumulative[last]);
    }

    /** Smallest support point v with P(D <= v) >= q (up to 1e-12 rounding of the cumulative sums). */
    public double quantile(double q) {
        for (int i = 0; i < values.length; i++) {
            if (cumulative[i] >= q - TOLERANCE) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    /** E[(x - D)+]. */
    public double expectedLeftover(double x) {
        double s = 0;
        for (int i = 0; i < values.length && values[i] < x; i++) {
            s += (x - values[i]) * probabilities[i];
        }
        return s;
    }

    /** E[(D - x)+]. */
    public double expectedShortage(double x) {
        double s = 0;
        for (int i = values.length - 1; i >= 0 && values[i] > x; i--) {
            s += (values[i] - x) * probabilities[i];
        }
        return s;
    }
}
