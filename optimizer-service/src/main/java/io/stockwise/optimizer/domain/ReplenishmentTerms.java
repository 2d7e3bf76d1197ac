package io.stockwise.optimizer.domain;

/**
 * The supply terms and service target of one series, with defaults applied.
 *
 * @param leadTimeDays replenishment lead time L in days, 0 to 365
 * @param reviewPeriodDays review period R in days, 1 to 365
 * @param cycleServiceLevel probability of no stock-out in a replenishment cycle (Type 1 service),
 *     strictly between 0 and 1
 * @param casePack orders are whole multiples of this many units; 1 means single units
 * @param minOrderQuantity a positive order is raised to at least this many units; 0 means none
 * @param unitCost purchase cost per unit
 */
public record ReplenishmentTerms(int leadTimeDays, int reviewPeriodDays, double cycleServiceLevel, long casePack,
        double minOrderQuantity, double unitCost) {
    /** Review period used when a request gives 0. */
    public static final int DEFAULT_REVIEW_PERIOD_DAYS = 1;
    /** Cycle service level used when a request gives 0. */
    public static final double DEFAULT_CYCLE_SERVICE_LEVEL = 0.95;

    public ReplenishmentTerms {
        if (leadTimeDays < 0 || reviewPeriodDays < 1 || !(cycleServiceLevel > 0 && cycleServiceLevel < 1)
                || casePack < 1 || !(minOrderQuantity >= 0) || !(unitCost >= 0)) {
            throw new IllegalArgumentException("invalid replenishment terms; validate the request first");
        }
    }

    /** The protection interval L + R in days: an order must cover demand until the next order arrives. */
    public int protectionIntervalDays() {
        return leadTimeDays + reviewPeriodDays;
    }
}
