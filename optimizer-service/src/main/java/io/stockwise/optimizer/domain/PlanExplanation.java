package io.stockwise.optimizer.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The reason of a plan line for planners: the quantile that set S (and what set its level), S
 * itself, the inventory position, and the rounding, minimum or maximum order bound that shaped the
 * quantity; a constraint that cut the order adds a second sentence.
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
        return sentence(terms.cycleServiceLevel(), terms.protectionIntervalDays(), "", orderUpToLevel, position, raw,
                order, terms.casePack(), terms.minOrderQuantity(), 0);
    }

    /**
     * The sentence with the level of S and why ({@code basis}, e.g. " (the critical ratio ...)",
     * inserted after the protection interval).
     */
    public static String sentence(double level, int protectionIntervalDays, String basis, double orderUpToLevel,
            double position, double raw, OrderQuantity order, long casePack, double minOrderQuantity,
            double maxOrderQuantity) {
        var quantile = "the " + percent(level) + " quantile of demand over the " + protectionIntervalDays
                + "-day protection interval" + basis;
        if (order.rounding() == OrderRounding.NO_ORDER) {
            return "No order: the inventory position of " + units(position) + " already reaches S = "
                    + units(orderUpToLevel) + ", " + quantile + ", so no rounding or minimum order applies.";
        }
        return "Order " + units(order.quantity()) + ": S = " + units(orderUpToLevel) + " is " + quantile
                + ", the inventory position is " + units(position) + ", and the shortfall of " + units(raw) + " "
                + bound(casePack, minOrderQuantity, maxOrderQuantity, order) + ".";
    }

    private static String bound(long casePack, double minOrderQuantity, double maxOrderQuantity, OrderQuantity order) {
        var pack = casePack > 1 ? "a multiple of the case pack of " + casePack : "whole units";
        return switch (order.rounding()) {
            case NONE -> casePack > 1 ? "is already " + pack : "is ordered as is (whole units, no minimum order)";
            case WHOLE_UNITS -> "was rounded up to whole units";
            case CASE_PACK -> "was rounded up to " + pack;
            case MIN_ORDER_QUANTITY -> "was raised to the minimum order quantity of " + units(minOrderQuantity)
                    + (order.quantity() != minOrderQuantity ? " and then up to " + pack : "");
            case MAX_ORDER_QUANTITY -> "was capped at the maximum order quantity of " + units(maxOrderQuantity)
                    + (casePack > 1 ? " (in whole case packs of " + casePack + ")" : "");
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
        return rounded(v, 2);
    }

    /** At most four decimals (small unit costs). */
    static String number4(double v) {
        return rounded(v, 4);
    }

    private static String rounded(double v, int scale) {
        var s = BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
