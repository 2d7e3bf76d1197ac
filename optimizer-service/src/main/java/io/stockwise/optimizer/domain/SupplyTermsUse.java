package io.stockwise.optimizer.domain;

/** Which supply terms a plan item uses (see {@link SupplyTermsResolver}). */
public enum SupplyTermsUse {
    /** The stored terms when the item gives no supply-term field and some are stored; else the item's. */
    AUTO,
    /** The item's fields only. */
    REQUEST,
    /** The stored terms; {@link SupplyTermsNotFound} when none are stored. */
    STORED
}
