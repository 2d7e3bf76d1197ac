package io.stockwise.optimizer.domain;

import io.stockwise.commons.error.FieldViolation;
import io.stockwise.commons.error.Validator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
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
    public static final int MAX_ITEMS = 50_000;
    /** Longest lead time and review period, in days. */
    public static final int MAX_DAYS = 365;
    /** Longest series id part. */
    public static final int MAX_ID_LENGTH = 64;
    /** Violations reported at most; a request this broken needs no more detail. */
    static final int MAX_VIOLATIONS = 100;
    /** Most constraint groups one request may define. */
    public static final int MAX_GROUPS = 1000;

    private PlanRequestValidator() {}

    /**
     * Accepts the items or throws.
     *
     * @throws InvalidPlanRequest naming every invalid field (at most {@value #MAX_VIOLATIONS})
     */
    public static void validate(List<ReplenishmentItem> items) {
        validate(PlanRequest.of(items));
    }

    /**
     * Accepts the request or throws. Beyond the items' basic terms: costs, penalties, holding rates,
     * volumes and maximum orders at least 0; at most one of shortage penalty, fill rate and cycle
     * service level; service targets strictly below 1; lead-time deviation 0 to 365 days, or a
     * lead-time distribution of 1 to 366 distinct days 0 to 365 whose probabilities sum to 1; open
     * orders with a quantity at least 0 and an arrival date; a maximum order that allows at least the
     * minimum order; constraint group ids defined, once per item; groups with unique ids and budgets
     * and capacities at least 0; and, when the request says so, minimum orders in whole case packs.
     *
     * @throws InvalidPlanRequest naming every invalid field (at most {@value #MAX_VIOLATIONS})
     */
    public static void validate(PlanRequest request) {
        var items = request.items();
        var v = new Validator();
        var groupIds = new HashSet<String>();
        if (request.groups().size() > MAX_GROUPS) {
            v.add("constraint_groups", "OUT_OF_RANGE", "must list at most " + MAX_GROUPS + " groups");
        }
        for (int g = 0; g < request.groups().size() && g < MAX_GROUPS; g++) {
            var group = request.groups().get(g);
            var p = "constraint_groups[" + g + "].";
            v.requireText(p + "id", group.id(), MAX_ID_LENGTH);
            if (!groupIds.add(group.id())) {
                v.add(p + "id", "DUPLICATE", "repeats the id " + group.id());
            }
            if (group.budget().isPresent()) {
                atLeastZero(v, p + "budget", group.budget().getAsDouble());
            }
            if (group.volumeCapacity().isPresent()) {
                atLeastZero(v, p + "volume_capacity", group.volumeCapacity().getAsDouble());
            }
        }
        if (items.isEmpty()) {
            v.add("items", "REQUIRED", "must list 1 to " + MAX_ITEMS + " items");
        } else if (items.size() > MAX_ITEMS) {
            v.add("items", "OUT_OF_RANGE", "must list at most " + MAX_ITEMS + " items, has " + items.size());
        } else {
            var seen = new HashMap<SeriesId, Integer>();
            for (int i = 0; i < items.size() && v.violations().size() < MAX_VIOLATIONS; i++) {
                validateItem(v, "items[" + i + "].", items.get(i), i, seen, groupIds,
                        request.requireMoqMultipleOfCasePack());
            }
        }
        if (!v.isValid()) {
            var all = v.violations();
            throw new InvalidPlanRequest(all.size() > MAX_VIOLATIONS ? all.subList(0, MAX_VIOLATIONS) : all);
        }
    }

    private static void validateItem(Validator v, String p, ReplenishmentItem item, int index,
            HashMap<SeriesId, Integer> seen, Set<String> groupIds, boolean moqInPacks) {
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
        boolean leadValid = validateOptions(v, p, item, groupIds, moqInPacks);
        if (item.forecast().isPresent()) {
            var forecast = item.forecast().get();
            boolean termsValid = leadValid && item.leadTimeDays() >= 0 && item.leadTimeDays() <= MAX_DAYS
                    && item.reviewPeriodDays() >= 0 && item.reviewPeriodDays() <= MAX_DAYS;
            forecast.series().filter(s -> !s.equals(series)).ifPresent(s -> v.add(p + "forecast.series",
                    "INVALID_FORMAT", "must be the item's series " + series + " or unset, was " + s));
            for (FieldViolation fv : ForecastChecks.violations(forecast, termsValid ? item.forecastDaysNeeded() : 0)) {
                v.add(p + "forecast." + fv.field(), fv.reason(), fv.description());
            }
        }
    }

    /** Checks the item's options; true when its lead time is usable. */
    private static boolean validateOptions(Validator v, String p, ReplenishmentItem item, Set<String> groupIds,
            boolean moqInPacks) {
        var o = item.options();
        for (int j = 0; j < o.openOrders().size(); j++) {
            var open = o.openOrders().get(j);
            atLeastZero(v, p + "open_orders[" + j + "].quantity", open.quantity());
            if (open.arrivalDate().isEmpty()) {
                v.add(p + "open_orders[" + j + "].arrival_date", "REQUIRED", "must be set");
            }
        }
        boolean leadValid = true;
        if (!Double.isFinite(o.leadTimeSdDays()) || o.leadTimeSdDays() < 0 || o.leadTimeSdDays() > MAX_DAYS) {
            v.add(p + "lead_time_sd_days", "OUT_OF_RANGE", "must be 0 to " + MAX_DAYS + ", was " + o.leadTimeSdDays());
            leadValid = false;
        }
        if (o.leadTimeDistribution().isPresent()) {
            var points = o.leadTimeDistribution().get();
            var f = p + "lead_time_distribution.points";
            if (o.leadTimeSdDays() != 0) {
                v.add(p + "lead_time_sd_days", "CONFLICT", "must be 0 when lead_time_distribution is set");
            }
            if (points.isEmpty()) {
                v.add(f, "REQUIRED", "must list at least one lead time: the distribution is empty");
                leadValid = false;
            } else if (points.size() > MAX_DAYS + 1) {
                v.add(f, "OUT_OF_RANGE", "must list at most " + (MAX_DAYS + 1) + " points");
                leadValid = false;
            } else {
                var days = new HashSet<Integer>();
                double sum = 0;
                for (int j = 0; j < points.size(); j++) {
                    var point = points.get(j);
                    if (point.days() < 0 || point.days() > MAX_DAYS) {
                        v.add(f + "[" + j + "].days", "OUT_OF_RANGE", "must be 0 to " + MAX_DAYS + ", was " + point.days());
                        leadValid = false;
                    } else if (!days.add(point.days())) {
                        v.add(f + "[" + j + "].days", "DUPLICATE", "repeats " + point.days() + " days");
                        leadValid = false;
                    }
                    if (!Double.isFinite(point.probability()) || point.probability() < 0 || point.probability() > 1) {
                        v.add(f + "[" + j + "].probability", "OUT_OF_RANGE", "must be 0 to 1, was " + point.probability());
                        leadValid = false;
                    } else {
                        sum += point.probability();
                    }
                }
                if (leadValid && Math.abs(sum - 1) > 1e-6) {
                    v.add(f, "OUT_OF_RANGE", "probabilities must sum to 1, sum to " + sum);
                    leadValid = false;
                }
            }
        }
        atLeastZero(v, p + "holding_cost_per_unit_day", o.holdingCostPerUnitDay());
        atLeastZero(v, p + "annual_holding_rate", o.annualHoldingRate());
        atLeastZero(v, p + "shortage_penalty", o.shortagePenalty());
        if (o.targetFillRate() != 0) {
            v.requireOpenRange(p + "target_fill_rate", o.targetFillRate(), 0, 1);
        }
        if (o.shortagePenalty() > 0 && item.targetCycleServiceLevel() != 0) {
            v.add(p + "target_cycle_service_level", "CONFLICT", "must be 0 when shortage_penalty is set");
        }
        if (o.shortagePenalty() > 0 && o.targetFillRate() != 0) {
            v.add(p + "target_fill_rate", "CONFLICT", "must be 0 when shortage_penalty is set");
        }
        if (o.targetFillRate() != 0 && item.targetCycleServiceLevel() != 0) {
            v.add(p + "target_fill_rate", "CONFLICT", "must be 0 when target_cycle_service_level is set");
        }
        atLeastZero(v, p + "unit_volume", o.unitVolume());
        atLeastZero(v, p + "max_order_quantity", o.maxOrderQuantity());
        long pack = Math.max(1, item.casePack());
        double moq = item.minOrderQuantity();
        if (o.maxOrderQuantity() > 0 && Double.isFinite(moq) && moq >= 0 && item.casePack() >= 0) {
            double smallest = Math.ceil(Math.max(moq, pack) / pack - 1e-9) * pack;
            double largest = Math.floor(o.maxOrderQuantity() / pack + 1e-9) * pack;
            if (largest < smallest) {
                v.add(p + "max_order_quantity", "OUT_OF_RANGE", "must allow the smallest order of " + smallest
                        + " units (minimum order in case packs of " + pack + "), was " + o.maxOrderQuantity());
            }
        }
        if (moqInPacks && moq > 0 && pack > 1 && Double.isFinite(moq)) {
            double cases = moq / pack;
            if (Math.abs(cases - Math.rint(cases)) > 1e-9) {
                v.add(p + "min_order_quantity", "NOT_CASE_PACK_MULTIPLE",
                        "must be a whole number of case packs of " + pack + ", was " + moq);
            }
        }
        var seenGroups = new HashSet<String>();
        for (int j = 0; j < o.constraintGroupIds().size(); j++) {
            var id = o.constraintGroupIds().get(j);
            var f = p + "constraint_group_ids[" + j + "]";
            if (!groupIds.contains(id)) {
                v.add(f, "UNKNOWN_GROUP", "names no group of constraint_groups: " + id);
            } else if (!seenGroups.add(id)) {
                v.add(f, "DUPLICATE", "repeats the group " + id);
            }
        }
        return leadValid;
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
