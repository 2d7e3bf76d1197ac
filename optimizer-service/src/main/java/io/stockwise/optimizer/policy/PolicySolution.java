package io.stockwise.optimizer.policy;

import java.util.List;
import java.util.OptionalDouble;

/**
 * An optimised (or approximated) inventory policy: its parameters, its expected cost and the
 * quantities a planner reads. Quantities a family does not define are empty.
 *
 * @param method the algorithm used, e.g. {@code NEWSVENDOR_NORMAL}, {@code ZHENG_FEDERGRUEN}
 * @param exact true when the policy is optimal for the stated model and the cost is computed
 *     exactly (closed form, exact sums, or a search that provably stops at the optimum); false for
 *     heuristics and approximations
 * @param expectedCost the objective value of the returned policy (per period, per unit time or for
 *     the whole horizon, as the family's conventions say)
 * @param orderUpToLevel S: base-stock / order-up-to level, or the newsvendor quantity
 * @param reorderPoint r or s
 * @param orderQuantity Q
 * @param cycleTime T, time between orders
 * @param criticalFractile p / (p + h) where the family has one
 * @param safetyStock level minus mean demand over the protection interval
 * @param fillRate expected fraction of demand met from stock (type 2 service)
 * @param cycleServiceLevel probability of no stock-out in a cycle (type 1 service)
 * @param expectedProfit expected profit (newsvendor profit form)
 * @param unitPrice unit purchase price paid at the chosen quantity (quantity discounts)
 * @param maxBackorders largest backorder level in a cycle (EOQ with planned backorders)
 * @param items per-item results (joint replenishment)
 * @param periods per-period results (finite horizon)
 */
public record PolicySolution(
        String method,
        boolean exact,
        double expectedCost,
        OptionalDouble orderUpToLevel,
        OptionalDouble reorderPoint,
        OptionalDouble orderQuantity,
        OptionalDouble cycleTime,
        OptionalDouble criticalFractile,
        OptionalDouble safetyStock,
        OptionalDouble fillRate,
        OptionalDouble cycleServiceLevel,
        OptionalDouble expectedProfit,
        OptionalDouble unitPrice,
        OptionalDouble maxBackorders,
        List<ItemPolicy> items,
        List<PeriodPolicy> periods) {

    public PolicySolution {
        items = List.copyOf(items);
        periods = List.copyOf(periods);
    }

    /** One item of a multi-item policy: order every {@code multiple} base periods. */
    public record ItemPolicy(int index, int multiple, double cycleTime, double orderQuantity) {
    }

    /**
     * One period of a finite-horizon policy: the order placed (deterministic plans) or the (s, S)
     * pair of the period (stochastic plans; order up to S when the inventory position is at or below s).
     */
    public record PeriodPolicy(int period, OptionalDouble orderQuantity, OptionalDouble reorderPoint,
                               OptionalDouble orderUpToLevel) {
    }

    static Builder builder(String method, boolean exact, double expectedCost) {
        return new Builder(method, exact, expectedCost);
    }

    /** Builds a solution field by field. */
    static final class Builder {
        private final String method;
        private final boolean exact;
        private final double expectedCost;
        private OptionalDouble orderUpToLevel = OptionalDouble.empty();
        private OptionalDouble reorderPoint = OptionalDouble.empty();
        private OptionalDouble orderQuantity = OptionalDouble.empty();
        private OptionalDouble cycleTime = OptionalDouble.empty();
        private OptionalDouble criticalFractile = OptionalDouble.empty();
        private OptionalDouble safetyStock = OptionalDouble.empty();
        private OptionalDouble fillRate = OptionalDouble.empty();
        private OptionalDouble cycleServiceLevel = OptionalDouble.empty();
        private OptionalDouble expectedProfit = OptionalDouble.empty();
        private OptionalDouble unitPrice = OptionalDouble.empty();
        private OptionalDouble maxBackorders = OptionalDouble.empty();
        private List<ItemPolicy> items = List.of();
        private List<PeriodPolicy> periods = List.of();

        private Builder(String method, boolean exact, double expectedCost) {
            this.method = method;
            this.exact = exact;
            this.expectedCost = expectedCost;
        }

        Builder orderUpToLevel(double v) {
            orderUpToLevel = OptionalDouble.of(v);
            return this;
        }

        Builder reorderPoint(double v) {
            reorderPoint = OptionalDouble.of(v);
            return this;
        }

        Builder orderQuantity(double v) {
            orderQuantity = OptionalDouble.of(v);
            return this;
        }

        Builder cycleTime(double v) {
            cycleTime = OptionalDouble.of(v);
            return this;
        }

        Builder criticalFractile(double v) {
            criticalFractile = OptionalDouble.of(v);
            return this;
        }

        Builder safetyStock(double v) {
            safetyStock = OptionalDouble.of(v);
            return this;
        }

        Builder fillRate(double v) {
            fillRate = OptionalDouble.of(v);
            return this;
        }

        Builder cycleServiceLevel(double v) {
            cycleServiceLevel = OptionalDouble.of(v);
            return this;
        }

        Builder expectedProfit(double v) {
            expectedProfit = OptionalDouble.of(v);
            return this;
        }

        Builder unitPrice(double v) {
            unitPrice = OptionalDouble.of(v);
            return this;
        }

        Builder maxBackorders(double v) {
            maxBackorders = OptionalDouble.of(v);
            return this;
        }

        Builder items(List<ItemPolicy> v) {
            items = v;
            return this;
        }

        Builder periods(List<PeriodPolicy> v) {
            periods = v;
            return this;
        }

        PolicySolution build() {
            return new PolicySolution(method, exact, expectedCost, orderUpToLevel, reorderPoint, orderQuantity,
                    cycleTime, criticalFractile, safetyStock, fillRate, cycleServiceLevel, expectedProfit, unitPrice,
                    maxBackorders, items, periods);
        }
    }
}
