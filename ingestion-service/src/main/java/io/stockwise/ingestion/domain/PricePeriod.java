package io.stockwise.ingestion.domain;

/**
 * The unit price of a series from {@code validFrom} to {@code validTo} inclusive, keyed by
 * (sku, location, validFrom).
 */
public record PricePeriod(String skuId, String locationId, DayInput validFrom, DayInput validTo, double unitPrice,
        String currencyCode, boolean onPromotion) {}
