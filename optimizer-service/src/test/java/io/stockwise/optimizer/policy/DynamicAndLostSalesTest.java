package io.stockwise.optimizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class DynamicAndLostSalesTest {
    @Test
    void finiteHorizonDpMatchesAnIndependentRecursion() {
        // Reference: a memoised recursion over (t, x) trying every order-up-to level (python/scipy).
        double[] means = {3, 5, 4, 6};
        double[] k = {10, 0, 15, 10};
        double[] c = {1, 1.5, 1, 2};
        double[] h = {1, 1, 2, 1};
        double[] p = {5, 5, 5, 8};
        var periods = new ArrayList<FiniteHorizonStochastic.Period>();
        for (int t = 0; t < 4; t++) {
            periods.add(new FiniteHorizonStochastic.Period(IntegerPmf.poisson(means[t]), k[t], c[t], h[t], p[t]));
        }
        var s = FiniteHorizonStochastic.solve(periods, 0, "dp");
        assertThat(s.expectedCost()).isCloseTo(68.31636382911046, within(1e-9));
        assertThat(s.periods()).hasSize(4);
        // K = 0 in period 2: a base-stock period, s = S - 1
        var second = s.periods().get(1);
        assertThat(second.reorderPoint().getAsDouble()).isEqualTo(second.orderUpToLevel().getAsDouble() - 1);
    }

    @Test
    void finiteHorizonDpWithLeadTimeMatchesBruteForceOverThePhysicalState() {
        // Brute force: optimal expected cost over the full state (net inventory, each order in transit),
        // every order quantity 0..8 in every period, costs charged in the period they occur. The
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
            var brute = new BruteForce(pmfs, k, c, h, p, lead);
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
                              java.util.Map<String, Double> memo) {
        BruteForce(double[][] pmfs, double[] k, double[] c, double[] h, double[] p, int lead) {
            this(pmfs, k, c, h, p, lead, new java.util.HashMap<>());
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
            for (int q = 0; q <= 8; q++) {
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
        // Reference: stationary distribution of the pipeline chain by a linear solve (numpy), S = 0..19.
        var demand = IntegerPmf.poisson(3);
        assertThat(LostSalesBaseStock.evaluate(demand, 2, 1, 9, 10)[0]).isCloseTo(5.430089422988924, within(1e-9));
        var s = LostSalesBaseStock.best(demand, 2, 1, 9, "ls");
        assertThat(s.orderUpToLevel().getAsDouble()).isEqualTo(12);
        assertThat(s.expectedCost()).isCloseTo(4.908953860643138, within(1e-9));
        // L = 0 is a repeated newsvendor
        var zero = LostSalesBaseStock.best(demand, 0, 1, 9, "ls");
        var newsvendor = Newsvendor.poisson(3, Newsvendor.Costs.costForm(1, 9, "c"), "n");
        assertThat(zero.orderUpToLevel()).isEqualTo(newsvendor.orderUpToLevel());
        assertThat(zero.expectedCost()).isCloseTo(newsvendor.expectedCost(), within(1e-12));
    }
}
