package io.stockwise.optimizer.domain;

import io.stockwise.commons.error.FieldViolation;
import io.stockwise.commons.error.Validator;
import java.util.HashMap;
import java.util.List;

/**
 * Checks a plan request and names every invalid field the way the contract spells it
 * ({@code items[3].lead_time_days}), so a caller can fix them all at once.
 *
 * <p>Rules: 1 to {@value #MAX_ITEMS} items, each series at most once; series ids 1 to 64
 * characters without '/'; stock quantities finite and at least 0; lead time 0 to 365 days; review
 * period 0 (meaning 1) to 365 days; cycle service level 0 (meaning 0.95) or strictly between 0 and
 * 1; case pack, minimum order quantity and unit cost at least 0; a given forecast valid by
 * {@link ForecastChecks} and covering the protection interval.
 */
public final class PlanRequestValidator {
    /** Most items one request may plan. */
    public static final int MAX_ITEMS = 10_000;
    /** Longest lead time and review period, in days. */
    public static final int MAX_DAYS = 365;
    /** Longest series id part. */
    public static final int MAX_ID_LENGTH = 64;
    /** Violations reported at most; a request this broken needs no more detail. */
    static final int MAX_VIOLATIONS = 100;

    private PlanRequestValidator() {}

    /**
     * Accepts the items or throws.
     *
     * @throws InvalidPlanRequest naming every invalid field (at most {@value #MAX_VIOLATIONS})
     */
    public static void validate(List<ReplenishmentItem> items) {
        var v = new Validator();
        if (items.isEmpty()) {
            v.add("items", "REQUIRED", "must list 1 to " + MAX_ITEMS + " items");
        } else if (items.size() > MAX_ITEMS) {
            v.add("items", "OUT_OF_RANGE", "must list at most " + MAX_ITEMS + " items, has " + items.size());
        } else {
            var seen = new HashMap<SeriesId, Integer>();
            for (int i = 0; i < items.size() && v.violations().size() < MAX_VIOLATIONS; i++) {
                validateItem(v, "items[" + i + "].", items.get(i), i, seen);
            }
        }
        if (!v.isValid()) {
            var all = v.violations();
            throw new InvalidPlanRequest(all.size() > MAX_VIOLATIONS ? all.subList(0, MAX_VIOLATIONS) : all);
        }
    }

    private static void validateItem(Validator v, String p, ReplenishmentItem item, int index,
            HashMap<SeriesId, Integer> seen) {
        var series = item.series();
        seriesPart(v, p + "series.sku_id", series.skuId());
        seriesPart(v, p + "series.location_id", series.locationId());
        var first = seen.putIfAbsent(series, index);
        if (first != null) {
            v.add(p + "series", "DUPLICATE", "repeats the series of items[" + first + "] (" + series + ")");
        }
        atLeastZero(v, p + "on_hand", item.stock().onHand());
        atLeastZero(v, p + "on_order", item.stock().onOrder());
        atLeastZero(v, p + "backordered", item.stock().backordered());
        v.requireRange(p + "lead_time_days", item.leadTimeDays(), 0, MAX_DAYS);
        v.requireRange(p + "review_period_days", item.reviewPeriodDays(), 0, MAX_DAYS);
        if (item.targetCycleServiceLevel() != 0) {
            v.requireOpenRange(p + "target_cycle_service_level", item.targetCycleServiceLevel(), 0, 1);
        }
        if (item.casePack() < 0) {
            v.add(p + "case_pack", "OUT_OF_RANGE", "must be at least 0, was " + item.casePack());
        }
        atLeastZero(v, p + "min_order_quantity", item.minOrderQuantity());
        atLeastZero(v, p + "unit_cost", item.unitCost());
        if (item.forecast().isPresent()) {
            var forecast = item.forecast().get();
            boolean termsValid = item.leadTimeDays() >= 0 && item.leadTimeDays() <= MAX_DAYS
                    && item.reviewPeriodDays() >= 0 && item.reviewPeriodDays() <= MAX_DAYS;
            forecast.series().filter(s -> !s.equals(series)).ifPresent(s -> v.add(p + "forecast.series",
                    "INVALID_FORMAT", "must be the item's series " + series + " or unset, was " + s));
            for (FieldViolation fv : ForecastChecks.violations(forecast, termsValid ? item.protectionIntervalDays() : 0)) {
                v.add(p + "forecast." + fv.field(), fv.reason(), fv.description());
            }
        }
    }

    private static void seriesPart(Validator v, String field, String value) {
        v.requireText(field, value, MAX_ID_LENGTH);
        if (value != null && value.indexOf('/') >= 0) {
            v.add(field, "INVALID_FORMAT", "must not contain '/'");
        }
    }

    private static void atLeastZero(Validator v, String field, double value) {
        if (!Double.isFinite(value)) {
            v.add(field, "NOT_FINITE", "must be a finite number");
        } else if (value < 0) {
            v.add(field, "OUT_OF_RANGE", "must be at least 0, was " + value);
        }
    }
}
