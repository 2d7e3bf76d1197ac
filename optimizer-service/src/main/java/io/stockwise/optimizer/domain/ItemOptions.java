package io.stockwise.optimizer.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The economic terms and constraints of one series beyond the basic order-up-to terms, as requested
 * (raw: 0 still means "default"; checked by {@link PlanRequestValidator}).
 *
 * @param openOrders open purchase orders with arrival dates
 * @param leadTimeSdDays standard deviation of the lead time in days; 0 for a certain lead time
 * @param leadTimeDistribution an empirical lead-time distribution replacing the mean and deviation
 * @param holdingCostPerUnitDay holding cost per unit per day; 0 means from the annual rate
 * @param annualHoldingRate yearly holding cost as a fraction of the unit cost; 0 means
 *     {@value #DEFAULT_ANNUAL_HOLDING_RATE}
 * @param shortagePenalty penalty per unit short at the end of a cycle; 0 means a service target sets S
 * @param targetFillRate target Type 2 service; 0 means none
 * @param maxOrderQuantity largest order in units; 0 means no limit
 * @param unitVolume volume of one unit
 * @param constraintGroupIds the constraint groups the order counts against
 * @param planObsolete plan a series its forecast marks obsolete like any other (by default it orders nothing)
 */
public record ItemOptions(List<OpenOrder> openOrders, double leadTimeSdDays,
        Optional<List<LeadTimePoint>> leadTimeDistribution, double holdingCostPerUnitDay, double annualHoldingRate,
        double shortagePenalty, double targetFillRate, double maxOrderQuantity, double unitVolume,
        List<String> constraintGroupIds, boolean planObsolete) {
    /** Yearly holding rate used when a request gives none. */
    public static final double DEFAULT_ANNUAL_HOLDING_RATE = 0.25;
    /** No options: the basic order-up-to plan. */
    public static final ItemOptions NONE = new ItemOptions(List.of(), 0, Optional.empty(), 0, 0, 0, 0, 0, 0, List.of(), false);

    public ItemOptions {
        openOrders = List.copyOf(openOrders);
        Objects.requireNonNull(leadTimeDistribution, "leadTimeDistribution");
        leadTimeDistribution = leadTimeDistribution.map(List::copyOf);
        constraintGroupIds = List.copyOf(constraintGroupIds);
    }

    /** Options that leave obsolete series unordered (the default). */
    public ItemOptions(List<OpenOrder> openOrders, double leadTimeSdDays,
            Optional<List<LeadTimePoint>> leadTimeDistribution, double holdingCostPerUnitDay, double annualHoldingRate,
            double shortagePenalty, double targetFillRate, double maxOrderQuantity, double unitVolume,
            List<String> constraintGroupIds) {
        this(openOrders, leadTimeSdDays, leadTimeDistribution, holdingCostPerUnitDay, annualHoldingRate,
                shortagePenalty, targetFillRate, maxOrderQuantity, unitVolume, constraintGroupIds, false);
    }

    /**
     * One point of an empirical lead-time distribution.
     *
     * @param days lead time in days
     * @param probability its probability
     */
    public record LeadTimePoint(int days, double probability) {}
}
