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
 */
public record PlanLine(SeriesId series, double orderQuantity, double rawOrderQuantity, OrderRounding rounding,
        double orderUpToLevel, double reorderPoint, double safetyStock, double expectedDemand,
        double inventoryPosition, int leadTimeDays, int reviewPeriodDays, double cycleServiceLevel, long casePack,
        double minOrderQuantity, double unitCost, double orderValue, String forecastModel,
        String forecastModelVersion, String explanation) {
    public PlanLine {
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

    /** True when the line orders something. */
    public boolean orders() {
        return orderQuantity > 0;
    }
}
