package io.stockwise.optimizer.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one-sentence reason of a plan line for planners: the quantile that set S, S itself, the
 * inventory position, and the rounding or minimum-order bound that shaped the quantity.
 */
public final class PlanExplanation {
    private PlanExplanation() {}

    /**
     * The sentence, e.g. "Order 144 units: S = 130.5 units is the 95% quantile of demand over the
     * 7-day protection interval, the inventory position is 10 units, and the shortfall of 120.5 units
     * was rounded up to a multiple of the case pack of 12."
     */
    public static String sentence(ReplenishmentTerms terms, double orderUpToLevel, double position, double raw,
            OrderQuantity order) {
        var quantile = "the " + percent(terms.cycleServiceLevel()) + " quantile of demand over the "
                + terms.protectionIntervalDays() + "-day protection interval";
        if (order.rounding() == OrderRounding.NO_ORDER) {
            return "No order: the inventory position of " + units(position) + " already reaches S = "
                    + units(orderUpToLevel) + ", " + quantile + ", so no rounding or minimum order applies.";
        }
        return "Order " + units(order.quantity()) + ": S = " + units(orderUpToLevel) + " is " + quantile
                + ", the inventory position is " + units(position) + ", and the shortfall of " + units(raw) + " "
                + bound(terms, order) + ".";
    }

    private static String bound(ReplenishmentTerms terms, OrderQuantity order) {
        var pack = terms.casePack() > 1 ? "a multiple of the case pack of " + terms.casePack() : "whole units";
        return switch (order.rounding()) {
            case NONE -> terms.casePack() > 1 ? "is already " + pack : "is ordered as is (whole units, no minimum order)";
            case WHOLE_UNITS -> "was rounded up to whole units";
            case CASE_PACK -> "was rounded up to " + pack;
            case MIN_ORDER_QUANTITY -> "was raised to the minimum order quantity of " + units(terms.minOrderQuantity())
                    + (order.quantity() != terms.minOrderQuantity() ? " and then up to " + pack : "");
            case NO_ORDER -> throw new IllegalStateException("no bound for no order");
        };
    }

    /** "1 unit", "12 units", "130.46 units". */
    static String units(double v) {
        var n = number(v);
        return n + (n.equals("1") ? " unit" : " units");
    }

    static String percent(double level) {
        return number(level * 100) + "%";
    }

    /** At most two decimals, no trailing zeros, no exponent. */
    static String number(double v) {
        var s = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
