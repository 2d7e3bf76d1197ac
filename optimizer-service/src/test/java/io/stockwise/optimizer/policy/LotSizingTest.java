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
        // closed forms: Q* = sqrt(2 K lambda (h + p) / (h p)), fraction x = p / (h + p) met from stock,
        // largest backorder (1 - x) Q*
        double q = Math.sqrt(2 * 8 * 1300 * (0.75 + 3) / (0.75 * 3));
        double x = 3 / (0.75 + 3);
        assertThat(s.orderQuantity().getAsDouble()).isCloseTo(q, within(1e-9));
        assertThat(s.maxBackorders().getAsDouble()).isCloseTo((1 - x) * q, within(1e-9));
        // g(Q, x) = K lambda / Q + h x^2 Q / 2 + p (1-x)^2 Q / 2 at the optimum
        double g = 8 * 1300 / q + 0.75 * x * x * q / 2 + 3 * (1 - x) * (1 - x) * q / 2;
        assertThat(s.expectedCost()).isCloseTo(g, within(1e-9));
    }

    @Test
    void snyderShenExamples31And38() {
        // Snyder & Shen, 2nd ed., Example 3.1 (lambda 1300, K 8, h 0.225; stockpyl instance example_3_1):
        // Q* = sqrt(2 K lambda / h) = 304.05, g* = sqrt(2 K lambda h) = 68.41 (closed forms).
        var eoq = EconomicOrderQuantity.eoq(1300, 8, 0.225, "eoq");
        assertThat(eoq.orderQuantity().getAsDouble()).isCloseTo(Math.sqrt(2 * 8 * 1300 / 0.225), within(1e-9))
                .isCloseTo(304.05, within(0.005));
        assertThat(eoq.expectedCost()).isCloseTo(Math.sqrt(2 * 8 * 1300 * 0.225), within(1e-9))
                .isCloseTo(68.41, within(0.005));
        // Example 3.8 (same, p = 5): Q* = sqrt(2 K lambda (h + p) / (h p)), stockout fraction h / (h + p),
        // g* = sqrt(2 K lambda h p / (h + p)) (closed forms; 310.81, 0.04306, 66.92)
        var eoqb = EconomicOrderQuantity.withBackorders(1300, 8, 0.225, 5, "eoqb");
        assertThat(eoqb.orderQuantity().getAsDouble()).isCloseTo(Math.sqrt(2 * 8 * 1300 * 5.225 / (0.225 * 5)),
                within(1e-9)).isCloseTo(310.81, within(0.005));
        assertThat(1 - eoqb.fillRate().getAsDouble()).isCloseTo(0.225 / 5.225, within(1e-12));
        assertThat(eoqb.expectedCost()).isCloseTo(Math.sqrt(2 * 8 * 1300 * 0.225 * 5 / 5.225), within(1e-9))
                .isCloseTo(66.92, within(0.005));
    }

    @Test
    void silverJointReplenishmentHeuristic() {
        // K0 = 600, lambda = (1, 1, 1), h = (160, 20, 50), k = (120, 840, 300) (stockpyl instance
        // scmo_jrp_ex). Silver's (1976) rule written out: the item with the least k / (h lambda) gets
        // m = 1, the others m = round(sqrt(k / (h lambda) * h^ lambda^ / (K0 + k^))), then
        // T = sqrt(2 (K0 + sum k / m) / sum h lambda m) and g = (K0 + sum k / m) / T + T sum h lambda m / 2.
        double major = 600;
        double[] lambda = {1, 1, 1};
        double[] h = {160, 20, 50};
        double[] k = {120, 840, 300};
        int hat = 0;
        for (int j = 1; j < 3; j++) {
            if (k[j] / (h[j] * lambda[j]) < k[hat] / (h[hat] * lambda[hat])) {
                hat = j;
            }
        }
        int[] m = new int[3];
        for (int j = 0; j < 3; j++) {
            m[j] = j == hat ? 1 : (int) Math.max(1, Math.round(Math.sqrt(k[j] / (h[j] * lambda[j])
                    * h[hat] * lambda[hat] / (major + k[hat]))));
        }
        double t = cycle(major, lambda, h, k, m);
        var s = EconomicOrderQuantity.jointReplenishment(major, lambda, h, k, EconomicOrderQuantity.JointMethod.SILVER, "jrp");
        assertThat(s.items()).extracting(PolicySolution.ItemPolicy::multiple).containsExactly(m[0], m[1], m[2]);
        assertThat(s.cycleTime().getAsDouble()).isCloseTo(t, within(1e-12));
        assertThat(s.expectedCost()).isCloseTo(jrpCost(major, lambda, h, k, m, t), within(1e-9));
        assertThat(s.items().get(1).orderQuantity()).isCloseTo(m[1] * t * lambda[1], within(1e-9));
        // here the heuristic is optimal: no multiples in 1..20 cost less
        var best = bestMultiples(major, lambda, h, k);
        assertThat(s.items()).extracting(PolicySolution.ItemPolicy::multiple).containsExactly(best[0], best[1], best[2]);
    }

    @Test
    void quantityDiscounts() {
        // lambda 1200, K 25, i 0.3; brackets [0, 100) at 10, [100, 500) at 9.5, [500, inf) at 9.0.
        double[] b = {0, 100, 500};
        double[] c = {10, 9.5, 9.0};
        // All units: g_j(Q) = c_j lambda + K lambda / Q + i c_j Q / 2; each bracket's stationary point
        // sqrt(2 K lambda / (i c_j)) clipped to the bracket, the best bracket taken; a grid check below.
        double bestAll = Double.POSITIVE_INFINITY;
        double bestAllQ = 0;
        for (int j = 0; j < 3; j++) {
            double q = clip(Math.sqrt(2 * 25 * 1200 / (0.3 * c[j])), b, j);
            double g = allUnits(q, b, c);
            if (g < bestAll) {
                bestAll = g;
                bestAllQ = q;
            }
        }
        assertThat(bestAllQ).isEqualTo(500);
        var all = EconomicOrderQuantity.quantityDiscount(1200, 25, 0.3, b, c,
                EconomicOrderQuantity.DiscountKind.ALL_UNITS, "d");
        assertThat(all.orderQuantity().getAsDouble()).isEqualTo(bestAllQ);
        assertThat(all.expectedCost()).isCloseTo(bestAll, within(1e-9));
        // Incremental: the order costs c(Q) = F_j + c_j Q in bracket j (F_j = c(b_j) - c_j b_j), so
        // g(Q) = lambda c(Q) / Q + K lambda / Q + i c(Q) / 2 has its stationary point at
        // sqrt(2 lambda (K + F_j) / (i c_j)); e.g. bracket [100, 500): sqrt(2 * 1200 * (25 + 50) / (0.3 * 9.5)).
        double bestInc = Double.POSITIVE_INFINITY;
        double bestIncQ = 0;
        for (int j = 0; j < 3; j++) {
            double fixed = incrementalPurchase(b[j], b, c) - c[j] * b[j];
            double q = clip(Math.sqrt(2 * 1200 * (25 + fixed) / (0.3 * c[j])), b, j);
            double g = incremental(q, b, c);
            if (g < bestInc) {
                bestInc = g;
                bestIncQ = q;
            }
        }
        assertThat(bestIncQ).isCloseTo(Math.sqrt(2 * 1200 * 75 / 2.85), within(1e-9));
        for (double q = 1; q < 3000; q += 0.25) {
            assertThat(allUnits(q, b, c)).isGreaterThanOrEqualTo(bestAll - 1e-9);
            assertThat(incremental(q, b, c)).isGreaterThanOrEqualTo(bestInc - 1e-9);
        }
        var inc = EconomicOrderQuantity.quantityDiscount(1200, 25, 0.3, b, c,
                EconomicOrderQuantity.DiscountKind.INCREMENTAL, "d");
        assertThat(inc.orderQuantity().getAsDouble()).isCloseTo(bestIncQ, within(1e-9));
        assertThat(inc.expectedCost()).isCloseTo(bestInc, within(1e-6));
    }

    private static int bracket(double q, double[] b) {
        int j = 0;
        while (j + 1 < b.length && q >= b[j + 1]) {
            j++;
        }
        return j;
    }

    /** q clipped to bracket j, [b_j, b_{j+1}); the open end is approached from below. */
    private static double clip(double q, double[] b, int j) {
        double lo = Math.max(b[j], 1e-9);
        double hi = j + 1 < b.length ? Math.nextDown(b[j + 1]) : Double.POSITIVE_INFINITY;
        return Math.max(lo, Math.min(hi, q));
    }

    private static double allUnits(double q, double[] b, double[] c) {
        double price = c[bracket(q, b)];
        return price * 1200 + 25 * 1200 / q + 0.3 * price * q / 2;
    }

    /** Purchase cost of an order of q units under incremental discounts. */
    private static double incrementalPurchase(double q, double[] b, double[] c) {
        double cost = 0;
        for (int j = 0; j < b.length; j++) {
            double upper = j + 1 < b.length ? b[j + 1] : Double.POSITIVE_INFINITY;
            if (q > b[j]) {
                cost += c[j] * (Math.min(q, upper) - b[j]);
            }
        }
        return cost;
    }

    private static double incremental(double q, double[] b, double[] c) {
        double purchase = incrementalPurchase(q, b, c);
        return 1200 * purchase / q + 25 * 1200 / q + 0.3 * purchase / 2;
    }

    private static double cycle(double major, double[] lambda, double[] h, double[] k, int[] m) {
        double fixed = major;
        double holding = 0;
        for (int j = 0; j < m.length; j++) {
            fixed += k[j] / m[j];
            holding += h[j] * lambda[j] * m[j];
        }
        return Math.sqrt(2 * fixed / holding);
    }

    private static double jrpCost(double major, double[] lambda, double[] h, double[] k, int[] m, double t) {
        double fixed = major;
        double holding = 0;
        for (int j = 0; j < m.length; j++) {
            fixed += k[j] / m[j];
            holding += h[j] * lambda[j] * m[j];
        }
        return fixed / t + t * holding / 2;
    }

    /** The cheapest multiples of three items over 1..20 each, each with its optimal T; fails on a tie. */
    private static int[] bestMultiples(double major, double[] lambda, double[] h, double[] k) {
        double best = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        int[] arg = null;
        for (int a = 1; a <= 20; a++) {
            for (int b = 1; b <= 20; b++) {
                for (int c = 1; c <= 20; c++) {
                    int[] m = {a, b, c};
                    double cost = jrpCost(major, lambda, h, k, m, cycle(major, lambda, h, k, m));
                    if (cost < best) {
                        second = best;
                        best = cost;
                        arg = m;
                    } else {
                        second = Math.min(second, cost);
                    }
                }
            }
        }
        assertThat(second).isGreaterThan(best + 1e-9);
        return arg;
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
        // and here the stationary policy is the best of all multiples in 1..20 (enumerated)
        var best = bestMultiples(100, lambda, new double[] {1, 1, 1}, k);
        assertThat(s.items()).extracting(PolicySolution.ItemPolicy::multiple).containsExactly(best[0], best[1], best[2]);
    }

    @Test
    void wagnerWhitinSnyderShenExample39() {
        // Snyder & Shen, 2nd ed., Example 3.9 (stockpyl instance example_3_9): demands 90, 120, 80, 70,
        // K = 500, h = 2; the book's plan orders 210 in period 1 and 150 in period 3 at cost 1380.
        double[] d = {90, 120, 80, 70};
        var s = WagnerWhitin.solve(d, new double[] {500, 500, 500, 500}, new double[] {2, 2, 2, 2}, new double[4], "ww");
        var best = enumerateZeroInventoryPlans(d, 500, 2);
        assertThat(best.cost()).isEqualTo(1380);
        assertThat(best.orders()).containsExactly(210.0, 0.0, 150.0, 0.0);
        assertThat(s.expectedCost()).isCloseTo(best.cost(), within(1e-9));
        assertThat(s.periods()).extracting(p -> p.orderQuantity().getAsDouble()).containsExactly(best.orders());
    }

    @Test
    void wagnerWhitinMatchesEnumerationOfAllPlans() {
        double[] d = {20, 50, 10, 50, 50, 10, 20, 40, 20, 30};
        double[] k = new double[10];
        double[] h = new double[10];
        java.util.Arrays.fill(k, 100);
        java.util.Arrays.fill(h, 1);
        var s = WagnerWhitin.solve(d, k, h, new double[10], "ww");
        var best = enumerateZeroInventoryPlans(d, 100, 1);
        assertThat(s.expectedCost()).isCloseTo(best.cost(), within(1e-9));
        assertThat(s.periods()).extracting(p -> p.orderQuantity().getAsDouble()).containsExactly(best.orders());
    }

    private record Plan(double cost, Double[] orders) {
    }

    /**
     * Every zero-inventory-ordering plan (each order covers whole periods up to the next order;
     * Wagner & Whitin 1958 show some optimal plan is of this kind): the 2^(T-1) choices of order
     * periods after the first, costed with K per order and h per unit held at the end of a period.
     * Fails when two plans tie for the optimum.
     */
    private static Plan enumerateZeroInventoryPlans(double[] d, double k, double h) {
        int n = d.length;
        double best = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        Double[] arg = null;
        for (int mask = 0; mask < 1 << (n - 1); mask++) {
            Double[] orders = new Double[n];
            java.util.Arrays.fill(orders, 0.0);
            double cost = 0;
            int start = 0;
            for (int t = 1; t <= n; t++) {
                if (t == n || (mask >> (t - 1) & 1) == 1) { // an order in period t ends the run start..t-1
                    double quantity = 0;
                    for (int u = start; u < t; u++) {
                        quantity += d[u];
                    }
                    orders[start] = quantity;
                    cost += k;
                    double stock = quantity;
                    for (int u = start; u < t; u++) {
                        stock -= d[u];
                        cost += h * stock;
                    }
                    start = t;
                }
            }
            if (cost < best) {
                second = best;
                best = cost;
                arg = orders;
            } else {
                second = Math.min(second, cost);
            }
        }
        assertThat(second).as("a unique optimum").isGreaterThan(best + 1e-9);
        return new Plan(best, arg);
    }
}
