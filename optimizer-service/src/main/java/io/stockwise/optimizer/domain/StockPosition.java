package io.stockwise.optimizer.domain;

/**
 * The stock of one series now, in units.
 *
 * @param onHand units on hand
 * @param onOrder units ordered and not yet received, all arriving within the protection interval
 * @param backordered units owed to customers
 */
public record StockPosition(double onHand, double onOrder, double backordered) {
    /** The inventory position: on hand + on order - backordered (negative when backorders exceed stock). */
    public double inventoryPosition() {
        return onHand + onOrder - backordered;
    }
}
