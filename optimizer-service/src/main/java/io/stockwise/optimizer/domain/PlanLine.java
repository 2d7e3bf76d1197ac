package io.stockwise.optimizer.domain;

import java.util.Objects;

/**
 * The plan for one series and the figures that explain it. Quantities are units.
 *
 * @param series the series
 * @param orderQuantity units to order now, after case pack and minimum order quantity; 0 means none
 * @param rawOrderQuantity {@code max(0, S - inventory position)} before any rounding
 * @param rounding which bound shaped {@code orderQuantity}
 * @param orderUpToLevel S: the cycle-service-level quantile of protection-interval demand
 * @param reorderPoint the cycle-service-level quantile of lead-time demand (0 for a zero lead time)
 * @param safetyStock S minus the expected protection-interval demand
 * @param expectedDemand the sum of the daily mean forecasts over the protection interval
 * @param inventoryPosition on hand + on order - backordered, before ordering
 * @param leadTimeDays L
 * @param reviewPeriodDays R
 * @param cycleServiceLevel the targeted probability of no stock-out in a cycle
 * @param casePack units per case (1 for single units)
 * @param minOrderQuantity the minimum order quantity (0 for none)
 * @param unitCost purchase cost per unit
 * @param orderValue {@code orderQuantity x unitCost}
 * @param forecastModel the model of the forecast used; may be empty
 * @param forecastModelVersion its version; may be empty
 * @param explanation why this quantity, in one English sentence
 * @param economics fill rate, costs and the constraint that bound the order
 * @param asOfDate the last day of history of the forecast planned from, when it says
 * @param obsoleteDaysWithoutDemand days without demand of a series its forecast marks obsolete; 0 when not
 */
public record PlanLine(SeriesId series, double orderQuantity, double rawOrderQuantity, OrderRounding rounding,
        double orderUpToLevel, double reorderPoint, double safetyStock, double expectedDemand,
        double inventoryPosition, int leadTimeDays, int reviewPeriodDays, double cycleServiceLevel, long casePack,
        double minOrderQuantity, double unitCost, double orderValue, String forecastModel,
        String forecastModelVersion, String explanation, LineEconomics economics,
        java.util.Optional<java.time.LocalDate> asOfDate, int obsoleteDaysWithoutDemand) {
    public PlanLine {
        Objects.requireNonNull(asOfDate, "asOfDate");
        Objects.requireNonNull(economics, "economics");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(forecastModel, "forecastModel");
        Objects.requireNonNull(forecastModelVersion, "forecastModelVersion");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** The protection interval L + R in days. */
    public int protectionIntervalDays() {
        return leadTimeDays + reviewPeriodDays;
    }

    /**
     * What a line's order achieves and costs, with the position after ordering.
     *
     * @param expectedFillRate expected share of the protection interval's demand served from stock, 0 to 1
     * @param expectedHoldingCost h x R x expected units left at the end of the protection interval
     * @param expectedShortageCost penalty x expected units short at its end
     * @param unconstrainedOrderQuantity the order without constraint groups
     * @param bindingConstraintGroupId the group that cut the order; empty when none did
     * @param quantileLevel the level of protection-interval demand S is
     * @param holdingCostPerUnitDay h used
     * @param shortagePenalty penalty per unit short used (given or implied by the service target)
     * @param unitVolume volume per unit
     */
    public record LineEconomics(double expectedFillRate, double expectedHoldingCost, double expectedShortageCost,
            double unconstrainedOrderQuantity, String bindingConstraintGroupId, double quantileLevel,
            double holdingCostPerUnitDay, double shortagePenalty, double unitVolume) {
        public LineEconomics {
            Objects.requireNonNull(bindingConstraintGroupId, "bindingConstraintGroupId");
        }

        /** Expected holding + shortage cost. */
        public double expectedCost() {
            return expectedHoldingCost + expectedShortageCost;
        }
    }

    /** True when the line orders something. */
    public boolean orders() {
        return orderQuantity > 0;
    }
}
