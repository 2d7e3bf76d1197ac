package io.stockwise.optimizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class DynamicAndLostSalesTest {
    @Test
    void finiteHorizonDpMatchesAnIndependentRecursion() {
        // Reference: the exhaustive search below (BruteForce, zero lead time) over every order quantity
        // 0..40 in every period (40 is more than twice the whole horizon's mean demand of 18), Poisson
        // probabilities by their recursion up to 59 units a period (tail below 1e-20).
        double[] means = {3, 5, 4, 6};
        double[] k = {10, 0, 15, 10};
        double[] c = {1, 1.5, 1, 2};
        double[] h = {1, 1, 2, 1};
        double[] p = {5, 5, 5, 8};
        var periods = new ArrayList<FiniteHorizonStochastic.Period>();
        var pmfs = new double[4][];
        for (int t = 0; t < 4; t++) {
            periods.add(new FiniteHorizonStochastic.Period(IntegerPmf.poisson(means[t]), k[t], c[t], h[t], p[t]));
            pmfs[t] = NewsvendorTest.poisson(means[t], 60);
        }
        var s = FiniteHorizonStochastic.solve(periods, 0, "dp");
        double reference = new BruteForce(pmfs, k, c, h, p, 0, 40).value(0, 0, new long[0]);
        assertThat(s.expectedCost()).isCloseTo(reference, within(1e-9));
        assertThat(s.periods()).hasSize(4);
        // K = 0 in period 2: a base-stock period, s = S - 1
        var second = s.periods().get(1);
        assertThat(second.reorderPoint().getAsDouble()).isEqualTo(second.orderUpToLevel().getAsDouble() - 1);
    }

    @Test
    void finiteHorizonDpWithLeadTimeMatchesBruteForceOverThePhysicalState() {
        // Brute force: optimal expected cost over the full state (net inventory, each order in transit),
        // every order quantity 0..8 in every period (demand is at most 3 a period), costs charged in the period they occur. The
        // position DP leaves out the costs of periods 1..L (fixed by the starting pipeline).
        var pmfs = new double[][] {{0.2, 0.5, 0.3}, {0.1, 0.3, 0.4, 0.2}, {0.5, 0.5}, {0.3, 0.3, 0.4}, {0.25, 0.25, 0.5}};
        double[] k = {4, 0, 6, 3, 5};
        double[] c = {1, 2, 1, 1.5, 1};
        double[] h = {1, 0.5, 1, 2, 1};
        double[] p = {6, 4, 9, 5, 7};
        var periods = new ArrayList<FiniteHorizonStochastic.Period>();
        for (int t = 0; t < pmfs.length; t++) {
            periods.add(new FiniteHorizonStochastic.Period(IntegerPmf.of(pmfs[t], "d"), k[t], c[t], h[t], p[t]));
        }
        for (int lead = 0; lead <= 2; lead++) {
            long[] pipeline = new long[lead];
            if (lead > 0) {
                pipeline[0] = 1; // one unit arriving at the start of period 1
            }
            long onHand = 1;
            var brute = new BruteForce(pmfs, k, c, h, p, lead, 8);
            double total = brute.value(0, onHand, pipeline);
            double fixed = brute.costOfFirstPeriods(onHand, pipeline);
            long position = onHand + java.util.Arrays.stream(pipeline).sum();
            var dp = FiniteHorizonStochastic.solve(periods, position, lead, "dp");
            assertThat(dp.expectedCost()).as("L = %d", lead).isCloseTo(total - fixed, within(1e-9));
            assertThat(dp.periods()).hasSize(pmfs.length - lead);
            assertThat(dp.method()).isEqualTo(lead == 0 ? "FINITE_HORIZON_DP" : "FINITE_HORIZON_DP_LEAD_TIME");
        }
        // L = 0 is the zero-lead-time recursion
        assertThat(FiniteHorizonStochastic.solve(periods, 2, 0, "dp")).isEqualTo(FiniteHorizonStochastic.solve(periods, 2, "dp"));
    }

    /** Exhaustive search over order quantities on the physical state (net inventory, pipeline). */
    private record BruteForce(double[][] pmfs, double[] k, double[] c, double[] h, double[] p, int lead,
                              int maxOrder, java.util.Map<String, Double> memo) {
        BruteForce(double[][] pmfs, double[] k, double[] c, double[] h, double[] p, int lead, int maxOrder) {
            this(pmfs, k, c, h, p, lead, maxOrder, new java.util.HashMap<>());
        }

        double value(int t, long net, long[] pipeline) {
            if (t == pmfs.length) {
                return 0;
            }
            String key = t + "/" + net + "/" + java.util.Arrays.toString(pipeline);
            var known = memo.get(key);
            if (known != null) {
                return known;
            }
            double best = Double.POSITIVE_INFINITY;
            for (int q = 0; q <= maxOrder; q++) {
                double cost = (q > 0 ? k[t] : 0) + c[t] * q;
                long arriving = lead == 0 ? q : pipeline[0];
                long[] next = new long[lead];
                for (int i = 0; i + 1 < lead; i++) {
                    next[i] = pipeline[i + 1];
                }
                if (lead > 0) {
                    next[lead - 1] = q;
                }
                for (int d = 0; d < pmfs[t].length; d++) {
                    long end = net + arriving - d;
                    cost += pmfs[t][d] * ((end >= 0 ? h[t] * end : -p[t] * end) + value(t + 1, end, next));
                }
                best = Math.min(best, cost);
            }
            memo.put(key, best);
            return best;
        }

        /** Expected holding and shortage cost of periods 1..L, which no order can change. */
        double costOfFirstPeriods(long net, long[] pipeline) {
            double[] dist = {1}; // distribution of cumulative demand
            double total = 0;
            long arrived = 0;
            for (int t = 0; t < lead; t++) {
                arrived += pipeline[t];
                double[] nextDist = new double[dist.length + pmfs[t].length - 1];
                for (int a = 0; a < dist.length; a++) {
                    for (int d = 0; d < pmfs[t].length; d++) {
                        nextDist[a + d] += dist[a] * pmfs[t][d];
                    }
                }
                dist = nextDist;
                for (int a = 0; a < dist.length; a++) {
                    long end = net + arrived - a;
                    total += dist[a] * (end >= 0 ? h[t] * end : -p[t] * end);
                }
            }
            return total;
        }
    }

    @Test
    void lostSalesBaseStockByExactChainEvaluation() {
        // Poisson(3), L = 2, h = 1, p = 9. Reference: LostSalesChain below, a linear solve (Gaussian
        // elimination) for the stationary distribution of the pipeline after ordering, S = 0..16; the
        // lost-sales base-stock cost is convex in S (Janakiraman & Roundy 2004), so a minimum inside
        // 0..16 that rises on both sides is the best S.
        var demand = IntegerPmf.poisson(3);
        double[] pmf = NewsvendorTest.poisson(3, 60);
        double[] costs = new double[17];
        int bestS = 0;
        for (int level = 0; level < costs.length; level++) {
            costs[level] = LostSalesChain.cost(pmf, 2, 1, 9, level);
            if (costs[level] < costs[bestS]) {
                bestS = level;
            }
        }
        assertThat(bestS).isBetween(1, costs.length - 3);
        assertThat(costs[bestS + 1]).isGreaterThan(costs[bestS]);
        assertThat(costs[bestS - 1]).isGreaterThan(costs[bestS]);
        assertThat(LostSalesBaseStock.evaluate(demand, 2, 1, 9, 10)[0]).isCloseTo(costs[10], within(1e-9));
        var s = LostSalesBaseStock.best(demand, 2, 1, 9, "ls");
        assertThat(s.orderUpToLevel().getAsDouble()).isEqualTo(bestS);
        assertThat(s.expectedCost()).isCloseTo(costs[bestS], within(1e-9));
        // L = 0 is a repeated newsvendor
        var zero = LostSalesBaseStock.best(demand, 0, 1, 9, "ls");
        var newsvendor = Newsvendor.poisson(3, Newsvendor.Costs.costForm(1, 9, "c"), "n");
        assertThat(zero.orderUpToLevel()).isEqualTo(newsvendor.orderUpToLevel());
        assertThat(zero.expectedCost()).isCloseTo(newsvendor.expectedCost(), within(1e-12));
    }

    /**
     * Lost-sales base-stock S with lead time L = 2 periods. State: the two outstanding orders (q1
     * arriving next period, q2 the one after) right after this period's order; on hand during the
     * period's demand is y = S - q1 - q2. Demand d sells min(y, d), the rest is lost; cost h (y - d)+
     * + p (d - y)+; next period q1 arrives and the order equals this period's sales, so the next state
     * is (q2, sales). Stationary distribution by Gaussian elimination on pi P = pi, sum pi = 1.
     */
    private static final class LostSalesChain {
        static double cost(double[] pmf, int lead, double h, double p, int s) {
            if (lead != 2) {
                throw new IllegalArgumentException("written for L = 2");
            }
            int[][] index = new int[s + 1][s + 1];
            var states = new ArrayList<int[]>();
            for (int q1 = 0; q1 <= s; q1++) {
                for (int q2 = 0; q1 + q2 <= s; q2++) {
                    index[q1][q2] = states.size();
                    states.add(new int[] {q1, q2});
                }
            }
            int n = states.size();
            double[][] a = new double[n][n + 1]; // rows: balance equations (pi (P - I))^T, last row: sum = 1
            for (int i = 0; i < n; i++) {
                int q1 = states.get(i)[0];
                int q2 = states.get(i)[1];
                int y = s - q1 - q2;
                double below = 0;
                for (int d = 0; d < y; d++) {
                    a[index[q2][d]][i] += pmf[d];
                    below += pmf[d];
                }
                a[index[q2][y]][i] += 1 - below; // d >= y sells everything on hand
                a[i][i] -= 1;
            }
            java.util.Arrays.fill(a[n - 1], 1);
            double[] pi = solve(a);
            double mean = 0;
            for (int d = 0; d < pmf.length; d++) {
                mean += d * pmf[d];
            }
            double cost = 0;
            for (int i = 0; i < n; i++) {
                int y = s - states.get(i)[0] - states.get(i)[1];
                double leftover = 0;
                for (int d = 0; d < y; d++) {
                    leftover += pmf[d] * (y - d);
                }
                double shortage = mean - y + leftover; // E[(D - y)+] = E[D] - y + E[(y - D)+]
                cost += pi[i] * (h * leftover + p * shortage);
            }
            return cost;
        }

        /** Gaussian elimination with partial pivoting on an augmented n x (n + 1) matrix. */
        private static double[] solve(double[][] a) {
            int n = a.length;
            for (int col = 0; col < n; col++) {
                int pivot = col;
                for (int r = col + 1; r < n; r++) {
                    if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                        pivot = r;
                    }
                }
                double[] t = a[col];
                a[col] = a[pivot];
                a[pivot] = t;
                for (int r = col + 1; r < n; r++) {
                    double f = a[r][col] / a[col][col];
                    if (f != 0) {
                        for (int j = col; j <= n; j++) {
                            a[r][j] -= f * a[col][j];
                        }
                    }
                }
            }
            double[] x = new double[n];
            for (int r = n - 1; r >= 0; r--) {
                double v = a[r][n];
                for (int j = r + 1; j < n; j++) {
                    v -= a[r][j] * x[j];
                }
                x[r] = v / a[r][r];
            }
            return x;
        }
    }
}
