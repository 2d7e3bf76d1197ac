package io.stockwise.optimizer.domain;

import static org.assertj.core.api.Assertions.assertThat;

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
        // Reference figures printed by the planner before the speed-ups (per-point segment walk,
        // Arrays.sort, quickselect, per-scenario lead-time inverse), 1,000 scenarios, default seed.
        var model = new MonteCarloDemandSum(1000, MonteCarloDemandSum.DEFAULT_SEED);
        var days = new java.util.ArrayList<DailyDemand>();
        double[] levels = {0.1, 0.25, 0.5, 0.75, 0.9};
        for (int d = 0; d < 16; d++) {
            days.add(DailyDemand.fromQuantiles(levels, new double[] {0, 1 + d % 3, 4, 7 + d, 12 + 2 * d}, 5));
        }
        var sum = model.quantiles(days, 4, 0.95);
        assertThat(sum.leadTime()).isEqualTo(42.977333333333334);
        assertThat(sum.protectionInterval()).isEqualTo(228.1773333333333);
        var demand = model.scenarios(days, LeadTime.normal(4, 1.5, 365), 3);
        assertThat(demand.quantile(0.95)).isEqualTo(88.60333333333332);
        assertThat(demand.leadQuantile(0.9)).isEqualTo(45.97133333333332);
        assertThat(demand.shortage(30.0)).isEqualTo(19.917031999999935);
        assertThat(demand.leadShortage(20.0)).isEqualTo(8.343723999999993);
        assertThat(demand.leftover(25.0)).isEqualTo(0.9769920000000002);
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
