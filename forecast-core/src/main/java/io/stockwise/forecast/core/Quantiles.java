package io.stockwise.forecast.core;

import java.util.Arrays;
import java.util.List;

/** The probability levels every Stockwise forecast reports, and the quantile arithmetic the models share. */
public final class Quantiles {
    /**
     * The nine levels of the M5 uncertainty competition, ascending: the median, the quartiles and
     * the central 67%, 95% and 99% intervals.
     */
    public static final List<Double> STANDARD = List.of(0.005, 0.025, 0.165, 0.25, 0.5, 0.75, 0.835, 0.975, 0.995);
    /** Number of levels. */
    public static final int COUNT = 9;
    private static final double[] LEVELS = STANDARD.stream().mapToDouble(Double::doubleValue).toArray();

    private Quantiles() {}

    /** {@link #STANDARD} as a fresh array. */
    public static double[] levels() {
        return LEVELS.clone();
    }

    /** The level at index {@code i}. */
    public static double level(int i) {
        return LEVELS[i];
    }

    /** Makes {@code q} non-negative and non-decreasing in place (running maximum after clamping at 0); returns it. */
    public static double[] repair(double[] q) {
        double prev = 0;
        for (int i = 0; i < q.length; i++) {
            double v = Double.isFinite(q[i]) ? q[i] : prev;
            prev = Math.max(prev, Math.max(0, v));
            q[i] = prev;
        }
        return q;
    }

    /** The empirical {@code p}-quantile of ascending {@code sorted} (Hyndman &amp; Fan type 7). */
    public static double empirical(double[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("no values");
        }
        double pos = (n - 1) * p;
        int lo = (int) Math.floor(pos);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        double frac = pos - lo;
        return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
    }

    /**
     * Quantiles of a count distribution with mean {@code mean} and variance {@code mean · dispersion}
     * (dispersion ≥ 1): Poisson when dispersion is 1, otherwise negative binomial with
     * {@code r = mean / (dispersion - 1)} and success probability {@code 1 / dispersion}. For each
     * level the smallest integer {@code q} with {@code P(Y ≤ q) ≥ p}.
     */
    public static double[] countQuantiles(double mean, double dispersion, double[] levels) {
        var out = new double[levels.length];
        if (!(mean > 1e-12)) {
            return out;
        }
        double d = Math.max(1.0, dispersion);
        // pmf by recurrence from P(0), in log space for the first term.
        double logP0;
        double ratioA;
        double ratioB;
        boolean poisson = d < 1 + 1e-9;
        double r = poisson ? 0 : mean / (d - 1);
        double pSucc = 1 / d; // NB: P(k) = C(k+r-1,k) p^r (1-p)^k
        if (poisson) {
            logP0 = -mean;
            ratioA = 0;
            ratioB = 0;
        } else {
            logP0 = r * Math.log(pSucc);
            ratioA = r - 1;
            ratioB = 1 - pSucc;
        }
        double sd = Math.sqrt(mean * d);
        long max = (long) Math.ceil(mean + 14 * sd + 20);
        if (logP0 < -700) {
            // Too far from zero for the recurrence: a normal approximation, rounded up.
            for (int j = 0; j < levels.length; j++) {
                out[j] = Math.max(0, Math.ceil(mean + sd * Normal.inverse(levels[j])));
            }
            return repair(out);
        }
        double p = Math.exp(logP0);
        double cdf = p;
        int j = 0;
        for (long k = 0; k <= max && j < levels.length; k++) {
            if (k > 0) {
                p *= poisson ? mean / k : (k + ratioA) / k * ratioB;
                cdf += p;
            }
            while (j < levels.length && cdf >= levels[j] - 1e-12) {
                out[j++] = k;
            }
        }
        while (j < levels.length) {
            out[j++] = max;
        }
        return out;
    }

    /** Interpolates the quantile function given by {@code q} at {@code levels} at probability {@code u}; flat outside. */
    public static double inverse(double[] q, double u) {
        if (u <= LEVELS[0]) {
            return q[0];
        }
        for (int i = 1; i < LEVELS.length; i++) {
            if (u <= LEVELS[i]) {
                double f = (u - LEVELS[i - 1]) / (LEVELS[i] - LEVELS[i - 1]);
                return q[i - 1] + f * (q[i] - q[i - 1]);
            }
        }
        return q[LEVELS.length - 1];
    }

    /** Sorts a copy and returns it. */
    public static double[] sorted(double[] values) {
        var c = values.clone();
        Arrays.sort(c);
        return c;
    }
}
