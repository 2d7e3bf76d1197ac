package io.stockwise.optimizer.domain;

/** Which bound shaped an order quantity after the policy's raw quantity. */
public enum OrderRounding {
    /** No order: the inventory position already reaches the order-up-to level. */
    NO_ORDER,
    /** The raw quantity was already a whole number of units (and of case packs); nothing was added. */
    NONE,
    /** Rounded up to whole units (case pack 0 or 1). */
    WHOLE_UNITS,
    /** Rounded up to a multiple of the case pack. */
    CASE_PACK,
    /** Raised to the minimum order quantity (and then, if needed, to whole units or case packs). */
    MIN_ORDER_QUANTITY,
    /** Capped at the maximum order quantity (rounded down to case packs). */
    MAX_ORDER_QUANTITY
}
