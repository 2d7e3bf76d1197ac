package io.stockwise.forecast.domain;

import java.util.Objects;

/**
 * One demand series: one SKU at one location. Holds the raw parts as requested; {@link
 * ForecastQuery} validation decides whether they are acceptable.
 *
 * @param skuId the SKU code, e.g. {@code 85123A}
 * @param locationId the location, e.g. {@code default}
 */
public record SeriesId(String skuId, String locationId) {
    public SeriesId {
        Objects.requireNonNull(skuId, "skuId");
        Objects.requireNonNull(locationId, "locationId");
    }

    /** The series key {@code <sku_id>/<location_id>}: the Kafka record key and the form used in messages. */
    public String key() {
        return skuId + "/" + locationId;
    }

    @Override
    public String toString() {
        return key();
    }
}
