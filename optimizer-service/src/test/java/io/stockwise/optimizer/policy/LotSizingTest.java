package io.stockwise.optimizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LotSizingTest {
    @Test
    void eoqClosedForm() {
        var s = EconomicOrderQuantity.eoq(1300, 8, 0.75, "eoq");
        assertThat(s.orderQuantity().getAsDouble()).isCloseTo(Math.sqrt(2 * 8 * 1300 / 0.75), within(1e-9));
        assertThat(s.expectedCost()).isCloseTo(Math.sqrt(2 * 8 * 1300 * 0.75), within(1e-9));
    }

    @Test
    void eoqWithPlannedBackorders() {
        var s = EconomicOrderQuantity.withBackorders(1300, 8, 0.75, 3, "eoqb");
        double q = Math.sqrt(2 * 8 * 1300 * 3.75 / 2.25);
        assertThat(s.orderQuantity().getAsDouble()).isCloseTo(q, within(1e-9));
        assertThat(s.maxBackorders().getAsDouble()).isCloseTo(0.2 * q, within(1e-9));
        // g(Q, x) = K lambda / Q + h x^2 Q / 2 + p (1-x)^2 Q / 2 at the optimum
        double g = 8 * 1300 / q + 0.75 * 0.64 * q / 2 + 3 * 0.04 * q / 2;
        assertThat(s.expectedCost()).isCloseTo(g, within(1e-9));
    }

    @Test
    void snyderShenExamples31And38() {
        var eoq = EconomicOrderQuantity.eoq(1300, 8, 0.225, "eoq");
        assertThat(eoq.orderQuantity().getAsDouble()).isCloseTo(304.0467800264368, within(1e-9));
        assertThat(eoq.expectedCost()).isCloseTo(68.41052550594829, within(1e-9));
        // S&S Example 3.8: stockout fraction x = h/(h+p) = 0.04306, g* = 66.9214
        var eoqb = EconomicOrderQuantity.withBackorders(1300, 8, 0.225, 5, "eoqb");
        assertThat(eoqb.orderQuantity().getAsDouble()).isCloseTo(310.81255515896464, within(1e-9));
        assertThat(1 - eoqb.fillRate().getAsDouble()).isCloseTo(0.0430622009569378, within(1e-12));
        assertThat(eoqb.expectedCost()).isCloseTo(66.92136355097325, within(1e-9));
    }

    @Test
    void silverJointReplenishmentHeuristic() {
        var s = EconomicOrderQuantity.jointReplenishment(600, new double[] {1, 1, 1}, new double[] {160, 20, 50},
                new double[] {120, 840, 300}, EconomicOrderQuantity.JointMethod.SILVER, "jrp");
        assertThat(s.items()).extracting(PolicySolution.ItemPolicy::multiple).containsExactly(1, 3, 1);
        assertThat(s.cycleTime().getAsDouble()).isCloseTo(3.103164454170876, within(1e-12));
        assertThat(s.expectedCost()).isCloseTo(837.8544026261366, within(1e-9));
        assertThat(s.items().get(1).orderQuantity()).isCloseTo(9.309493362512628, within(1e-9));
    }

    @Test
    void quantityDiscounts() {
        double[] b = {0, 100, 500};
        double[] c = {10, 9.5, 9.0};
        var all = EconomicOrderQuantity.quantityDiscount(1200, 25, 0.3, b, c,
                EconomicOrderQuantity.DiscountKind.ALL_UNITS, "d");
        assertThat(all.orderQuantity().getAsDouble()).isEqualTo(500);
        assertThat(all.expectedCost()).isCloseTo(11535.0, within(1e-9));
        var inc = EconomicOrderQuantity.quantityDiscount(1200, 25, 0.3, b, c,
                EconomicOrderQuantity.DiscountKind.INCREMENTAL, "d");
        // bracket [100, 500): Q = sqrt(2 * 1200 * (25 + 1000 - 950) / (0.3 * 9.5)); grid search gives 12123.74018
        assertThat(inc.orderQuantity().getAsDouble()).isCloseTo(Math.sqrt(2 * 1200 * 75 / 2.85), within(1e-9));
        assertThat(inc.expectedCost()).isCloseTo(12123.7401831788, within(1e-6));
    }

    @Test
    void jointReplenishmentConvergesToAStationaryPolicy() {
        var s = EconomicOrderQuantity.jointReplenishment(100, new double[] {1000, 500, 100},
                new double[] {1, 1, 1}, new double[] {10, 10, 40}, EconomicOrderQuantity.JointMethod.INTEGER_MULTIPLES,
                "jrp");
        double t = s.cycleTime().getAsDouble();
        // T is optimal for its multiples, and each multiple is optimal for T
        double fixed = 100;
        double holding = 0;
        double[] lambda = {1000, 500, 100};
        double[] k = {10, 10, 40};
        for (var item : s.items()) {
            int m = item.multiple();
            fixed += k[item.index()] / m;
            holding += lambda[item.index()] * m;
            double ratio = 2 * k[item.index()] / (lambda[item.index()] * t * t);
            assertThat((double) m * (m + 1)).isGreaterThanOrEqualTo(ratio);
            assertThat((double) (m - 1) * m).isLessThan(ratio);
        }
        assertThat(t).isCloseTo(Math.sqrt(2 * fixed / holding), within(1e-12));
        assertThat(s.expectedCost()).isCloseTo(fixed / t + t * holding / 2, within(1e-9));
        assertThat(s.items()).extracting(PolicySolution.ItemPolicy::multiple).containsExactly(1, 1, 2);
    }

    @Test
    void wagnerWhitinSnyderShenExample39() {
        var s = WagnerWhitin.solve(new double[] {90, 120, 80, 70}, new double[] {500, 500, 500, 500},
                new double[] {2, 2, 2, 2}, new double[4], "ww");
        assertThat(s.expectedCost()).isCloseTo(1380, within(1e-9));
        assertThat(s.periods()).extracting(p -> p.orderQuantity().getAsDouble()).containsExactly(210.0, 0.0, 150.0, 0.0);
    }

    @Test
    void wagnerWhitinMatchesEnumerationOfAllPlans() {
        double[] d = {20, 50, 10, 50, 50, 10, 20, 40, 20, 30};
        double[] k = new double[10];
        double[] h = new double[10];
        java.util.Arrays.fill(k, 100);
        java.util.Arrays.fill(h, 1);
        var s = WagnerWhitin.solve(d, k, h, new double[10], "ww");
        assertThat(s.expectedCost()).isCloseTo(580, within(1e-9));
        assertThat(s.periods()).extracting(p -> p.orderQuantity().getAsDouble())
                .containsExactly(80.0, 0.0, 0.0, 130.0, 0.0, 0.0, 0.0, 90.0, 0.0, 0.0);
        // The enumeration, here: all 2^9 sets of order periods (period 1 always orders); each order
        // covers the demand up to the next order, the units carried pay h = 1 per period.
        double best = Double.POSITIVE_INFINITY;
        double[] bestPlan = null;
        for (int mask = 0; mask < 1 << 9; mask++) {
            double cost = 0;
            double[] plan = new double[10];
            int last = 0;
            for (int t = 0; t < 10; t++) {
                if (t == 0 || (mask & 1 << (t - 1)) != 0) {
                    cost += 100;
                    last = t;
                }
                plan[last] += d[t];
                cost += (t - last) * d[t];
            }
            if (cost < best - 1e-9) {
                best = cost;
                bestPlan = plan;
            }
        }
        assertThat(s.expectedCost()).isCloseTo(best, within(1e-9));
        assertThat(s.periods()).extracting(p -> p.orderQuantity().getAsDouble())
                .containsExactly(java.util.Arrays.stream(bestPlan).boxed().toArray(Double[]::new));
    }
}
