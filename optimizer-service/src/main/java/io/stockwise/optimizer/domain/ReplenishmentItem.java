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
 * @param options costs, uncertain lead time, open orders and constraints
 */
public record ReplenishmentItem(SeriesId series, StockPosition stock, int leadTimeDays, int reviewPeriodDays,
        double targetCycleServiceLevel, long casePack, double minOrderQuantity, double unitCost,
        Optional<DemandForecast> forecast, ItemOptions options) {
    public ReplenishmentItem {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(stock, "stock");
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(options, "options");
    }

    /** An item with no options beyond the basic order-up-to terms. */
    public ReplenishmentItem(SeriesId series, StockPosition stock, int leadTimeDays, int reviewPeriodDays,
            double targetCycleServiceLevel, long casePack, double minOrderQuantity, double unitCost,
            Optional<DemandForecast> forecast) {
        this(series, stock, leadTimeDays, reviewPeriodDays, targetCycleServiceLevel, casePack, minOrderQuantity,
                unitCost, forecast, ItemOptions.NONE);
    }

    /** The lead-time distribution; the item must be valid. */
    public LeadTime leadTime() {
        var points = options.leadTimeDistribution();
        if (points.isPresent()) {
            var list = points.get();
            var d = new int[list.size()];
            var p = new double[list.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = list.get(i).days();
                p[i] = list.get(i).probability();
            }
            return LeadTime.empirical(d, p);
        }
        return LeadTime.normal(leadTimeDays, options.leadTimeSdDays(), PlanRequestValidator.MAX_DAYS);
    }

    /** Days of forecast the plan needs: the longest lead time + the review period. */
    public int forecastDaysNeeded() {
        return leadTime().maxDays() + (reviewPeriodDays == 0 ? ReplenishmentTerms.DEFAULT_REVIEW_PERIOD_DAYS : reviewPeriodDays);
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
