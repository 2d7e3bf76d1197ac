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
        sortNonNegative(protection);
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
        return select(lead, rank(level, n));
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
     * Expected fill rate (Type 2) over the whole protection interval, from the position
     * {@code before} the order and {@code after} it: the expected share of the L + R days' demand
     * served from stock when it occurs. Units short in the first L days (before the order arrives)
     * are {@code E[(D_L - before)^+]}; in the R days after it, {@code E[(D_P - after)^+] - E[(D_L - after)^+]};
     * so the rate is {@code 1 - (E[(D_L - before)^+] + E[(D_P - after)^+] - E[(D_L - after)^+]) / E[D_P]}
     * (1 when no demand is expected). From a position that already covers the lead time it equals the
     * cycle's rate ({@link #cycleFillRate}) averaged with full service over the lead-time days.
     */
    public double fillRate(double before, double after) {
        double demand = mean();
        if (demand <= 1e-12) {
            return 1;
        }
        double shortInLead = leadShortage(before);
        double shortInCycle = Math.max(0, shortage(after) - leadShortage(after));
        return Math.max(0, Math.min(1, 1 - (shortInLead + shortInCycle) / demand));
    }

    /**
     * Expected fill rate (Type 2) of the review cycle an order closes, in steady state with position
     * {@code y} after ordering: {@code 1 - (E[(D_P - y)^+] - E[(D_L - y)^+]) / E[D_P - D_L]} (1 when no
     * demand is expected): the long-run fill rate of an (R, S) policy with S = y, which fill-rate
     * targets are set on.
     */
    public double cycleFillRate(double y, double leadMean) {
        double cycleDemand = mean() - leadMean;
        if (cycleDemand <= 1e-12) {
            return 1;
        }
        double shortInCycle = Math.max(0, shortage(y) - leadShortage(y));
        return Math.max(0, Math.min(1, 1 - shortInCycle / cycleDemand));
    }

    /** Scratch arrays of {@link #sortNonNegative}, one set per thread. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        int[] bucket = new int[0];
        int[] start = new int[0];
        double[] out = new double[0];

        void ensure(int n) {
            if (bucket.length < n) {
                bucket = new int[n];
                start = new int[n + 1];
                out = new double[n];
            }
        }
    }

    /**
     * Sorts finite values ascending, as {@link Arrays#sort(double[])} does, in expected linear time:
     * a distribution pass into n buckets by value ({@code (x - min) / (max - min)}, a monotone map,
     * so bucket order is value order), then insertion sort inside each bucket (a bucket of more than
     * 32 values, as skewed or tied totals make, is sorted by {@code Arrays.sort}). Scenario totals
     * are spread smoothly, so buckets hold about one value each.
     */
    static void sortNonNegative(double[] a) {
        int n = a.length;
        if (n < 64) {
            Arrays.sort(a);
            return;
        }
        double min = a[0];
        double max = a[0];
        for (double x : a) {
            if (x < min) {
                min = x;
            } else if (x > max) {
                max = x;
            }
        }
        if (!(max > min) || !Double.isFinite(max - min)) {
            if (!(max == min)) {
                Arrays.sort(a);
            }
            return;
        }
        var scratch = SCRATCH.get();
        scratch.ensure(n);
        int[] bucket = scratch.bucket;
        int[] start = scratch.start;
        double[] out = scratch.out;
        Arrays.fill(start, 0, n + 1, 0);
        double scale = (n - 1) / (max - min);
        for (int i = 0; i < n; i++) {
            int b = (int) ((a[i] - min) * scale);
            b = b < 0 ? 0 : b >= n ? n - 1 : b;
            bucket[i] = b;
            start[b + 1]++;
        }
        for (int b = 0; b < n; b++) {
            start[b + 1] += start[b];
        }
        // place, counting each bucket's fill in start[b] (restored below from the sizes)
        for (int i = 0; i < n; i++) {
            out[start[bucket[i]]++] = a[i];
        }
        // start[b] is now the end of bucket b; bucket b spans [end(b-1), end(b))
        int from = 0;
        for (int b = 0; b < n; b++) {
            int to = start[b];
            int size = to - from;
            if (size > 32) {
                Arrays.sort(out, from, to);
            } else if (size > 1) {
                for (int i = from + 1; i < to; i++) {
                    double x = out[i];
                    int j = i - 1;
                    while (j >= from && out[j] > x) {
                        out[j + 1] = out[j];
                        j--;
                    }
                    out[j + 1] = x;
                }
            }
            from = to;
        }
        System.arraycopy(out, 0, a, 0, n);
    }

    /**
     * The {@code k}-th smallest value (0-based) of finite values, without changing {@code a}: count
     * the values per bucket as {@link #sortNonNegative} distributes them, then sort only the bucket
     * that holds rank {@code k}. Exact, in expected linear time.
     */
    static double select(double[] a, int k) {
        int n = a.length;
        if (n < 64) {
            var copy = a.clone();
            Arrays.sort(copy);
            return copy[k];
        }
        double min = a[0];
        double max = a[0];
        for (double x : a) {
            if (x < min) {
                min = x;
            } else if (x > max) {
                max = x;
            }
        }
        if (!(max > min) || !Double.isFinite(max - min)) {
            if (max == min) {
                return min;
            }
            var copy = a.clone();
            Arrays.sort(copy);
            return copy[k];
        }
        var scratch = SCRATCH.get();
        scratch.ensure(n);
        int[] count = scratch.start;
        Arrays.fill(count, 0, n, 0);
        double scale = (n - 1) / (max - min);
        for (double x : a) {
            int b = (int) ((x - min) * scale);
            count[b < 0 ? 0 : b >= n ? n - 1 : b]++;
        }
        int target = 0;
        int below = 0;
        while (below + count[target] <= k) {
            below += count[target];
            target++;
        }
        double[] inside = scratch.out;
        int m = 0;
        for (double x : a) {
            int b = (int) ((x - min) * scale);
            if ((b < 0 ? 0 : b >= n ? n - 1 : b) == target) {
                inside[m++] = x;
            }
        }
        Arrays.sort(inside, 0, m);
        return inside[k - below];
    }
}
