package io.stockwise.optimizer.domain;

/**
 * An order quantity after the supplier's bounds.
 *
 * <p>Orders are whole units: the raw quantity is rounded up to a multiple of the case pack (1 when
 * the case pack is 0 or 1); a positive order below the minimum order quantity is raised to it and
 * then again rounded up to a case-pack multiple. Rounding is always up, so the order never falls
 * short of the order-up-to level. A raw quantity within a relative 1e-9 of a multiple counts as
 * that multiple, so floating-point noise never adds a case.
 *
 * @param quantity units to order, 0 when none
 * @param rounding the bound that decided {@code quantity}
 */
public record OrderQuantity(double quantity, OrderRounding rounding) {
    private static final double TOLERANCE = 1e-9;

    /**
     * Applies case pack and minimum order quantity to a raw quantity.
     *
     * @param raw units the policy asks for, at least 0
     * @param casePack units per case, at least 1
     * @param minOrderQuantity minimum units of a positive order, at least 0
     */
    public static OrderQuantity of(double raw, long casePack, double minOrderQuantity) {
        if (raw <= TOLERANCE) {
            return new OrderQuantity(0, OrderRounding.NO_ORDER);
        }
        long pack = Math.max(1, casePack);
        double packed = roundUp(raw, pack);
        if (minOrderQuantity > 0 && packed < minOrderQuantity) {
            return new OrderQuantity(roundUp(minOrderQuantity, pack), OrderRounding.MIN_ORDER_QUANTITY);
        }
        OrderRounding rounding;
        if (!differs(packed, raw)) {
            rounding = OrderRounding.NONE;
        } else {
            rounding = pack > 1 ? OrderRounding.CASE_PACK : OrderRounding.WHOLE_UNITS;
        }
        return new OrderQuantity(packed, rounding);
    }

    private static double roundUp(double units, long pack) {
        double cases = units / pack;
        double nearest = Math.rint(cases);
        if (Math.abs(cases - nearest) <= TOLERANCE * Math.max(1, nearest)) {
            return nearest * pack;
        }
        return Math.ceil(cases) * pack;
    }

    private static boolean differs(double a, double b) {
        return Math.abs(a - b) > TOLERANCE * Math.max(1, Math.abs(b));
    }
}
