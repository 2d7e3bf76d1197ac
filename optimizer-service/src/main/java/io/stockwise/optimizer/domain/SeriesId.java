package io.stockwise.optimizer.domain;

import java.util.Objects;

/**
 * One demand series: a SKU at a location.
 *
 * @param skuId the SKU code
 * @param locationId the store, warehouse or web shop
 */
public record SeriesId(String skuId, String locationId) {
    public SeriesId {
        Objects.requireNonNull(skuId, "skuId");
        Objects.requireNonNull(locationId, "locationId");
    }

    /** The string form {@code <sku_id>/<location_id>}, also the Kafka record key. */
    public String key() {
        return skuId + "/" + locationId;
    }

    @Override
    public String toString() {
        return key();
    }
}
