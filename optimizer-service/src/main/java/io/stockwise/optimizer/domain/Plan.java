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
 */
public record Plan(UUID id, Instant createTime, List<PlanLine> lines) {
    public Plan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createTime, "createTime");
        lines = List.copyOf(lines);
    }
}
