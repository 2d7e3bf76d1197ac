package io.stockwise.optimizer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The planner's speed-ups give exactly what the plain computations give. */
class FastPathsTest {
    @Test
    void bucketSortSortsLikeArraysSort() {
        var random = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(3000);
            var a = new double[n];
            int shape = trial % 5;
            for (int i = 0; i < n; i++) {
                a[i] = switch (shape) {
                    case 0 -> random.nextDouble() * 100;
                    case 1 -> random.nextDouble() < 0.6 ? 0 : Math.exp(random.nextGaussian() * 3); // zeros, heavy tail
                    case 2 -> Math.floor(random.nextDouble() * 5); // heavy ties
                    case 3 -> 42.0; // constant
                    default -> 1e9 + random.nextGaussian() * 1e-3; // tiny spread far from 0
                };
            }
            var expected = a.clone();
            Arrays.sort(expected);
            int k = random.nextInt(n);
            assertThat(ProtectionDemand.select(a, k)).isEqualTo(expected[k]);
            assertThat(ProtectionDemand.select(a, n - 1)).isEqualTo(expected[n - 1]);
            ProtectionDemand.sortNonNegative(a);
            assertThat(a).as("trial %d", trial).containsExactly(expected);
        }
    }

    @Test
    void samplingGivesExactlyWhatThePerPointCodeGave() {
        // REGRESSION VALUES: the exact figures below were printed by the planner's own code before the
        // speed-ups (per-point segment walk, Arrays.sort, quickselect, per-scenario lead-time inverse),
        // 1,000 scenarios, default seed. They have no outside source: they pin the speed-ups to
        // bit-identical answers. The independent check is the seeded plain simulation below, which
        // every figure must match within 4 standard errors of a 1,000-scenario estimate.
        var model = new MonteCarloDemandSum(1000, MonteCarloDemandSum.DEFAULT_SEED);
        var days = new java.util.ArrayList<DailyDemand>();
        double[] levels = {0.1, 0.25, 0.5, 0.75, 0.9};
        for (int d = 0; d < 16; d++) {
            days.add(DailyDemand.fromQuantiles(levels, new double[] {0, 1 + d % 3, 4, 7 + d, 12 + 2 * d}, 5));
        }
        var sum = model.quantiles(days, 4, 0.95);
        assertThat(sum.leadTime()).isEqualTo(42.977333333333334);
        assertThat(sum.protectionInterval()).isEqualTo(228.1773333333333);
        var lead = LeadTime.normal(4, 1.5, 365);
        var demand = model.scenarios(days, lead, 3);
        assertThat(demand.quantile(0.95)).isEqualTo(88.60333333333332);
        assertThat(demand.leadQuantile(0.9)).isEqualTo(45.97133333333332);
        assertThat(demand.shortage(30.0)).isEqualTo(19.917031999999935);
        assertThat(demand.leadShortage(20.0)).isEqualTo(8.343723999999993);
        assertThat(demand.leftover(25.0)).isEqualTo(0.9769920000000002);

        // Independent check: 200,000 plain scenarios (independent uniforms per day, the lead time drawn
        // as N(4, 1.5^2) rounded to whole days and cut to 0..10, reviewed every 3 days).
        int n = 200_000;
        var random = new SplittableRandom(2026);
        double[] first4 = new double[n];
        double[] all16 = new double[n];
        double[] protection = new double[n];
        double[] leadDemand = new double[n];
        for (int i = 0; i < n; i++) {
            double[] running = new double[17];
            for (int d = 0; d < 16; d++) {
                running[d + 1] = running[d] + days.get(d).quantile(random.nextDouble());
            }
            first4[i] = running[4];
            all16[i] = running[16];
            int l = (int) Math.max(0, Math.min(10, Math.floor(4 + 1.5 * random.nextGaussian() + 0.5)));
            leadDemand[i] = running[l];
            protection[i] = running[l + 3];
        }
        int plain = 1000; // the scenarios behind the regression values
        assertWithinQuantileError(sum.leadTime(), first4, 0.95, plain);
        assertWithinQuantileError(sum.protectionInterval(), all16, 0.95, plain);
        assertWithinQuantileError(demand.quantile(0.95), protection, 0.95, plain);
        assertWithinQuantileError(demand.leadQuantile(0.9), leadDemand, 0.9, plain);
        assertWithinMeanError(demand.shortage(30.0), protection, x -> Math.max(0, x - 30), plain);
        assertWithinMeanError(demand.leadShortage(20.0), leadDemand, x -> Math.max(0, x - 20), plain);
        assertWithinMeanError(demand.leftover(25.0), protection, x -> Math.max(0, 25 - x), plain);
    }

    /**
     * |estimate - q| within 4 standard errors of a q-quantile estimated from {@code n} scenarios,
     * sqrt(p (1 - p) / n) / f(q), the density f taken from the sample's quantiles at p +- 0.01.
     */
    private static void assertWithinQuantileError(double estimate, double[] sample, double p, int n) {
        var sorted = sample.clone();
        Arrays.sort(sorted);
        double q = sorted[(int) Math.ceil(p * sorted.length) - 1];
        double spread = sorted[(int) Math.ceil((p + 0.01) * sorted.length) - 1]
                - sorted[(int) Math.ceil((p - 0.01) * sorted.length) - 1];
        double standardError = Math.sqrt(p * (1 - p) / n) * spread / 0.02;
        assertThat(estimate).as("quantile %s", p).isCloseTo(q, within(4 * standardError));
    }

    /** |estimate - E f(X)| within 4 standard errors of a mean of {@code n} scenarios. */
    private static void assertWithinMeanError(double estimate, double[] sample, java.util.function.DoubleUnaryOperator f,
                                              int n) {
        double mean = 0;
        double square = 0;
        for (double x : sample) {
            double v = f.applyAsDouble(x);
            mean += v / sample.length;
            square += v * v / sample.length;
        }
        double standardError = Math.sqrt((square - mean * mean) / n);
        assertThat(estimate).isCloseTo(mean, within(4 * standardError));
    }

    @Test
    void leadTimeStrataMatchThePointwiseInverse() {
        var leads = new LeadTime[] {LeadTime.fixed(4), LeadTime.normal(7, 2.5, 365),
                LeadTime.empirical(new int[] {2, 3, 9}, new double[] {0.2, 0.5, 0.3}),
                LeadTime.empirical(new int[] {1, 5}, new double[] {1e-9, 1 - 1e-9})};
        for (var lead : leads) {
            for (int n : new int[] {1, 7, 1000, 20_000}) {
                var strata = lead.daysAtStrata(n);
                for (int j = 0; j < n; j++) {
                    assertThat(strata[j]).isEqualTo(lead.daysAt((j + 0.5) / n));
                }
            }
        }
    }
}
