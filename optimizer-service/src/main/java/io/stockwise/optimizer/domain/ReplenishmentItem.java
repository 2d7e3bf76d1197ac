package io.stockwise.optimizer.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * One series to plan, as requested: values are raw (0 still means "default") and unchecked until
 * {@link PlanRequestValidator} accepts them.
 *
 * @param series the series
 * @param stock its stock now
 * @param leadTimeDays lead time L in days, 0 to 365
 * @param reviewPeriodDays review period R in days, 1 to 365; 0 means 1
 * @param targetCycleServiceLevel strictly between 0 and 1; 0 means 0.95
 * @param casePack orders are multiples of this many units; 0 or 1 means single units
 * @param minOrderQuantity minimum order quantity in units; 0 means none
 * @param unitCost purchase cost per unit, at least 0
 * @param forecast the forecast to plan from; empty to have it fetched
 */
public record ReplenishmentItem(SeriesId series, StockPosition stock, int leadTimeDays, int reviewPeriodDays,
        double targetCycleServiceLevel, long casePack, double minOrderQuantity, double unitCost,
        Optional<DemandForecast> forecast) {
    public ReplenishmentItem {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(stock, "stock");
        Objects.requireNonNull(forecast, "forecast");
    }

    /** The terms with defaults applied; the item must be valid. */
    public ReplenishmentTerms terms() {
        return new ReplenishmentTerms(leadTimeDays,
                reviewPeriodDays == 0 ? ReplenishmentTerms.DEFAULT_REVIEW_PERIOD_DAYS : reviewPeriodDays,
                targetCycleServiceLevel == 0 ? ReplenishmentTerms.DEFAULT_CYCLE_SERVICE_LEVEL : targetCycleServiceLevel,
                Math.max(1, casePack), minOrderQuantity, unitCost);
    }

    /** The protection interval L + R in days, with the review-period default applied. */
    public int protectionIntervalDays() {
        return leadTimeDays + (reviewPeriodDays == 0 ? ReplenishmentTerms.DEFAULT_REVIEW_PERIOD_DAYS : reviewPeriodDays);
    }
}
