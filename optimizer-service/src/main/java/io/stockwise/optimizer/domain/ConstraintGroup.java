package io.stockwise.optimizer.domain;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Series whose orders share a budget and a volume capacity, such as a supplier or a warehouse.
 *
 * @param id the id items reference
 * @param budget most money the group's orders may cost together (quantity x unit cost); empty for none
 * @param volumeCapacity most volume they may take together (quantity x unit volume); empty for none
 */
public record ConstraintGroup(String id, OptionalDouble budget, OptionalDouble volumeCapacity) {
    public ConstraintGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(volumeCapacity, "volumeCapacity");
    }
}
