package io.stockwise.optimizer.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Objects;

/**
 * The periodic-review order-up-to policy with backorders, the (R, S) policy of Snyder &amp; Shen,
 * <i>Fundamentals of Supply Chain Theory</i> (2nd ed.), ch. 4-5.
 *
 * <p>Conventions: the inventory position is reviewed every R days; an order placed now arrives after
 * the lead time L, and the next order can arrive only L + R days from now, so this order must cover
 * demand over the protection interval of L + R days. Unmet demand is backordered. Costs are those of
 * one review cycle, charged at the end of the protection interval (end-of-period accounting): holding
 * h per unit per day for the R days of the cycle on the units left, {@code h R E[(S - D)^+]}, and a
 * penalty p per unit short, {@code p E[(D - S)^+]}; purchase cost is not in this objective (it is what
 * budgets limit).
 *
 * <ul>
 *   <li>the order-up-to level S is a quantile of demand over the protection interval, at the level
 *       <ul>
 *         <li>alpha, the cycle service level (Type 1 service), by default 0.95; or
 *         <li>{@code p / (p + h R)}, the newsvendor critical ratio, when a shortage penalty is given; or
 *         <li>the lowest level whose expected fill rate (Type 2 service) reaches the target;
 *       </ul>
 *       when a service target sets S, the penalty that would make S cost-optimal,
 *       {@code level h R / (1 - level)}, is used to cost it;
 *   <li>the reorder point r is the same quantile of demand over the lead time;
 *   <li>the expected demand is the sum of the daily forecast means over the protection interval
 *       (averaged over the lead-time distribution when it is uncertain), and the safety stock is S
 *       minus it;
 *   <li>the inventory position IP is on hand + on order - backordered, plus open orders arriving
 *       within the protection interval; the raw order {@code max(0, S - IP)} brings it up to S;
 *   <li>the order is then rounded up by {@link OrderQuantity} to case packs and the minimum order
 *       quantity, capped at the maximum order quantity (rounded down to case packs), and valued at the
 *       unit cost;
 *   <li>the expected fill rate is the share of the whole protection interval's demand served from
 *       stock, from the position x before ordering and y after:
 *       {@code 1 - (E[(D_L - x)^+] + E[(D_P - y)^+] - E[(D_L - y)^+]) / E[D_P]}; a fill-rate target
 *       sets S on the steady-state rate of the cycle, {@code 1 - (E[(D_P - S)^+] - E[(D_L - S)^+]) / E[D_P - D_L]}.
 * </ul>
 *
 * <p>Demand over several days is the sum of the forecast's daily demands, taken as independent, each
 * distributed as its quantiles say ({@link DailyDemand}), sampled by {@link MonteCarloDemandSum}
 * together with the lead time. Day 0 of the forecast is the first day of the protection interval.
 */
public final class OrderUpToPolicy {
    private final MonteCarloDemandSum demandSum;

    public OrderUpToPolicy(MonteCarloDemandSum demandSum) {
        this.demandSum = Objects.requireNonNull(demandSum, "demandSum");
    }

    /**
     * Plans one series with basic terms (no costs, constraints or uncertain lead time given).
     *
     * @param series the series
     * @param terms its terms, with defaults applied
     * @param stock its stock now
     * @param forecast a valid forecast covering at least the protection interval
     */
    public PlanLine plan(SeriesId series, ReplenishmentTerms terms, StockPosition stock, DemandForecast forecast) {
        var item = new ReplenishmentItem(series, stock, terms.leadTimeDays(), terms.reviewPeriodDays(),
                terms.cycleServiceLevel(), terms.casePack(), terms.minOrderQuantity(), terms.unitCost(),
                java.util.Optional.of(forecast));
        var model = model(0, item, forecast, LocalDate.EPOCH);
        return line(item, model, forecast, model.unconstrainedOrder, "", "");
    }

    /** Samples the series' demand and sets S, r, the costs and the unconstrained order; the item must be valid. */
    SeriesModel model(int index, ReplenishmentItem item, DemandForecast forecast, LocalDate planDate) {
        var terms = item.terms();
        var options = item.options();
        var lead = item.leadTime();
        int r = terms.reviewPeriodDays();
        int needed = lead.maxDays() + r;
        if (forecast.days().size() < needed) {
            throw new IllegalArgumentException("the forecast of " + item.series() + " covers "
                    + forecast.days().size() + " days, the plan needs " + needed);
        }
        var days = new ArrayList<DailyDemand>(needed);
        var cumulative = new double[needed + 1];
        for (int d = 0; d < needed; d++) {
            var day = forecast.dailyDemand(d);
            days.add(day);
            cumulative[d + 1] = cumulative[d] + day.mean();
        }
        double expected = lead.isFixed() ? cumulative[lead.minDays() + r] : lead.expectation(l -> cumulative[l + r]);
        var demand = demandSum.scenarios(days, lead, r);

        double position = item.stock().inventoryPosition();
        int horizon = (int) Math.ceil(lead.mean() - 1e-9) + r;
        for (var open : options.openOrders()) {
            long day = ChronoUnit.DAYS.between(planDate, open.arrivalDate().orElse(planDate));
            if (day < horizon) {
                position += open.quantity();
            }
        }

        double h = holdingPerDay(item);
        double hr = h * r;
        double level;
        double s;
        double penalty;
        int n = demand.size();
        double maxLevel = 1 - 0.5 / n;
        if (options.shortagePenalty() > 0) {
            penalty = options.shortagePenalty();
            level = penalty / (penalty + hr);
            s = demand.quantile(level);
        } else if (options.targetFillRate() > 0) {
            int k = fillRateRank(demand, options.targetFillRate());
            s = demand.sortedAt(k);
            level = Math.min(maxLevel, demand.cdf(s));
            penalty = level * hr / (1 - level);
        } else {
            level = terms.cycleServiceLevel();
            s = demand.quantile(level);
            double capped = Math.min(level, maxLevel);
            penalty = capped * hr / (1 - capped);
        }
        double reorderPoint = lead.isFixed() && lead.minDays() == 0 ? 0 : demand.leadQuantile(level);
        double raw = Math.max(0, s - position);
        var order = OrderQuantity.of(raw, terms.casePack(), terms.minOrderQuantity());
        if (forecast.obsolete() && !options.planObsolete()) {
            // An obsolete series orders nothing unless the request asks to plan it.
            order = new OrderQuantity(0, OrderRounding.NO_ORDER);
        }
        long pack = terms.casePack();
        double minOrder = OrderQuantity.of(Math.max(pack, terms.minOrderQuantity()), pack, terms.minOrderQuantity())
                .quantity();
        if (options.maxOrderQuantity() > 0) {
            double cap = Math.floor(options.maxOrderQuantity() / pack + 1e-9) * pack;
            if (order.quantity() > cap) {
                order = new OrderQuantity(cap >= minOrder ? cap : 0, OrderRounding.MAX_ORDER_QUANTITY);
            }
        }
        return new SeriesModel(index, demand, position, h, r, penalty, level, s, reorderPoint, expected, pack,
                minOrder, order, raw, terms.unitCost(), options.unitVolume());
    }

    /** The smallest sorted total whose fill rate reaches the target (the largest when none does). */
    private static int fillRateRank(ProtectionDemand demand, double target) {
        double leadMean = demand.leadMean();
        int lo = 0;
        int hi = demand.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (demand.cycleFillRate(demand.sortedAt(mid), leadMean) >= target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * h per unit per day: the given one, else the annual rate (default 0.25) x unit cost / 365; when
     * that is 0 (no unit cost), the default rate on a unit cost of 1, so costs still rank orders.
     */
    static double holdingPerDay(ReplenishmentItem item) {
        var options = item.options();
        if (options.holdingCostPerUnitDay() > 0) {
            return options.holdingCostPerUnitDay();
        }
        double rate = options.annualHoldingRate() > 0 ? options.annualHoldingRate() : ItemOptions.DEFAULT_ANNUAL_HOLDING_RATE;
        double h = rate * item.unitCost() / 365;
        return h > 0 ? h : rate / 365;
    }

    /** The plan line for an order of {@code quantity} units. */
    PlanLine line(ReplenishmentItem item, SeriesModel m, DemandForecast forecast, double quantity,
            String bindingGroup, String bindingResource) {
        var terms = item.terms();
        var options = item.options();
        var unconstrained = m.unconstrained;
        var order = quantity == unconstrained.quantity() ? unconstrained
                : new OrderQuantity(quantity, quantity > 0 ? unconstrained.rounding() : OrderRounding.NO_ORDER);
        String basis = "";
        if (options.shortagePenalty() > 0) {
            basis = " (the critical ratio p / (p + h R) of a shortage penalty of " + PlanExplanation.number(m.penalty)
                    + " and a holding cost of " + PlanExplanation.number4(m.holdingPerDay) + " per unit-day)";
        } else if (options.targetFillRate() > 0) {
            basis = " (the lowest level whose expected fill rate reaches the " + PlanExplanation.percent(options.targetFillRate())
                    + " target)";
        }
        var lead = item.leadTime();
        if (!lead.isFixed()) {
            basis += " with a lead time of " + lead.minDays() + " to " + lead.maxDays() + " days";
        }
        var explanation = PlanExplanation.sentence(m.level, terms.protectionIntervalDays(), basis, m.orderUpTo,
                m.position, m.raw, unconstrained, terms.casePack(), terms.minOrderQuantity(), options.maxOrderQuantity());
        boolean skipped = forecast.obsolete() && !options.planObsolete();
        if (skipped) {
            explanation = "No order: no demand for " + forecast.obsoleteDaysWithoutDemand()
                    + " days, so the series is obsolete and its forecast decays to zero (set plan_obsolete to plan it"
                    + " anyway; S would be " + PlanExplanation.units(m.orderUpTo) + ").";
        }
        if (!bindingGroup.isEmpty()) {
            explanation += " The " + bindingResource + " of constraint group " + bindingGroup + " cut the order from "
                    + PlanExplanation.units(unconstrained.quantity()) + " to " + PlanExplanation.units(quantity) + ".";
        }
        var economics = new PlanLine.LineEconomics(m.fillRate(quantity), m.holdingCost(quantity), m.shortageCost(quantity),
                unconstrained.quantity(), bindingGroup, m.level, m.holdingPerDay, m.penalty, options.unitVolume());
        return new PlanLine(item.series(), order.quantity(), m.raw, order.rounding(), m.orderUpTo, m.reorderPoint,
                m.orderUpTo - m.expectedDemand, m.expectedDemand, m.position, terms.leadTimeDays(),
                terms.reviewPeriodDays(), m.level, terms.casePack(), terms.minOrderQuantity(), terms.unitCost(),
                order.quantity() * terms.unitCost(), forecast.model(), forecast.modelVersion(), explanation, economics,
                forecast.asOfDate(), forecast.obsoleteDaysWithoutDemand());
    }
}
