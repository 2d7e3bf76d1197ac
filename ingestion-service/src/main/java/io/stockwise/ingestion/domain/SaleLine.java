package io.stockwise.ingestion.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A validated sales line, ready to store. {@code skuId} is upper-cased; {@code sourceId} is the
 * client's id or one derived from the content ({@link SourceIds}).
 */
public record SaleLine(
        String sourceId,
        String skuId,
        String locationId,
        LocalDate businessDate,
        Instant eventTime,
        double quantity,
        double unitPrice,
        String currencyCode,
        SaleKind kind,
        boolean onPromotion,
        String orderId,
        String customerId) {

    /** The series key {@code <sku_id>/<location_id>}. */
    public String seriesKey() {
        return skuId + "/" + locationId;
    }
}
