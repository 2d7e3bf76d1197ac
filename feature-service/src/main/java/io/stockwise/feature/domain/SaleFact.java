package io.stockwise.feature.domain;

import io.stockwise.commons.error.Validator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One sales line as consumed from {@code stockwise.sales.v1}.
 *
 * <p><b>Demand rule.</b> Demand is units ordered (gross orders): a line counts as demand when its
 * kind is {@link SaleKind#SALE} (an unspecified kind is a sale), its quantity is greater than zero
 * and its unit price is greater than zero. Cancellations, returns, adjustments, lines of unknown
 * kind and zero-price lines (free items, unknown prices, non-product lines) are recorded but do not
 * change demand; a later version may net cancellations and returns.
 *
 * @param eventId the unique id of the line; every line is applied at most once
 * @param series the SKU and location
 * @param businessDate the shop-local day the line counts toward
 * @param quantity units on the line, finite
 * @param unitPrice price per unit, finite; 0 means unknown or free
 * @param kind what the line records
 * @param ingestTime when ingestion stored the line; {@code null} when unknown
 * @param onPromotion whether the line was sold under a promotion (feeds the {@code on_promotion} feature)
 */
public record SaleFact(String eventId, SeriesId series, LocalDate businessDate, double quantity, double unitPrice,
        SaleKind kind, Instant ingestTime, boolean onPromotion) {
    /** Longest accepted event id, in characters. */
    public static final int MAX_EVENT_ID_LENGTH = 256;

    public SaleFact {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(businessDate, "businessDate");
        Objects.requireNonNull(kind, "kind");
    }

    /** A line not sold under a promotion. */
    public SaleFact(String eventId, SeriesId series, LocalDate businessDate, double quantity, double unitPrice,
            SaleKind kind, Instant ingestTime) {
        this(eventId, series, businessDate, quantity, unitPrice, kind, ingestTime, false);
    }

    /**
     * A valid sales line, or an {@code INVALID_ARGUMENT} failure naming every bad field
     * ({@code event_id}, {@code series.sku_id}, {@code business_date}, {@code quantity}, ...).
     *
     * @param businessDate {@code null} when the event has none (or an invalid one)
     */
    public static SaleFact of(String eventId, String skuId, String locationId, LocalDate businessDate, double quantity,
            double unitPrice, SaleKind kind, Instant ingestTime) {
        return of(eventId, skuId, locationId, businessDate, quantity, unitPrice, kind, ingestTime, false);
    }

    /** As {@link #of(String, String, String, LocalDate, double, double, SaleKind, Instant)}, with the promotion flag. */
    public static SaleFact of(String eventId, String skuId, String locationId, LocalDate businessDate, double quantity,
            double unitPrice, SaleKind kind, Instant ingestTime, boolean onPromotion) {
        var v = new Validator();
        v.requireText("event_id", eventId, MAX_EVENT_ID_LENGTH);
        var series = SeriesId.check(v, "series", skuId, locationId);
        if (businessDate == null) {
            v.add("business_date", "REQUIRED", "is required");
        }
        if (!Double.isFinite(quantity)) {
            v.add("quantity", "NOT_FINITE", "must be a finite number");
        }
        if (!Double.isFinite(unitPrice)) {
            v.add("unit_price", "NOT_FINITE", "must be a finite number");
        }
        v.throwIfInvalid();
        return new SaleFact(eventId, series, businessDate, quantity, unitPrice, kind, ingestTime, onPromotion);
    }

    /** Whether the line is demand, by the rule above. */
    public boolean isDemand() {
        return kind == SaleKind.SALE && quantity > 0 && unitPrice > 0;
    }
}
