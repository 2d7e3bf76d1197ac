package io.stockwise.ingestion.domain;

import io.stockwise.commons.error.FieldViolation;
import io.stockwise.commons.error.Validator;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules a sales line must meet. Field paths are those of {@code stockwise.v1.SaleRecord}.
 *
 * <ul>
 *   <li>{@code source_id}: at most 128 characters (empty: derived from the content);
 *   <li>{@code series.sku_id}, {@code series.location_id}: required, at most 64 characters in their
 *       stored form ({@link Keys}: the SKU id upper-cased), no '/';
 *   <li>every string: text, without control characters (NUL included) or unpaired surrogates;
 *   <li>{@code business_date}: a valid day from 1990-01-01 to 2100-12-31;
 *   <li>{@code quantity}: finite, greater than 0, at most 1,000,000,000;
 *   <li>{@code unit_price}: finite, 0 to 1,000,000,000;
 *   <li>{@code currency_code}: empty or three upper-case letters;
 *   <li>{@code kind}: a known value;
 *   <li>{@code order_id}, {@code customer_id}: at most 64 characters.
 * </ul>
 */
public final class SaleValidator {
    public static final LocalDate MIN_DATE = LocalDate.of(1990, 1, 1);
    public static final LocalDate MAX_DATE = LocalDate.of(2100, 12, 31);
    public static final double MAX_QUANTITY = 1_000_000_000d;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final SaleKind[] KINDS = {SaleKind.SALE, SaleKind.SALE, SaleKind.CANCELLATION, SaleKind.RETURN, SaleKind.ADJUSTMENT};

    private SaleValidator() {}

    /** The violations of a record, empty when it is valid. */
    public static List<FieldViolation> check(IncomingSale in) {
        var v = new Validator();
        v.maxLength("source_id", in.sourceId(), 128);
        key(v, "series.sku_id", Keys.sku(in.skuId()));
        key(v, "series.location_id", Keys.location(in.locationId()));
        if (in.year() == 0 && in.month() == 0 && in.day() == 0) {
            v.add("business_date", "REQUIRED", "is required");
        } else {
            try {
                var d = LocalDate.of(in.year(), in.month(), in.day());
                if (d.isBefore(MIN_DATE) || d.isAfter(MAX_DATE)) {
                    v.add("business_date", "OUT_OF_RANGE", "must be between " + MIN_DATE + " and " + MAX_DATE + ", was " + d);
                }
            } catch (DateTimeException e) {
                v.add("business_date", "INVALID_FORMAT",
                        "is not a valid calendar date: " + in.year() + "-" + in.month() + "-" + in.day());
            }
        }
        if (Double.isFinite(in.quantity()) && in.quantity() <= 0) {
            v.add("quantity", "OUT_OF_RANGE", "must be greater than 0 (cancellations and returns say so in kind), was " + in.quantity());
        } else {
            v.requireRange("quantity", in.quantity(), 0, MAX_QUANTITY);
        }
        v.requireRange("unit_price", in.unitPrice(), 0, MAX_QUANTITY);
        if (in.currencyCode() != null && !in.currencyCode().isEmpty() && !CURRENCY.matcher(in.currencyCode()).matches()) {
            v.add("currency_code", "INVALID_FORMAT", "must be three upper-case letters (ISO 4217), was '" + in.currencyCode() + "'");
        }
        if (in.kindNumber() < 0 || in.kindNumber() >= KINDS.length) {
            v.add("kind", "UNKNOWN_ENUM", "is not a known SaleKind: " + in.kindNumber());
        }
        v.maxLength("order_id", in.orderId(), 64);
        v.maxLength("customer_id", in.customerId(), 64);
        return v.violations();
    }

    private static void key(Validator v, String field, String value) {
        v.requireText(field, value, 64);
        if (value != null && value.indexOf('/') >= 0) {
            v.add(field, "INVALID_FORMAT", "must not contain '/'");
        }
    }

    /** The validated line; call only when {@link #check} found nothing. */
    public static SaleLine normalize(IncomingSale in) {
        var line = new SaleLine(
                nullToEmpty(in.sourceId()),
                Keys.sku(in.skuId()),
                Keys.location(in.locationId()),
                LocalDate.of(in.year(), in.month(), in.day()),
                in.eventTimeEpochMillis() == null ? null : Instant.ofEpochMilli(in.eventTimeEpochMillis()),
                in.quantity(),
                in.unitPrice(),
                nullToEmpty(in.currencyCode()),
                KINDS[in.kindNumber()],
                in.onPromotion(),
                nullToEmpty(in.orderId()),
                nullToEmpty(in.customerId()));
        if (line.sourceId().isEmpty()) {
            return new SaleLine(SourceIds.derive(line), line.skuId(), line.locationId(), line.businessDate(),
                    line.eventTime(), line.quantity(), line.unitPrice(), line.currencyCode(), line.kind(),
                    line.onPromotion(), line.orderId(), line.customerId());
        }
        return line;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
