package io.stockwise.optimizer.domain;

import java.util.ArrayList;
import java.util.Objects;

/**
 * The periodic-review order-up-to policy with backorders, the (R, S) policy of Snyder &amp; Shen,
 * <i>Fundamentals of Supply Chain Theory</i> (2nd ed.), ch. 4-5.
 *
 * <p>Conventions: the inventory position is reviewed every R days; an order placed now arrives after
 * the lead time L, and the next order can arrive only L + R days from now, so this order must cover
 * demand over the protection interval of L + R days. Unmet demand is backordered. With a cycle
 * service level alpha (Type 1 service: the probability of no stock-out in a replenishment cycle):
 *
 * <ul>
 *   <li>the order-up-to level S is the alpha-quantile of demand over the protection interval;
 *   <li>the reorder point r is the alpha-quantile of demand over the lead time (0 when L = 0): the
 *       position at or below which a continuous-review system would order;
 *   <li>the expected demand is the sum of the daily forecast means over the protection interval, and
 *       the safety stock is S minus it;
 *   <li>the inventory position IP is on hand + on order - backordered, and the raw order
 *       {@code max(0, S - IP)} brings it up to S;
 *   <li>the order is then rounded up by {@link OrderQuantity} to case packs and the minimum order
 *       quantity, and valued at the unit cost.
 * </ul>
 *
 * <p>Demand over several days is the sum of the forecast's daily demands, taken as independent, each
 * distributed as its quantiles say ({@link DailyDemand}); the quantiles of the sum come from the
 * {@link DemandSumModel}. Day 0 of the forecast is the first day of the protection interval.
 */
public final class OrderUpToPolicy {
    private final DemandSumModel demandSum;

    public OrderUpToPolicy(DemandSumModel demandSum) {
        this.demandSum = Objects.requireNonNull(demandSum, "demandSum");
    }

    /**
     * Plans one series.
     *
     * @param series the series
     * @param terms its terms, with defaults applied
     * @param stock its stock now
     * @param forecast a valid forecast covering at least the protection interval
     */
    public PlanLine plan(SeriesId series, ReplenishmentTerms terms, StockPosition stock, DemandForecast forecast) {
        int p = terms.protectionIntervalDays();
        if (forecast.days().size() < p) {
            throw new IllegalArgumentException("the forecast of " + series + " covers " + forecast.days().size()
                    + " days, the protection interval " + p);
        }
        var days = new ArrayList<DailyDemand>(p);
        double expected = 0;
        for (int d = 0; d < p; d++) {
            var day = forecast.dailyDemand(d);
            days.add(day);
            expected += day.mean();
        }
        var sums = demandSum.quantiles(days, terms.leadTimeDays(), terms.cycleServiceLevel());
        double s = sums.protectionInterval();
        double position = stock.inventoryPosition();
        double raw = Math.max(0, s - position);
        var order = OrderQuantity.of(raw, terms.casePack(), terms.minOrderQuantity());
        var explanation = PlanExplanation.sentence(terms, s, position, raw, order);
        return new PlanLine(series, order.quantity(), raw, order.rounding(), s, sums.leadTime(), s - expected, expected,
                position, terms.leadTimeDays(), terms.reviewPeriodDays(), terms.cycleServiceLevel(), terms.casePack(),
                terms.minOrderQuantity(), terms.unitCost(), order.quantity() * terms.unitCost(), forecast.model(),
                forecast.modelVersion(), explanation);
    }
}
