package io.stockwise.optimizer.domain;

import java.util.Arrays;

/**
 * Sampled demand over the protection interval and over the lead time of one series: {@code n}
 * equally likely scenarios (see {@link MonteCarloDemandSum#scenarios}). Protection-interval totals
 * are kept sorted with prefix sums, so quantiles, the CDF and the loss functions
 * {@code E[(D - y)^+]} and {@code E[(y - D)^+]} take a binary search.
 */
public final class ProtectionDemand {
    private final double[] sorted;
    private final double[] prefix;
    private final double[] lead;
    private final int n;

    /**
     * @param protection protection-interval demand per scenario (sorted here, in place)
     * @param lead lead-time demand per scenario, in the same scenario order as given (not sorted)
     */
    ProtectionDemand(double[] protection, double[] lead) {
        this.n = protection.length;
        Arrays.sort(protection);
        this.sorted = protection;
        this.prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + protection[i];
        }
        this.lead = lead;
    }

    /** Scenarios. */
    public int size() {
        return n;
    }

    /** The {@code level} quantile of protection-interval demand: the ceil(level n)-th smallest total. */
    public double quantile(double level) {
        return sorted[rank(level, n)];
    }

    /** The {@code level} quantile of lead-time demand. */
    public double leadQuantile(double level) {
        return MonteCarloDemandSum.select(lead.clone(), rank(level, n));
    }

    static int rank(double level, int n) {
        return Math.min(n - 1, Math.max(0, (int) Math.ceil(level * n) - 1));
    }

    /** How many totals are at most {@code y}. */
    private int countAtMost(double y) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= y) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** P(D <= y) for protection-interval demand D. */
    public double cdf(double y) {
        return countAtMost(y) / (double) n;
    }

    /** E[(D - y)^+]: expected units short at the end of the protection interval with position y. */
    public double shortage(double y) {
        int k = countAtMost(y);
        return ((prefix[n] - prefix[k]) - y * (n - k)) / n;
    }

    /** E[(y - D)^+]: expected units left at the end of the protection interval. */
    public double leftover(double y) {
        int k = countAtMost(y);
        return (y * k - prefix[k]) / n;
    }

    /** E[(D_L - y)^+] for lead-time demand D_L. */
    public double leadShortage(double y) {
        double sum = 0;
        for (double d : lead) {
            if (d > y) {
                sum += d - y;
            }
        }
        return sum / n;
    }

    /** Mean of the sampled protection-interval demand. */
    public double mean() {
        return prefix[n] / n;
    }

    /** Mean of the sampled lead-time demand. */
    public double leadMean() {
        double sum = 0;
        for (double d : lead) {
            sum += d;
        }
        return sum / n;
    }

    /** The {@code i}-th smallest protection-interval total. */
    double sortedAt(int i) {
        return sorted[i];
    }

    /**
     * Expected fill rate (Type 2) of a review cycle with position {@code y} after ordering:
     * {@code 1 - (E[(D_P - y)^+] - E[(D_L - y)^+]) / E[D_P - D_L]} (1 when no demand is expected).
     */
    public double fillRate(double y, double leadMean) {
        double cycleDemand = mean() - leadMean;
        if (cycleDemand <= 1e-12) {
            return 1;
        }
        double shortInCycle = Math.max(0, shortage(y) - leadShortage(y));
        return Math.max(0, Math.min(1, 1 - shortInCycle / cycleDemand));
    }
}
