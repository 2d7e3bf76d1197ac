package io.stockwise.optimizer.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The supply terms of a series as ingestion published them on {@code stockwise.supply.v1}: one
 * supplier's lead time, review period, order constraints and costs.
 *
 * @param supplierId the supplier
 * @param leadTimeMeanDays mean lead time in days (ignored when {@code leadTimeDistribution} is not empty)
 * @param leadTimeSdDays standard deviation of the lead time in days
 * @param leadTimeDistribution an empirical lead-time distribution; empty when the mean is given
 * @param reviewPeriodDays days between two orders to the supplier; 0 means the plan's default
 * @param minOrderQuantity minimum order quantity in units; 0 means none
 * @param casePack units per case; 0 means 1; a fractional pack is rounded up to whole units
 * @param unitCost purchase cost per unit
 * @param orderCost fixed cost of one order (kept, not used by order-up-to plans)
 */
public record SupplyTerms(String supplierId, double leadTimeMeanDays, double leadTimeSdDays,
        List<ItemOptions.LeadTimePoint> leadTimeDistribution, int reviewPeriodDays, double minOrderQuantity,
        double casePack, double unitCost, double orderCost) {
    public SupplyTerms {
        Objects.requireNonNull(supplierId, "supplierId");
        leadTimeDistribution = List.copyOf(leadTimeDistribution);
    }

    /** Whether the item gives none of the supply-term fields (all 0 or unset). */
    public static boolean absentFrom(ReplenishmentItem item) {
        var o = item.options();
        return item.leadTimeDays() == 0 && o.leadTimeSdDays() == 0 && o.leadTimeDistribution().isEmpty()
                && item.reviewPeriodDays() == 0 && item.casePack() == 0 && item.minOrderQuantity() == 0
                && item.unitCost() == 0;
    }

    /**
     * The item with these terms in place of its supply-term fields; the supplier becomes its
     * constraint group when it lists none and {@code groupIds} has one with the supplier's id.
     */
    public ReplenishmentItem applyTo(ReplenishmentItem item, java.util.Set<String> groupIds) {
        int leadDays;
        double sd = 0;
        Optional<List<ItemOptions.LeadTimePoint>> distribution = Optional.empty();
        if (!leadTimeDistribution.isEmpty()) {
            double mean = 0;
            for (var p : leadTimeDistribution) {
                mean += p.days() * p.probability();
            }
            leadDays = (int) Math.round(mean);
            distribution = Optional.of(leadTimeDistribution);
        } else {
            double mean = Math.max(0, leadTimeMeanDays);
            leadDays = (int) Math.round(mean);
            boolean whole = Math.abs(mean - Math.rint(mean)) < 1e-9;
            if (whole) {
                sd = leadTimeSdDays;
            } else if (leadTimeSdDays == 0) {
                int low = (int) Math.floor(mean);
                double up = mean - low;
                distribution = Optional.of(List.of(new ItemOptions.LeadTimePoint(low, 1 - up),
                        new ItemOptions.LeadTimePoint(low + 1, up)));
            } else {
                distribution = Optional.of(roundedNormal(mean, leadTimeSdDays));
            }
        }
        long pack = casePack <= 0 ? 0 : (long) Math.ceil(casePack - 1e-9);
        var o = item.options();
        var groups = o.constraintGroupIds();
        if (groups.isEmpty() && !supplierId.isEmpty() && groupIds.contains(supplierId)) {
            groups = List.of(supplierId);
        }
        var options = new ItemOptions(o.openOrders(), sd, distribution, o.holdingCostPerUnitDay(), o.annualHoldingRate(),
                o.shortagePenalty(), o.targetFillRate(), o.maxOrderQuantity(), o.unitVolume(), groups);
        return new ReplenishmentItem(item.series(), item.stock(), leadDays, reviewPeriodDays,
                item.targetCycleServiceLevel(), pack, minOrderQuantity, unitCost, item.forecast(), options);
    }

    /** N(mean, sd) over whole days: day d gets the mass of [d - 0.5, d + 0.5), cut at 0 and mean + 4 sd. */
    static List<ItemOptions.LeadTimePoint> roundedNormal(double mean, double sd) {
        int last = (int) Math.min(PlanRequestValidator.MAX_DAYS, Math.ceil(mean + 4 * sd));
        var points = new ArrayList<ItemOptions.LeadTimePoint>();
        double total = 0;
        double[] mass = new double[last + 1];
        for (int d = 0; d <= last; d++) {
            double lo = d == 0 ? 0 : Gaussian.cdf((d - 0.5 - mean) / sd);
            double hi = d == last ? 1 : Gaussian.cdf((d + 0.5 - mean) / sd);
            mass[d] = Math.max(0, hi - lo);
            total += mass[d];
        }
        for (int d = 0; d <= last; d++) {
            if (mass[d] > 0) {
                points.add(new ItemOptions.LeadTimePoint(d, mass[d] / total));
            }
        }
        return points;
    }
}
