package io.stockwise.optimizer.policy;

import static io.stockwise.optimizer.policy.InvalidPolicyInput.nonNegative;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.require;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Finite-horizon stochastic inventory problem with period-varying parameters (Snyder & Shen, sec.
 * 4.4-4.5, the dynamic program behind (s, S) policies; Scarf 1960). Periods t = 1..T; integer
 * demand D_t (independent, distribution per period); zero lead time; backorders; at the start of
 * period t, order up from x to y >= x at cost K_t 1[y > x] + c_t (y - x) (purchase cost IS in the
 * objective); at the end, h_t per unit on hand and p_t per unit backordered. Terminal value 0.
 * theta_t(x) = min_{y >= x} K_t 1[y > x] + c_t (y - x) + E[h_t (y - D_t)+ + p_t (D_t - y)+ +
 * theta_{t+1}(y - D_t)], solved exactly over the integer levels reachable from the initial
 * inventory. Each period's optimal rule is reported as (s_t, S_t): order up to S_t when the
 * inventory is at or below s_t (optimal because the cost-to-go is K-convex).
 */
public final class FiniteHorizonStochastic {
    private static final int MAX_LEVELS = 2_000_000;

    private FiniteHorizonStochastic() {
    }

    /** One period's inputs. */
    public record Period(IntegerPmf demand, double fixedCost, double unitCost, double holdingCost,
                         double shortageCost) {
    }

    /** Solves; fields named {@code prefix.periods[t].*}. */
    public static PolicySolution solve(List<Period> periods, long initialInventory, String prefix) {
        int n = periods.size();
        require(n > 0 && n <= 1000, prefix + ".periods", "must have 1 to 1000 periods");
        long totalMax = 0;
        for (int t = 0; t < n; t++) {
            var p = periods.get(t);
            String f = prefix + ".periods[" + t + "]";
            nonNegative(p.fixedCost(), f + ".fixed_cost");
            nonNegative(p.unitCost(), f + ".unit_cost");
            nonNegative(p.holdingCost(), f + ".holding_cost");
            nonNegative(p.shortageCost(), f + ".shortage_cost");
            totalMax += p.demand().maxValue();
        }
        require(Math.abs(initialInventory) <= 1_000_000, prefix + ".initial_inventory", "must be within +-1000000");
        long lo = Math.min(initialInventory, 0) - totalMax;
        long hi = Math.max(initialInventory, 0) + totalMax;
        require(hi - lo + 1 <= MAX_LEVELS, prefix + ".periods", "too many inventory levels (demand too large)");
        int size = (int) (hi - lo + 1);
        double[] next = new double[size]; // theta_{t+1}, 0 after the horizon
        long[] s = new long[n];
        long[] bigS = new long[n];
        for (int t = n - 1; t >= 0; t--) {
            var p = periods.get(t);
            double[] pmf = p.demand().probabilities();
            double[] g = new double[size]; // G_t(y) = c_t y + L_t(y) + E theta_{t+1}(y - D)
            for (int i = 0; i < size; i++) {
                long y = lo + i;
                double value = p.unitCost() * y;
                for (int d = 0; d < pmf.length; d++) {
                    if (pmf[d] == 0) {
                        continue;
                    }
                    long end = y - d;
                    double stage = end >= 0 ? p.holdingCost() * end : -p.shortageCost() * end;
                    int j = (int) (end - lo);
                    // below the grid only for levels unreachable from the initial inventory
                    double future = j >= 0 ? next[j] : next[0] + p.shortageCost() * (-j);
                    value += pmf[d] * (stage + future);
                }
                g[i] = value;
            }
            // suffix minimum of G and its argmin: the best order-up-to level at or above x
            double[] best = new double[size];
            int[] arg = new int[size];
            best[size - 1] = g[size - 1];
            arg[size - 1] = size - 1;
            for (int i = size - 2; i >= 0; i--) {
                if (g[i] <= best[i + 1]) {
                    best[i] = g[i];
                    arg[i] = i;
                } else {
                    best[i] = best[i + 1];
                    arg[i] = arg[i + 1];
                }
            }
            double[] theta = new double[size];
            int orderUpTo = arg[0];
            long reorder = lo - 1;
            for (int i = 0; i < size; i++) {
                long x = lo + i;
                double stay = g[i];
                double order = p.fixedCost() + best[i];
                if (order < stay - 1e-12 * Math.max(1, Math.abs(stay))) {
                    theta[i] = order - p.unitCost() * x;
                    if (i < orderUpTo) {
                        reorder = x;
                    }
                } else {
                    theta[i] = stay - p.unitCost() * x;
                }
            }
            s[t] = reorder;
            bigS[t] = lo + orderUpTo;
            next = theta;
        }
        var result = new ArrayList<PolicySolution.PeriodPolicy>();
        for (int t = 0; t < n; t++) {
            result.add(new PolicySolution.PeriodPolicy(t + 1, OptionalDouble.empty(), OptionalDouble.of(s[t]),
                    OptionalDouble.of(bigS[t])));
        }
        double cost = next[(int) (initialInventory - lo)];
        long first = initialInventory <= s[0] ? bigS[0] - initialInventory : 0;
        return PolicySolution.builder("FINITE_HORIZON_DP", true, cost)
                .orderQuantity(first)
                .reorderPoint(s[0])
                .orderUpToLevel(bigS[0])
                .periods(result)
                .build();
    }
}
