package io.stockwise.forecast.domain;

/** Quantile arithmetic the baselines share. */
final class Distributions {
    private Distributions() {}

    /**
     * The empirical {@code p}-quantile of ascending {@code sorted} values by linear interpolation
     * between order statistics (Hyndman &amp; Fan type 7): position {@code (n - 1) p}.
     */
    static double empiricalQuantile(double[] sorted, double p) {
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

    /** The index of the first element of ascending {@code sorted} greater than {@code x}; {@code length} when none is. */
    static int firstGreaterThan(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * Quantiles of a Poisson distribution with mean {@code lambda}: for each level {@code p}, the
     * smallest integer {@code q} with {@code P(Y ≤ q) ≥ p}.
     *
     * <p>The probabilities are computed relative to the mode and normalised over the mode ± 12
     * standard deviations (the mass outside is below 1e-30), so large means neither underflow
     * {@code exp(-lambda)} nor lose precision.
     */
    static double[] poissonQuantiles(double lambda, double[] levels) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and non-negative, was " + lambda);
        }
        var out = new double[levels.length];
        if (lambda == 0) {
            return out;
        }
        double sd = Math.sqrt(lambda);
        long mode = (long) Math.floor(lambda);
        long lo = Math.max(0, (long) Math.floor(lambda - 12 * sd - 10));
        long hi = (long) Math.ceil(lambda + 12 * sd + 10);
        int size = (int) (hi - lo + 1);
        var weight = new double[size];
        int modeIndex = (int) (mode - lo);
        weight[modeIndex] = 1;
        for (int i = modeIndex + 1; i < size; i++) {
            weight[i] = weight[i - 1] * lambda / (lo + i);
        }
        for (int i = modeIndex - 1; i >= 0; i--) {
            weight[i] = weight[i + 1] * (lo + i + 1) / lambda;
        }
        double total = 0;
        for (double w : weight) {
            total += w;
        }
        int j = 0;
        double cdf = 0;
        for (int i = 0; i < size && j < levels.length; i++) {
            cdf += weight[i] / total;
            while (j < levels.length && cdf >= levels[j]) {
                out[j++] = lo + i;
            }
        }
        while (j < levels.length) {
            out[j++] = hi;
        }
        return out;
    }
}
