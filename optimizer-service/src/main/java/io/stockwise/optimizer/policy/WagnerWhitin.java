package io.stockwise.optimizer.policy;

import static io.stockwise.optimizer.policy.InvalidPolicyInput.nonNegative;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.require;

import java.util.ArrayList;
import java.util.OptionalDouble;

/**
 * Wagner-Whitin dynamic lot sizing (Snyder & Shen, sec. 3.7): known demands d_1..d_T, no
 * backorders, zero initial and final inventory, zero lead time. An order in period t costs K_t
 * (only when positive) plus c_t per unit; h_t is charged per unit carried from the end of period t
 * into period t + 1. Zero-inventory ordering is optimal, so
 * F(t) = min over j <= t of F(j-1) + K_j + c_j sum_{i=j..t} d_i + sum_{i=j..t-1} h_i sum_{k=i+1..t} d_k.
 * The total cost over the horizon is returned (purchase cost included when unit costs are given).
 * Ties go to the latest possible order period.
 */
public final class WagnerWhitin {
    private WagnerWhitin() {
    }

    /** Optimal plan; arrays of length T (unit costs may be empty = 0). */
    public static PolicySolution solve(double[] demand, double[] fixedCosts, double[] holdingCosts,
                                       double[] unitCosts, String prefix) {
        int n = demand.length;
        require(n > 0, prefix + ".periods", "must not be empty");
        require(n <= 5000, prefix + ".periods", "at most 5000 periods");
        for (int t = 0; t < n; t++) {
            nonNegative(demand[t], prefix + ".periods[" + t + "].demand");
            nonNegative(fixedCosts[t], prefix + ".periods[" + t + "].fixed_cost");
            nonNegative(holdingCosts[t], prefix + ".periods[" + t + "].holding_cost");
            nonNegative(unitCosts[t], prefix + ".periods[" + t + "].unit_cost");
        }
        double[] f = new double[n + 1];
        int[] from = new int[n + 1];
        for (int t = 1; t <= n; t++) {
            f[t] = Double.POSITIVE_INFINITY;
            double qty = 0;
            double holding = 0;
            for (int j = t; j >= 1; j--) {
                // cover periods j..t with one order in period j: the units for j+1..t are carried
                // from the end of period j, adding h_j times them
                holding += holdingCosts[j - 1] * qty;
                qty += demand[j - 1];
                double cost = f[j - 1] + (qty > 0 ? fixedCosts[j - 1] : 0) + unitCosts[j - 1] * qty + holding;
                if (from[t] == 0 || cost < f[t] - 1e-12 * Math.max(1, Math.abs(f[t]))) {
                    f[t] = cost;
                    from[t] = j;
                }
            }
        }
        double[] orders = new double[n];
        int t = n;
        while (t > 0) {
            int j = from[t];
            double qty = 0;
            for (int i = j; i <= t; i++) {
                qty += demand[i - 1];
            }
            orders[j - 1] = qty;
            t = j - 1;
        }
        var periods = new ArrayList<PolicySolution.PeriodPolicy>();
        for (int i = 0; i < n; i++) {
            periods.add(new PolicySolution.PeriodPolicy(i + 1, OptionalDouble.of(orders[i]), OptionalDouble.empty(),
                    OptionalDouble.empty()));
        }
        return PolicySolution.builder("WAGNER_WHITIN", true, f[n]).periods(periods).fillRate(1).build();
    }
}
