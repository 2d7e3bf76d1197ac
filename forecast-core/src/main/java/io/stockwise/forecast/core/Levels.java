package io.stockwise.forecast.core;

import java.util.Arrays;

/**
 * Probability levels a user asks for ({@code --quantiles}, the {@code quantile_levels} of the
 * Forecast rpc): at most {@value #MAX} distinct levels, each strictly between 0 and 1.
 *
 * <p>Models that compute a distribution (the baselines in {@code model}) answer any level
 * directly. A forecast known only at some levels (the nine of {@link QuantileForecast}, which the
 * champion and the service keep as their contract) is read at others by {@link #interpolate}:
 * linearly in probability between the two nearest known levels; beyond the outermost known levels
 * (below 0.005 or above 0.995 for the nine) the tail is extended in normal scores, with the slope
 * of the outermost two levels ({@code q(τ) = q_n + (q_n - q_{n-1})·(z(τ) - z_n)/(z_n - z_{n-1})},
 * {@code z} the standard normal quantile), then clamped at zero: a normal-shaped tail, so a
 * 0.999 quantile lies beyond the 0.995 one instead of repeating it.
 */
public final class Levels {
    /** Most levels one request may ask for. */
    public static final int MAX = 99;

    private Levels() {}

    /**
     * Validates levels: 1 to {@value #MAX}, finite, strictly between 0 and 1, no duplicates.
     *
     * @return the levels sorted ascending (a copy)
     * @throws IllegalArgumentException naming the reason
     */
    public static double[] check(double[] levels) {
        if (levels == null || levels.length == 0) {
            throw new IllegalArgumentException("at least one level is needed");
        }
        if (levels.length > MAX) {
            throw new IllegalArgumentException("at most " + MAX + " levels, found " + levels.length);
        }
        var s = levels.clone();
        Arrays.sort(s);
        for (int i = 0; i < s.length; i++) {
            if (!(s[i] > 0 && s[i] < 1)) {
                throw new IllegalArgumentException("each level must be strictly between 0 and 1, found " + s[i]);
            }
            if (i > 0 && s[i] == s[i - 1]) {
                throw new IllegalArgumentException("level " + s[i] + " is given twice");
            }
        }
        return s;
    }

    /**
     * Parses a comma-separated list such as {@code 0.1,0.5,0.9}, keeping the order given.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static double[] parse(String list) {
        var parts = list.split(",", -1);
        var out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[i].trim() + "' is not a number");
            }
        }
        check(out);
        return out;
    }

    /**
     * The quantile at probability {@code u} of the quantile function known at ascending {@code known}
     * levels as {@code q}: linear between known levels, a normal-score tail beyond them (see the
     * class comment), never negative.
     */
    public static double interpolate(double[] known, double[] q, double u) {
        int n = known.length;
        if (n == 1) {
            return q[0];
        }
        if (u < known[0]) {
            return Math.max(0, tail(known[0], q[0], known[1], q[1], u));
        }
        if (u > known[n - 1]) {
            return Math.max(0, tail(known[n - 1], q[n - 1], known[n - 2], q[n - 2], u));
        }
        int i = Arrays.binarySearch(known, u);
        if (i >= 0) {
            return q[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double f = (u - known[lo]) / (known[hi] - known[lo]);
        return q[lo] + f * (q[hi] - q[lo]);
    }

    private static double tail(double pEdge, double qEdge, double pIn, double qIn, double u) {
        double zEdge = Normal.inverse(pEdge);
        double zIn = Normal.inverse(pIn);
        double slope = (qEdge - qIn) / (zEdge - zIn);
        return qEdge + slope * (Normal.inverse(u) - zEdge);
    }

    /** The union of {@code levels} and {@code extra}, sorted ascending without duplicates. */
    public static double[] union(double[] levels, double... extra) {
        return java.util.stream.DoubleStream.concat(Arrays.stream(levels), Arrays.stream(extra)).distinct().sorted().toArray();
    }

    /** Index of {@code level} in ascending {@code levels}. */
    public static int indexOf(double[] levels, double level) {
        int i = Arrays.binarySearch(levels, level);
        if (i < 0) {
            throw new IllegalArgumentException("level " + level + " not among " + Arrays.toString(levels));
        }
        return i;
    }

    /** The column name of a level as the user wrote it: {@code q} then the shortest decimal, e.g. {@code q0.1}. */
    public static String column(double level) {
        var s = java.math.BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
        return "q" + s;
    }
}
