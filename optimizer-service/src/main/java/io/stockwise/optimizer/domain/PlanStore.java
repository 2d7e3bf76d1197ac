package io.stockwise.optimizer.domain;

/** Keeps plans and announces their lines. */
public interface PlanStore {
    /**
     * Stores the plan and queues one {@code PlanPublishedEvent} per line, atomically: either the plan
     * and all its events are kept, or none.
     */
    void save(Plan plan);
}
