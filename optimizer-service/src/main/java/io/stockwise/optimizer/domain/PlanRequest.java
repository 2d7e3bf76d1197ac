package io.stockwise.optimizer.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for a plan.
 *
 * @param items the series to plan
 * @param groups budgets and capacities shared by items
 * @param requireMoqMultipleOfCasePack refuse minimum order quantities that are not whole case packs
 * @param planDate day 0 of the protection interval; empty means today
 */
public record PlanRequest(List<ReplenishmentItem> items, List<ConstraintGroup> groups,
        boolean requireMoqMultipleOfCasePack, Optional<LocalDate> planDate) {
    public PlanRequest {
        items = List.copyOf(items);
        groups = List.copyOf(groups);
        Objects.requireNonNull(planDate, "planDate");
    }

    /** Just items: no constraints, today. */
    public static PlanRequest of(List<ReplenishmentItem> items) {
        return new PlanRequest(items, List.of(), false, Optional.empty());
    }
}
