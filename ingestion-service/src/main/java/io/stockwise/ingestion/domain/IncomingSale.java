package io.stockwise.ingestion.domain;

/**
 * A sales line as a client sent it, before validation. Dates and enums are still raw so the
 * validator can name exactly what is wrong; {@code original} gives the record's wire form, serialized only
 * when the record is rejected (for the dead-letter topic).
 *
 * @param kindNumber the wire value of the kind: 0 unspecified (a sale), 1 sale, 2 cancellation,
 *     3 return, 4 adjustment; anything else is invalid
 * @param eventTimeEpochMillis when the line was recorded, or {@code null} when unknown
 */
public record IncomingSale(
        String sourceId,
        String skuId,
        String locationId,
        int year,
        int month,
        int day,
        Long eventTimeEpochMillis,
        double quantity,
        double unitPrice,
        String currencyCode,
        int kindNumber,
        boolean onPromotion,
        String orderId,
        String customerId,
        java.util.function.Supplier<byte[]> original) {}
