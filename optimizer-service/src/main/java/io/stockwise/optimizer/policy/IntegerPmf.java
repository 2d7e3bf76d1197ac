package io.stockwise.optimizer.policy;

/**
 * A demand distribution on 0, 1, ..., n (units), for the lattice algorithms (Poisson base-stock,
 * Federgruen-Zheng (r,Q), Zheng-Federgruen (s,S)).
 */
public final class IntegerPmf {
    private final double[] p;

    private IntegerPmf(double[] p) {
        this.p = p;
    }

    /** From probabilities of 0, 1, ..., n; they must be non-negative and sum to 1 (within 1e-9). */
    public static IntegerPmf of(double[] probabilities, String field) {
        InvalidPolicyInput.require(probabilities.length > 0, field, "must not be empty");
        double total = 0;
        for (int i = 0; i < probabilities.length; i++) {
            total += InvalidPolicyInput.nonNegative(probabilities[i], field + "[" + i + "]");
        }
        InvalidPolicyInput.require(Math.abs(total - 1) < 1e-9, field, "must sum to 1");
        double[] q = new double[probabilities.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = probabilities[i] / total;
        }
        return new IntegerPmf(q);
    }

    /** Poisson(mean), truncated after the point where the tail mass is below about 1e-20. */
    public static IntegerPmf poisson(double mean) {
        if (mean == 0) {
            return new IntegerPmf(new double[] {1});
        }
        int n = (int) Math.ceil(mean + 14 * Math.sqrt(mean) + 40);
        double[] q = new double[n + 1];
        double logMean = Math.log(mean);
        for (int k = 0; k <= n; k++) {
            q[k] = Math.exp(k * logMean - mean - logGamma(k + 1.0));
        }
        return new IntegerPmf(q);
    }

    /** The distribution of the sum of {@code periods} independent copies (periods >= 1). */
    public IntegerPmf sumOf(int periods) {
        double[] result = {1};
        for (int t = 0; t < periods; t++) {
            double[] next = new double[result.length + p.length - 1];
            for (int i = 0; i < result.length; i++) {
                if (result[i] == 0) {
                    continue;
                }
                for (int j = 0; j < p.length; j++) {
                    next[i + j] += result[i] * p[j];
                }
            }
            result = next;
        }
        return new IntegerPmf(result);
    }

    public double[] probabilities() {
        return p.clone();
    }

    /** P(D = k); 0 outside the support. */
    public double pmf(int k) {
        return k < 0 || k >= p.length ? 0 : p[k];
    }

    public int maxValue() {
        return p.length - 1;
    }

    public double mean() {
        double m = 0;
        for (int k = 0; k < p.length; k++) {
            m += k * p[k];
        }
        return m;
    }

    public double variance() {
        double m = mean();
        double v = 0;
        for (int k = 0; k < p.length; k++) {
            v += (k - m) * (k - m) * p[k];
        }
        return v;
    }

    /** P(D <= y). */
    public double cdf(long y) {
        if (y < 0) {
            return 0;
        }
        double s = 0;
        for (int k = 0; k <= Math.min(y, p.length - 1); k++) {
            s += p[k];
        }
        return Math.min(1, s);
    }

    /** E[(y - D)+]. */
    public double expectedLeftover(long y) {
        double s = 0;
        for (int k = 0; k < p.length && k < y; k++) {
            s += (y - k) * p[k];
        }
        return s;
    }

    /** E[(D - y)+]. */
    public double expectedShortage(long y) {
        return mean() - y + expectedLeftover(y);
    }

    /** Smallest y >= 0 with P(D <= y) >= q (up to 1e-12 rounding). */
    public int quantile(double q) {
        double s = 0;
        for (int k = 0; k < p.length; k++) {
            s += p[k];
            if (s >= q - 1e-12) {
                return k;
            }
        }
        return p.length - 1;
    }

    /** ln Gamma(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15). */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
