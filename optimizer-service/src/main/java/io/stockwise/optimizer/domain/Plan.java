package io.stockwise.optimizer.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A replenishment plan: one line per requested series, in request order.
 *
 * @param id the plan's id
 * @param createTime when it was made
 * @param lines its lines
 * @param costs its expected costs, the price of its constraints and its optimality gap
 * @param usage per constraint group, in request order, what the plan uses of it
 * @param planDate the day orders are placed (day 0 of the protection interval): the request's, else
 *     the day after the forecasts' as-of date, else today (UTC)
 * @param asOfDate the latest as-of date of the forecasts planned from, when they give one
 */
public record Plan(UUID id, Instant createTime, List<PlanLine> lines, Costs costs, List<GroupUsage> usage,
        java.time.LocalDate planDate, java.util.Optional<java.time.LocalDate> asOfDate) {
    public Plan {
        Objects.requireNonNull(planDate, "planDate");
        Objects.requireNonNull(asOfDate, "asOfDate");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createTime, "createTime");
        Objects.requireNonNull(costs, "costs");
        lines = List.copyOf(lines);
        usage = List.copyOf(usage);
    }

    /** A plan without constraint groups, costed from its lines. */
    public Plan(UUID id, Instant createTime, List<PlanLine> lines) {
        this(id, createTime, lines, Costs.unconstrained(lines), List.of(),
                java.time.LocalDate.ofInstant(createTime, java.time.ZoneOffset.UTC), java.util.Optional.empty());
    }

    /** A plan dated by its creation day (UTC), without an as-of date. */
    public Plan(UUID id, Instant createTime, List<PlanLine> lines, Costs costs, List<GroupUsage> usage) {
        this(id, createTime, lines, costs, usage, java.time.LocalDate.ofInstant(createTime, java.time.ZoneOffset.UTC),
                java.util.Optional.empty());
    }

    /** How many lines order something. */
    public long orderLineCount() {
        return lines.stream().filter(PlanLine::orders).count();
    }

    /**
     * Costs of a plan (expected holding + shortage per cycle, see {@link OrderUpToPolicy}).
     *
     * @param expectedCost of the planned orders
     * @param unconstrainedExpectedCost of the per-series orders without constraints
     * @param orderValue value of the planned orders
     * @param unconstrainedOrderValue value of the unconstrained orders
     * @param costLowerBound a lower bound on the cost of any plan keeping the constraints
     */
    public record Costs(double expectedCost, double unconstrainedExpectedCost, double orderValue,
            double unconstrainedOrderValue, double costLowerBound) {
        /** The price of the constraints: the extra expected cost they cause. */
        public double priceOfConstraints() {
            return expectedCost - unconstrainedExpectedCost;
        }

        /** {@code (cost - bound) / cost}: at most this far from optimal; 0 when optimal. */
        public double optimalityGap() {
            return expectedCost <= 0 ? 0 : Math.max(0, (expectedCost - costLowerBound) / expectedCost);
        }

        static Costs unconstrained(List<PlanLine> lines) {
            double cost = 0;
            double value = 0;
            for (var l : lines) {
                cost += l.economics().expectedCost();
                value += l.orderValue();
            }
            return new Costs(cost, cost, value, value, cost);
        }
    }

    /**
     * What a plan uses of one constraint group.
     *
     * @param groupId the group
     * @param budgetUsed value of its orders
     * @param volumeUsed volume of its orders
     * @param unconstrainedBudgetUsed value without constraints
     * @param unconstrainedVolumeUsed volume without constraints
     * @param binding true when it cut orders
     */
    public record GroupUsage(String groupId, double budgetUsed, double volumeUsed, double unconstrainedBudgetUsed,
            double unconstrainedVolumeUsed, boolean binding) {}
}
