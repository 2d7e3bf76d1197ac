package io.stockwise.ingestion.domain;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;
import io.stockwise.commons.error.Validator;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rules of the reference-data rpcs (products, locations, calendar, prices, inventory, supply
 * terms). Field paths are those of the request messages, e.g. {@code products[3].sku_id}; every
 * violation of a request is reported at once. Reasons: {@code REQUIRED}, {@code TOO_LONG},
 * {@code INVALID_FORMAT}, {@code OUT_OF_RANGE}, {@code NOT_FINITE}, {@code UNKNOWN_ENUM},
 * {@code DUPLICATE} (a natural key twice in one request), {@code CONFLICT} (mutually exclusive
 * fields both set) and {@code TOO_MANY} (a list over its limit).
 */
public final class ReferenceValidator {
    /** Records per request. */
    public static final int MAX_RECORDS = 10_000;
    /** Open purchase orders per inventory position. */
    public static final int MAX_ON_ORDER_LINES = 100;
    /** Points of a lead-time distribution. */
    public static final int MAX_LEAD_TIME_POINTS = 366;
    static final double MAX_AMOUNT = 1_000_000_000d;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final long MIN_EPOCH = SaleValidator.MIN_DATE.toEpochDay() * 86_400;
    private static final long MAX_EPOCH = (SaleValidator.MAX_DATE.toEpochDay() + 1) * 86_400;

    private ReferenceValidator() {}

    /**
     * Checks the size of a request: {@code INVALID_ARGUMENT} when empty, {@code RESOURCE_EXHAUSTED}
     * (reason {@code TOO_MANY_RECORDS}) over {@value #MAX_RECORDS}.
     */
    public static void checkCount(String field, int count) {
        if (count == 0) {
            throw StockwiseException.invalid(field, "REQUIRED", "at least one record is required");
        }
        if (count > MAX_RECORDS) {
            throw new StockwiseException(ErrorCode.RESOURCE_EXHAUSTED, "TOO_MANY_RECORDS",
                    field + ": at most " + MAX_RECORDS + " records per request, got " + count);
        }
    }

    /** Reports {@code DUPLICATE} on every record whose key an earlier record of the request has. */
    public static <T> void checkUnique(Validator v, String list, String keyField, List<T> records, Function<T, Object> key) {
        var seen = new HashMap<Object, Integer>();
        for (int i = 0; i < records.size(); i++) {
            var first = seen.putIfAbsent(key.apply(records.get(i)), i);
            if (first != null) {
                v.add(list + "[" + i + "]." + keyField, "DUPLICATE", "has the same key as " + list + "[" + first + "]");
            }
        }
    }

    public static void product(Validator v, String p, Product r) {
        key(v, p + "sku_id", Keys.sku(r.skuId()), true);
        v.maxLength(p + "name", r.name(), 256);
        v.maxLength(p + "group_id", r.groupId(), 64);
        v.requireRange(p + "unit_volume_liters", r.unitVolumeLiters(), 0, 1_000_000);
    }

    public static void location(Validator v, String p, Location r) {
        key(v, p + "location_id", Keys.location(r.locationId()), true);
        v.maxLength(p + "name", r.name(), 256);
        enumValue(v, p + "kind", r.kindNumber(), 3);
        if (r.timeZone() != null && !r.timeZone().isEmpty()) {
            if (r.timeZone().length() > 64) {
                v.maxLength(p + "time_zone", r.timeZone(), 64);
            } else {
                try {
                    ZoneId.of(r.timeZone());
                } catch (DateTimeException e) {
                    v.add(p + "time_zone", "INVALID_FORMAT", "is not an IANA time zone: '" + r.timeZone() + "'");
                }
            }
        }
    }

    public static void calendar(Validator v, String p, CalendarEntry r) {
        day(v, p + "date", r.date());
        key(v, p + "location_id", Keys.location(r.locationId()), false);
        enumValue(v, p + "kind", r.kindNumber(), 3);
        v.requireText(p + "name", r.name(), 128);
    }

    public static void price(Validator v, String p, PricePeriod r) {
        key(v, p + "series.sku_id", Keys.sku(r.skuId()), true);
        key(v, p + "series.location_id", Keys.location(r.locationId()), true);
        boolean from = day(v, p + "valid_from", r.validFrom());
        boolean to = day(v, p + "valid_to", r.validTo());
        if (from && to && r.validTo().toLocalDate().isBefore(r.validFrom().toLocalDate())) {
            v.add(p + "valid_to", "OUT_OF_RANGE", "must not be before valid_from " + r.validFrom().toLocalDate());
        }
        v.requireRange(p + "unit_price", r.unitPrice(), 0, MAX_AMOUNT);
        currency(v, p + "currency_code", r.currencyCode());
    }

    public static void inventory(Validator v, String p, InventoryPosition r) {
        key(v, p + "series.sku_id", Keys.sku(r.skuId()), true);
        key(v, p + "series.location_id", Keys.location(r.locationId()), true);
        v.requireRange(p + "on_hand", r.onHand(), 0, MAX_AMOUNT);
        if (r.onOrder().size() > MAX_ON_ORDER_LINES) {
            v.add(p + "on_order", "TOO_MANY", "at most " + MAX_ON_ORDER_LINES + " lines, got " + r.onOrder().size());
        } else {
            for (int i = 0; i < r.onOrder().size(); i++) {
                var line = r.onOrder().get(i);
                var q = p + "on_order[" + i + "].";
                positive(v, q + "quantity", line.quantity());
                day(v, q + "expected_arrival_date", line.expectedArrival());
                v.maxLength(q + "order_id", line.orderId(), 64);
            }
        }
        if (r.observeEpochSeconds() == null) {
            v.add(p + "observe_time", "REQUIRED", "is required");
        } else if (r.observeEpochSeconds() < MIN_EPOCH || r.observeEpochSeconds() >= MAX_EPOCH
                || r.observeNanos() < 0 || r.observeNanos() > 999_999_999) {
            v.add(p + "observe_time", "OUT_OF_RANGE", "must be between " + SaleValidator.MIN_DATE + " and "
                    + SaleValidator.MAX_DATE + ", was " + r.observeEpochSeconds() + "s");
        }
    }

    public static void supplyTerms(Validator v, String p, SupplyTerms r) {
        key(v, p + "sku_id", Keys.sku(r.skuId()), true);
        v.requireText(p + "supplier_id", r.supplierId(), 64);
        key(v, p + "location_id", Keys.location(r.locationId()), false);
        var dist = r.leadTimeDistribution();
        if (dist.isEmpty()) {
            v.requireRange(p + "lead_time_mean_days", r.leadTimeMeanDays(), 0, 365);
            v.requireRange(p + "lead_time_sd_days", r.leadTimeSdDays(), 0, 365);
        } else if (r.leadTimeMeanDays() != 0 || r.leadTimeSdDays() != 0) {
            v.add(p + "lead_time_mean_days", "CONFLICT", "give either the mean (and sd) or lead_time_distribution, not both");
        } else if (dist.size() > MAX_LEAD_TIME_POINTS) {
            v.add(p + "lead_time_distribution", "TOO_MANY", "at most " + MAX_LEAD_TIME_POINTS + " points, got " + dist.size());
        } else {
            double sum = 0;
            var days = new java.util.HashSet<Integer>();
            for (int i = 0; i < dist.size(); i++) {
                var q = p + "lead_time_distribution[" + i + "].";
                var point = dist.get(i);
                v.requireRange(q + "days", point.days(), 0, 365);
                if (!days.add(point.days())) {
                    v.add(q + "days", "DUPLICATE", "lead time " + point.days() + " appears twice");
                }
                if (!Double.isFinite(point.probability())) {
                    v.add(q + "probability", "NOT_FINITE", "must be a finite number");
                } else if (point.probability() <= 0 || point.probability() > 1) {
                    v.add(q + "probability", "OUT_OF_RANGE", "must be in (0, 1], was " + point.probability());
                } else {
                    sum += point.probability();
                }
            }
            if (v.isValid() && Math.abs(sum - 1) > 1e-6) {
                v.add(p + "lead_time_distribution", "OUT_OF_RANGE", "probabilities must sum to 1, sum to " + sum);
            }
        }
        v.requireRange(p + "review_period_days", r.reviewPeriodDays(), 1, 365);
        v.requireRange(p + "min_order_quantity", r.minOrderQuantity(), 0, MAX_AMOUNT);
        v.requireRange(p + "case_pack", r.casePack(), 0, 1_000_000);
        v.requireRange(p + "unit_cost", r.unitCost(), 0, MAX_AMOUNT);
        v.requireRange(p + "order_cost", r.orderCost(), 0, MAX_AMOUNT);
        currency(v, p + "currency_code", r.currencyCode());
    }

    /** An id usable in a series key: at most 64 characters, no '/'; required or optional. */
    static void key(Validator v, String field, String value, boolean required) {
        if (required) {
            v.requireText(field, value, 64);
        } else {
            v.maxLength(field, value, 64);
        }
        if (value != null && value.indexOf('/') >= 0) {
            v.add(field, "INVALID_FORMAT", "must not contain '/'");
        }
    }

    /** A required day from 1990-01-01 to 2100-12-31; true when it is valid. */
    static boolean day(Validator v, String field, DayInput d) {
        if (d == null || d.isEmpty()) {
            v.add(field, "REQUIRED", "is required");
            return false;
        }
        try {
            var date = d.toLocalDate();
            if (date.isBefore(SaleValidator.MIN_DATE) || date.isAfter(SaleValidator.MAX_DATE)) {
                v.add(field, "OUT_OF_RANGE", "must be between " + SaleValidator.MIN_DATE + " and " + SaleValidator.MAX_DATE + ", was " + date);
                return false;
            }
            return true;
        } catch (DateTimeException e) {
            v.add(field, "INVALID_FORMAT", "is not a valid calendar date: " + d.year() + "-" + d.month() + "-" + d.day());
            return false;
        }
    }

    private static void enumValue(Validator v, String field, int number, int max) {
        if (number == 0) {
            v.add(field, "REQUIRED", "is required");
        } else if (number < 0 || number > max) {
            v.add(field, "UNKNOWN_ENUM", "is not a known value: " + number);
        }
    }

    private static void positive(Validator v, String field, double value) {
        if (Double.isFinite(value) && value <= 0) {
            v.add(field, "OUT_OF_RANGE", "must be greater than 0, was " + value);
        } else {
            v.requireRange(field, value, 0, MAX_AMOUNT);
        }
    }

    private static void currency(Validator v, String field, String code) {
        if (code != null && !code.isEmpty() && !CURRENCY.matcher(code).matches()) {
            v.add(field, "INVALID_FORMAT", "must be three upper-case letters (ISO 4217), was '" + code + "'");
        }
    }

    /** The instant of a validated position. */
    public static Instant observeTime(InventoryPosition r) {
        return Instant.ofEpochSecond(r.observeEpochSeconds(), r.observeNanos());
    }
}
