package io.stockwise.ingestion.domain;

import java.util.List;

/**
 * The stock of a series counted at {@code observeTime}, keyed by (sku, location, observe time).
 *
 * @param observeEpochSeconds when the position was counted, seconds since the epoch; {@code null} when not sent
 * @param observeNanos the nanoseconds within that second
 */
public record InventoryPosition(String skuId, String locationId, double onHand, List<OnOrder> onOrder,
        Long observeEpochSeconds, int observeNanos) {

    /** Units on order from one purchase order, expected on {@code expectedArrival}. */
    public record OnOrder(double quantity, DayInput expectedArrival, String orderId) {}

    /** Units on order in total. */
    public double onOrderTotal() {
        return onOrder.stream().mapToDouble(OnOrder::quantity).sum();
    }
}
