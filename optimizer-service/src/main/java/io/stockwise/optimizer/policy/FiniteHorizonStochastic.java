package io.stockwise.optimizer.policy;

import static io.stockwise.optimizer.policy.InvalidPolicyInput.nonNegative;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.require;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Finite-horizon stochastic inventory problem with period-varying parameters (Snyder & Shen, sec.
 * 4.4-4.5, the dynamic program behind (s, S) policies; Scarf 1960). Periods t = 1..T; integer
 * demand D_t (independent, distribution per period); deterministic lead time L >= 0 periods (an
 * order placed at the start of period t arrives at the start of period t + L, before its demand);
 * backorders; at the start of period t, order up from inventory position x to y >= x at cost
 * K_t 1[y > x] + c_t (y - x) (purchase cost IS in the objective); at the end of each period, h per
 * unit on hand and p per unit backordered. Terminal value 0.
 *
 * <p>With a lead time the state is the inventory position (S&S's treatment of lead times): the
 * order of period t first affects the end of period t + L, whose net inventory is
 * y_t - (D_t + ... + D_{t+L}), so the cost of period t + L is charged to period t:
 * theta_t(x) = min_{y >= x} K_t 1[y > x] + c_t (y - x) + E[h_{t+L} (y - D[t, t+L])+ +
 * p_{t+L} (D[t, t+L] - y)+] + E[theta_{t+1}(y - D_t)], for t = 1..T - L, theta_{T-L+1} = 0. Orders
 * placed after period T - L arrive after the horizon and are never placed; the costs of periods
 * 1..L depend only on the starting pipeline and are not in theta. With L = 0 this is the classic
 * recursion. Solved exactly over the integer positions reachable from the initial one. Each
 * period's optimal rule is reported as (s_t, S_t): order up to S_t when the inventory position is
 * at or below s_t (optimal because the cost-to-go is K-convex).
 */
public final class FiniteHorizonStochastic {
    private static final int MAX_LEVELS = 2_000_000;

    private FiniteHorizonStochastic() {
    }

    /** One period's inputs. */
    public record Period(IntegerPmf demand, double fixedCost, double unitCost, double holdingCost,
                         double shortageCost) {
    }

    /** Solves with zero lead time; fields named {@code prefix.periods[t].*}. */
    public static PolicySolution solve(List<Period> periods, long initialInventory, String prefix) {
        return solve(periods, initialInventory, 0, prefix);
    }

    /**
     * Solves with a lead time of {@code leadTime} periods; {@code initialPosition} is the inventory
     * position at the start of period 1 (net inventory plus everything on order); fields named
     * {@code prefix.periods[t].*}, {@code prefix.lead_time_periods}.
     */
    public static PolicySolution solve(List<Period> periods, long initialPosition, int leadTime, String prefix) {
        int n = periods.size();
        require(n > 0 && n <= 1000, prefix + ".periods", "must have 1 to 1000 periods");
        require(leadTime >= 0 && leadTime < n, prefix + ".lead_time_periods",
                "must be at least 0 and less than the number of periods");
        long initialInventory = initialPosition;
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
        int decisions = n - leadTime;
        double[] next = new double[size]; // theta_{t+1}, 0 after the last decision
        long[] s = new long[decisions];
        long[] bigS = new long[decisions];
        for (int t = decisions - 1; t >= 0; t--) {
            var p = periods.get(t);
            var charged = periods.get(t + leadTime); // the period whose end-of-period cost y decides
            double[] pmf = p.demand().probabilities();
            double[] span = pmf; // demand over periods t..t+L
            for (int k = 1; k <= leadTime; k++) {
                span = convolve(span, periods.get(t + k).demand().probabilities());
            }
            double lastSlope = 0; // slope of theta_{t+1} below the grid (levels unreachable from x_1)
            if (t + 1 < decisions) {
                lastSlope = -(periods.get(t + 1 + leadTime).shortageCost());
            }
            double[] g = new double[size]; // G_t(y) = c_t y + L_{t+L}(y) + E theta_{t+1}(y - D_t)
            for (int i = 0; i < size; i++) {
                long y = lo + i;
                double value = p.unitCost() * y;
                for (int d = 0; d < span.length; d++) {
                    if (span[d] == 0) {
                        continue;
                    }
                    long end = y - d;
                    value += span[d] * (end >= 0 ? charged.holdingCost() * end : -charged.shortageCost() * end);
                }
                for (int d = 0; d < pmf.length; d++) {
                    if (pmf[d] == 0) {
                        continue;
                    }
                    int j = (int) (y - d - lo);
                    // below the grid only for levels unreachable from the initial position
                    double future = j >= 0 ? next[j] : next[0] + lastSlope * j;
                    value += pmf[d] * future;
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
        for (int t = 0; t < decisions; t++) {
            result.add(new PolicySolution.PeriodPolicy(t + 1, OptionalDouble.empty(), OptionalDouble.of(s[t]),
                    OptionalDouble.of(bigS[t])));
        }
        double cost = next[(int) (initialInventory - lo)];
        long first = initialInventory <= s[0] ? bigS[0] - initialInventory : 0;
        return PolicySolution.builder(leadTime == 0 ? "FINITE_HORIZON_DP" : "FINITE_HORIZON_DP_LEAD_TIME", true, cost)
                .orderQuantity(first)
                .reorderPoint(s[0])
                .orderUpToLevel(bigS[0])
                .periods(result)
                .build();
    }

    private static double[] convolve(double[] a, double[] b) {
        double[] out = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0) {
                continue;
            }
            for (int j = 0; j < b.length; j++) {
                out[i + j] += a[i] * b[j];
            }
        }
        return out;
    }
}
