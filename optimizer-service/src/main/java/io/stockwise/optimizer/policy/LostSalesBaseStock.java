package io.stockwise.optimizer.policy;

import static io.stockwise.optimizer.policy.InvalidPolicyInput.positive;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.require;

/**
 * Periodic-review base-stock policy with lost sales and lead time (Snyder & Shen, sec. 4.3 with
 * lost sales; Zipkin 2008). In each period: the order placed L periods ago arrives; the inventory
 * position (on hand + pipeline) is raised to S; demand (integer, i.i.d.) is met from stock and the
 * excess is lost; h is charged per unit on hand at the end of the period and p per unit of demand
 * lost. Purchase cost is not in the objective (p should include the lost margin). An order placed
 * in period t serves demand from period t + L on; with L = 0 it arrives before that period's demand.
 *
 * <p>Under base-stock each order equals the previous period's sales, so the last L orders (the
 * pipeline) determine on-hand stock S - sum(pipeline). The long-run cost of each S is evaluated
 * exactly from the stationary distribution of that Markov chain (power iteration of the lazy chain to 1e-13), and the
 * best S in 0..S_max is returned, S_max the 1 - 1e-9 quantile of demand over L + 1 periods plus one
 * (beyond it almost no sales are lost while holding cost grows). The base-stock policy is the best
 * of its class, not the optimal lost-sales policy.
 */
public final class LostSalesBaseStock {
    private static final int MAX_STATES = 1_000_000;

    private LostSalesBaseStock() {
    }

    /** Best base-stock level. */
    public static PolicySolution best(IntegerPmf demand, int lead, double h, double p, String prefix) {
        positive(h, prefix + ".holding_cost");
        positive(p, prefix + ".lost_sale_cost");
        require(lead >= 0 && lead <= 20, prefix + ".lead_time_periods", "must be 0 to 20");
        require(demand.mean() > 0, prefix, "demand must have a positive mean");
        int upper = demand.sumOf(lead + 1).quantile(1 - 1e-9) + 1;
        require(Math.pow(upper + 1.0, lead) <= MAX_STATES, prefix + ".lead_time_periods",
                "the pipeline state space is too large for exact evaluation");
        double bestCost = Double.POSITIVE_INFINITY;
        double[] best = null;
        int bestS = 0;
        for (int s = 0; s <= upper; s++) {
            double[] e = evaluate(demand, lead, h, p, s);
            if (best == null || e[0] < bestCost - 1e-12 * Math.max(1, bestCost)) {
                bestCost = e[0];
                best = e;
                bestS = s;
            }
        }
        double mean = demand.mean();
        return PolicySolution.builder("LOST_SALES_BASE_STOCK", true, bestCost)
                .orderUpToLevel(bestS)
                .fillRate(1 - best[1] / mean)
                .cycleServiceLevel(best[2])
                .safetyStock(bestS - (lead + 1) * mean)
                .criticalFractile(p / (p + h))
                .build();
    }

    /**
     * Exact long-run figures of base-stock level S: {cost per period, expected lost sales per
     * period, probability of no lost sale in a period}.
     */
    public static double[] evaluate(IntegerPmf demand, int lead, double h, double p, int s) {
        double[] pmf = demand.probabilities();
        int radix = s + 1;
        int states = 1;
        for (int i = 0; i < lead; i++) {
            states *= radix;
        }
        // state: pipeline (q_1 oldest .. q_L newest) encoded base radix, q_1 most significant
        double[] pi = new double[states];
        pi[0] = 1; // empty pipeline, on hand = S
        double[] next = new double[states];
        int[] sums = new int[states];
        for (int code = 0; code < states; code++) {
            int sum = 0;
            int c = code;
            for (int i = 0; i < lead; i++) {
                sum += c % radix;
                c /= radix;
            }
            sums[code] = sum;
        }
        int high = states / Math.max(radix, 1);
        for (int iteration = 0; iteration < 1_000_000; iteration++) {
            java.util.Arrays.fill(next, 0);
            for (int code = 0; code < states; code++) {
                double w = pi[code];
                if (w == 0) {
                    continue;
                }
                int onHand = s - sums[code];
                // after demand d: sales min(onHand, d) become the newest order; the oldest arrives
                int shifted = lead == 0 ? 0 : (code % high) * radix;
                double tail = 1;
                for (int d = 0; d < onHand && d < pmf.length; d++) {
                    next[lead == 0 ? 0 : shifted + d] += w * pmf[d];
                    tail -= pmf[d];
                }
                if (tail > 0) {
                    next[lead == 0 ? 0 : shifted + onHand] += w * tail;
                }
            }
            // lazy chain (P + I) / 2: same stationary distribution, never periodic
            double diff = 0;
            for (int i = 0; i < states; i++) {
                next[i] = 0.5 * (next[i] + pi[i]);
                diff += Math.abs(next[i] - pi[i]);
            }
            double[] t = pi;
            pi = next;
            next = t;
            if (diff < 1e-13) {
                break;
            }
        }
        double cost = 0;
        double lost = 0;
        double noLoss = 0;
        for (int code = 0; code < states; code++) {
            double w = pi[code];
            if (w == 0) {
                continue;
            }
            int onHand = s - sums[code];
            double leftover = demand.expectedLeftover(onHand);
            double shortage = demand.expectedShortage(onHand);
            cost += w * (h * leftover + p * shortage);
            lost += w * shortage;
            noLoss += w * demand.cdf(onHand);
        }
        return new double[] {cost, lost, noLoss};
    }
}
