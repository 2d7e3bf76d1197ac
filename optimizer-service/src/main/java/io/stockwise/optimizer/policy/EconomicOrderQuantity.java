package io.stockwise.optimizer.policy;

import static io.stockwise.optimizer.policy.InvalidPolicyInput.nonNegative;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.positive;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.require;

import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic lot sizing in continuous time (Snyder & Shen, ch. 3). Demand is constant at lambda
 * units per unit time; K is the fixed cost per order; h the holding cost per unit per unit time; p
 * the backorder cost per unit per unit time. Purchase cost is not in the objective, except with
 * quantity discounts, where it depends on Q and is included.
 */
public final class EconomicOrderQuantity {
    private EconomicOrderQuantity() {
    }

    /** EOQ: Q* = sqrt(2 K lambda / h), g* = sqrt(2 K lambda h) per unit time. */
    public static PolicySolution eoq(double demandRate, double fixedCost, double holdingCost, String prefix) {
        positive(demandRate, prefix + ".demand_rate");
        positive(fixedCost, prefix + ".fixed_cost");
        positive(holdingCost, prefix + ".holding_cost");
        double q = Math.sqrt(2 * fixedCost * demandRate / holdingCost);
        return PolicySolution.builder("EOQ", true, Math.sqrt(2 * fixedCost * demandRate * holdingCost))
                .orderQuantity(q)
                .cycleTime(q / demandRate)
                .fillRate(1)
                .build();
    }

    /**
     * EOQ with planned backorders: Q* = sqrt(2 K lambda (h + p) / (h p)), a fraction x = p/(p+h) of
     * each cycle's demand is met from stock, the largest backorder is (1 - x) Q, and
     * g* = sqrt(2 K lambda h p / (h + p)).
     */
    public static PolicySolution withBackorders(double demandRate, double fixedCost, double holdingCost,
                                                double backorderCost, String prefix) {
        positive(demandRate, prefix + ".demand_rate");
        positive(fixedCost, prefix + ".fixed_cost");
        positive(holdingCost, prefix + ".holding_cost");
        positive(backorderCost, prefix + ".backorder_cost");
        double h = holdingCost;
        double p = backorderCost;
        double q = Math.sqrt(2 * fixedCost * demandRate * (h + p) / (h * p));
        double x = p / (p + h);
        return PolicySolution.builder("EOQ_PLANNED_BACKORDERS", true,
                        Math.sqrt(2 * fixedCost * demandRate * h * p / (h + p)))
                .orderQuantity(q)
                .cycleTime(q / demandRate)
                .maxBackorders((1 - x) * q)
                .orderUpToLevel(x * q)
                .fillRate(x)
                .build();
    }

    /** How the price of a quantity discount applies. */
    public enum DiscountKind {
        /** The price of the bracket Q falls in applies to every unit. */
        ALL_UNITS,
        /** Each bracket's price applies only to the units within it. */
        INCREMENTAL
    }

    /**
     * EOQ with quantity discounts. Bracket j covers order sizes [b_j, b_{j+1}) at unit price c_j
     * (b_0 = 0, breakpoints increasing). Holding cost is i times the unit purchase cost per unit
     * time (for incremental discounts, the average purchase cost c(Q)/Q of the order). Cost per unit
     * time, purchase included: all-units g_j(Q) = c_j lambda + K lambda / Q + i c_j Q / 2;
     * incremental g(Q) = lambda c(Q)/Q + K lambda / Q + i c(Q) / 2 with c(Q) the order's purchase cost.
     * Exact: each bracket's convex cost is minimised over the bracket, then the best bracket is taken.
     */
    public static PolicySolution quantityDiscount(double demandRate, double fixedCost, double holdingRate,
                                                  double[] breakpoints, double[] prices, DiscountKind kind,
                                                  String prefix) {
        positive(demandRate, prefix + ".demand_rate");
        nonNegative(fixedCost, prefix + ".fixed_cost");
        positive(holdingRate, prefix + ".holding_rate");
        require(prices.length > 0, prefix + ".brackets", "must not be empty");
        require(breakpoints.length == prices.length, prefix + ".brackets", "one breakpoint per price");
        for (int j = 0; j < prices.length; j++) {
            positive(prices[j], prefix + ".brackets[" + j + "].unit_price");
            nonNegative(breakpoints[j], prefix + ".brackets[" + j + "].min_quantity");
            require(j > 0 || breakpoints[0] == 0, prefix + ".brackets[0].min_quantity", "must be 0");
            require(j == 0 || breakpoints[j] > breakpoints[j - 1], prefix + ".brackets[" + j + "].min_quantity",
                    "must be greater than the previous bracket's");
        }
        double lambda = demandRate;
        double k = fixedCost;
        double i = holdingRate;
        int n = prices.length;
        double[] cumulative = new double[n];
        for (int j = 1; j < n; j++) {
            cumulative[j] = cumulative[j - 1] + prices[j - 1] * (breakpoints[j] - breakpoints[j - 1]);
        }
        double bestQ = Double.NaN;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double lo = breakpoints[j];
            double hi = j + 1 < n ? breakpoints[j + 1] : Double.POSITIVE_INFINITY;
            double q;
            if (kind == DiscountKind.ALL_UNITS) {
                q = Math.max(Math.sqrt(2 * k * lambda / (i * prices[j])), lo);
                if (q >= hi || q <= 0) {
                    continue; // a cheaper bracket holds this quantity and beats it
                }
            } else {
                double fixedPart = k + cumulative[j] - prices[j] * lo;
                q = Math.sqrt(2 * lambda * Math.max(fixedPart, 0) / (i * prices[j]));
                q = Math.min(Math.max(q, lo), hi);
                if (q <= 0 || Double.isInfinite(q)) {
                    continue;
                }
            }
            double cost = discountCost(q, lambda, k, i, breakpoints, prices, cumulative, kind);
            if (Double.isNaN(bestQ) || cost < bestCost - 1e-12 * Math.abs(bestCost)) {
                bestCost = cost;
                bestQ = q;
            }
        }
        double purchase = purchaseCost(bestQ, breakpoints, prices, cumulative, kind);
        return PolicySolution.builder(kind == DiscountKind.ALL_UNITS ? "EOQ_ALL_UNITS_DISCOUNT"
                        : "EOQ_INCREMENTAL_DISCOUNT", true, bestCost)
                .orderQuantity(bestQ)
                .cycleTime(bestQ / lambda)
                .unitPrice(purchase / bestQ)
                .fillRate(1)
                .build();
    }

    private static int bracket(double q, double[] breakpoints) {
        int j = 0;
        while (j + 1 < breakpoints.length && q >= breakpoints[j + 1]) {
            j++;
        }
        return j;
    }

    private static double purchaseCost(double q, double[] breakpoints, double[] prices, double[] cumulative,
                                       DiscountKind kind) {
        int j = bracket(q, breakpoints);
        return kind == DiscountKind.ALL_UNITS ? prices[j] * q : cumulative[j] + prices[j] * (q - breakpoints[j]);
    }

    private static double discountCost(double q, double lambda, double k, double i, double[] breakpoints,
                                       double[] prices, double[] cumulative, DiscountKind kind) {
        double c = purchaseCost(q, breakpoints, prices, cumulative, kind);
        return lambda * c / q + k * lambda / q + i * c / 2;
    }

    /** How item multiples are restricted in joint replenishment. */
    public enum JointMethod {
        /** Integer multiples m_i >= 1 (the iterative optimal-T method of Goyal / Silver). */
        INTEGER_MULTIPLES,
        /** Power-of-two multiples m_i = 1, 2, 4, ... */
        POWER_OF_TWO,
        /**
         * Silver's (1976) heuristic as in S&S: the item n^ with the smallest k_n / (h_n lambda_n)
         * gets m = 1, the others m_n = round(sqrt(k_n / (h_n lambda_n) * h_n^ lambda_n^ / (K0 + k_n^)))
         * (at least 1), then the optimal T for these multiples; no iteration.
         */
        SILVER
    }

    /**
     * Joint replenishment: a major fixed cost K0 per order of any item, a minor fixed cost k_i per
     * order including item i, item i ordered every m_i T. Cost per unit time
     * (K0 + sum k_i / m_i) / T + T sum h_i lambda_i m_i / 2. Alternates the optimal T for fixed m
     * (T = sqrt(2 (K0 + sum k_i/m_i) / sum h_i lambda_i m_i)) and the best m_i for fixed T
     * (the smallest m with m (m+1) >= 2 k_i / (h_i lambda_i T^2), or for powers of two m^2 >=
     * k_i / (h_i lambda_i T^2)) until the multiples repeat. A heuristic: not guaranteed optimal.
     */
    public static PolicySolution jointReplenishment(double majorCost, double[] demandRates, double[] holdingCosts,
                                                    double[] minorCosts, JointMethod method, String prefix) {
        nonNegative(majorCost, prefix + ".major_fixed_cost");
        int n = demandRates.length;
        require(n > 0, prefix + ".items", "must not be empty");
        for (int j = 0; j < n; j++) {
            positive(demandRates[j], prefix + ".items[" + j + "].demand_rate");
            positive(holdingCosts[j], prefix + ".items[" + j + "].holding_cost");
            nonNegative(minorCosts[j], prefix + ".items[" + j + "].minor_fixed_cost");
        }
        require(majorCost > 0 || java.util.Arrays.stream(minorCosts).anyMatch(c -> c > 0), prefix + ".major_fixed_cost",
                "some fixed cost must be positive");
        int[] m = new int[n];
        java.util.Arrays.fill(m, 1);
        if (method == JointMethod.SILVER) {
            int hat = 0;
            for (int j = 1; j < n; j++) {
                if (minorCosts[j] / (holdingCosts[j] * demandRates[j])
                        < minorCosts[hat] / (holdingCosts[hat] * demandRates[hat])) {
                    hat = j;
                }
            }
            double c = holdingCosts[hat] * demandRates[hat] / (majorCost + minorCosts[hat]);
            for (int j = 0; j < n; j++) {
                m[j] = j == hat ? 1 : (int) Math.max(1,
                        Math.rint(Math.sqrt(minorCosts[j] / (holdingCosts[j] * demandRates[j]) * c)));
            }
        }
        double t = optimalCycle(majorCost, demandRates, holdingCosts, minorCosts, m);
        for (int iteration = 0; method != JointMethod.SILVER && iteration < 1000; iteration++) {
            int[] next = new int[n];
            for (int j = 0; j < n; j++) {
                double ratio = 2 * minorCosts[j] / (holdingCosts[j] * demandRates[j] * t * t);
                int mult = 1;
                if (method == JointMethod.INTEGER_MULTIPLES) {
                    while ((double) mult * (mult + 1) < ratio) {
                        mult++;
                    }
                } else {
                    while ((double) mult * mult < ratio / 2) {
                        mult *= 2;
                    }
                }
                next[j] = mult;
            }
            if (java.util.Arrays.equals(next, m)) {
                break;
            }
            m = next;
            t = optimalCycle(majorCost, demandRates, holdingCosts, minorCosts, m);
        }
        double fixed = majorCost;
        double holding = 0;
        var items = new ArrayList<PolicySolution.ItemPolicy>();
        for (int j = 0; j < n; j++) {
            fixed += minorCosts[j] / m[j];
            holding += holdingCosts[j] * demandRates[j] * m[j];
            items.add(new PolicySolution.ItemPolicy(j, m[j], m[j] * t, demandRates[j] * m[j] * t));
        }
        double cost = fixed / t + t * holding / 2;
        String name = switch (method) {
            case INTEGER_MULTIPLES -> "JRP_OPTIMAL_T_ITERATIVE";
            case POWER_OF_TWO -> "JRP_POWER_OF_TWO";
            case SILVER -> "JRP_SILVER";
        };
        return PolicySolution.builder(name, false, cost)
                .cycleTime(t)
                .items(List.copyOf(items))
                .build();
    }

    private static double optimalCycle(double majorCost, double[] lambda, double[] h, double[] k, int[] m) {
        double fixed = majorCost;
        double holding = 0;
        for (int j = 0; j < lambda.length; j++) {
            fixed += k[j] / m[j];
            holding += h[j] * lambda[j] * m[j];
        }
        return Math.sqrt(2 * fixed / holding);
    }
}
