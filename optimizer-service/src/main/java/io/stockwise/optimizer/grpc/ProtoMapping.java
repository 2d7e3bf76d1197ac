package io.stockwise.optimizer.grpc;

import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.optimizer.domain.ConstraintGroup;
import io.stockwise.optimizer.domain.DemandForecast;
import io.stockwise.optimizer.domain.ItemOptions;
import io.stockwise.optimizer.domain.OpenOrder;
import io.stockwise.optimizer.domain.PlanRequest;
import io.stockwise.optimizer.domain.PolicySimulator;
import io.stockwise.optimizer.domain.ForecastDay;
import io.stockwise.optimizer.domain.Plan;
import io.stockwise.optimizer.domain.PlanLine;
import io.stockwise.optimizer.domain.ReplenishmentItem;
import io.stockwise.optimizer.domain.SeriesId;
import io.stockwise.optimizer.domain.StockPosition;
import io.stockwise.optimizer.domain.SupplyTermsUse;
import io.stockwise.proto.v1.PlanConstraintUsage;
import io.stockwise.proto.v1.PlanCostSummary;
import io.stockwise.proto.v1.PlanItem;
import io.stockwise.proto.v1.PlanReplenishmentRequest;
import io.stockwise.proto.v1.PlanReplenishmentResponse;
import io.stockwise.proto.v1.SeriesForecast;
import io.stockwise.proto.v1.SeriesKey;
import io.stockwise.proto.v1.SimulatePolicyRequest;
import io.stockwise.proto.v1.SimulatePolicyResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Maps between the contract's messages and the domain. */
public final class ProtoMapping {
    private ProtoMapping() {}

    public static List<ReplenishmentItem> items(PlanReplenishmentRequest request) {
        var out = new ArrayList<ReplenishmentItem>(request.getItemsCount());
        for (int i = 0; i < request.getItemsCount(); i++) {
            out.add(item(request.getItems(i), "items[" + i + "]."));
        }
        return out;
    }

    public static PlanRequest request(PlanReplenishmentRequest request) {
        var groups = new ArrayList<ConstraintGroup>(request.getConstraintGroupsCount());
        for (var g : request.getConstraintGroupsList()) {
            groups.add(new ConstraintGroup(g.getId(), g.hasBudget() ? OptionalDouble.of(g.getBudget()) : OptionalDouble.empty(),
                    g.hasVolumeCapacity() ? OptionalDouble.of(g.getVolumeCapacity()) : OptionalDouble.empty()));
        }
        return new PlanRequest(items(request), groups, request.getRequireMoqMultipleOfCasePack(),
                ProtoDates.optional(request.getPlanDate(), "plan_date"));
    }

    /** Which supply terms each item uses, in item order. */
    static List<SupplyTermsUse> supplyTermsUses(PlanReplenishmentRequest request) {
        var uses = new ArrayList<SupplyTermsUse>(request.getItemsCount());
        for (var item : request.getItemsList()) {
            uses.add(switch (item.getSupplyTermsUse()) {
                case SUPPLY_TERMS_USE_REQUEST -> SupplyTermsUse.REQUEST;
                case SUPPLY_TERMS_USE_STORED -> SupplyTermsUse.STORED;
                default -> SupplyTermsUse.AUTO;
            });
        }
        return uses;
    }

    static ItemOptions options(PlanItem item, String prefix) {
        var open = new ArrayList<OpenOrder>(item.getOpenOrdersCount());
        for (int j = 0; j < item.getOpenOrdersCount(); j++) {
            var o = item.getOpenOrders(j);
            open.add(new OpenOrder(o.getQuantity(),
                    ProtoDates.optional(o.getArrivalDate(), prefix + "open_orders[" + j + "].arrival_date")));
        }
        Optional<List<ItemOptions.LeadTimePoint>> distribution = Optional.empty();
        if (item.hasLeadTimeDistribution()) {
            var points = new ArrayList<ItemOptions.LeadTimePoint>();
            for (var point : item.getLeadTimeDistribution().getPointsList()) {
                points.add(new ItemOptions.LeadTimePoint(point.getDays(), point.getProbability()));
            }
            distribution = Optional.of(points);
        }
        return new ItemOptions(open, item.getLeadTimeSdDays(), distribution, item.getHoldingCostPerUnitDay(),
                item.getAnnualHoldingRate(), item.getShortagePenalty(), item.getTargetFillRate(),
                item.getMaxOrderQuantity(), item.getUnitVolume(), item.getConstraintGroupIdsList(), item.getPlanObsolete());
    }

    static ReplenishmentItem item(PlanItem item, String prefix) {
        return new ReplenishmentItem(series(item.getSeries()),
                new StockPosition(item.getOnHand(), item.getOnOrder(), item.getBackordered()), item.getLeadTimeDays(),
                item.getReviewPeriodDays(), item.getTargetCycleServiceLevel(), item.getCasePack(),
                item.getMinOrderQuantity(), item.getUnitCost(),
                item.hasForecast() ? Optional.of(forecast(item.getForecast())) : Optional.empty(), options(item, prefix));
    }

    public static SeriesId series(SeriesKey key) {
        return new SeriesId(key.getSkuId(), key.getLocationId());
    }

    public static SeriesKey series(SeriesId id) {
        return SeriesKey.newBuilder().setSkuId(id.skuId()).setLocationId(id.locationId()).build();
    }

    public static DemandForecast forecast(SeriesForecast f) {
        var levels = new double[f.getQuantileLevelsCount()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = f.getQuantileLevels(i);
        }
        var days = new ArrayList<ForecastDay>(f.getDaysCount());
        for (var day : f.getDaysList()) {
            var q = new double[day.getQuantilesCount()];
            for (int i = 0; i < q.length; i++) {
                q[i] = day.getQuantiles(i);
            }
            days.add(new ForecastDay(day.getMean(), q));
        }
        var series = f.hasSeries() ? Optional.of(series(f.getSeries())) : Optional.<SeriesId>empty();
        var asOf = f.hasAsOfDate() ? Optional.of(ProtoDates.toLocalDate(f.getAsOfDate(), "forecast.as_of_date"))
                : Optional.<java.time.LocalDate>empty();
        return new DemandForecast(series, f.getModel(), f.getModelVersion(), levels, days, asOf,
                Math.max(0, f.getObsoleteDaysWithoutDemand()));
    }

    public static io.stockwise.proto.v1.PlanLine line(PlanLine line) {
        var b = io.stockwise.proto.v1.PlanLine.newBuilder();
        line.asOfDate().ifPresent(d -> b.setAsOfDate(ProtoDates.toProto(d)));
        return b
                .setSeries(series(line.series()))
                .setOrderQuantity(line.orderQuantity())
                .setOrderUpToLevel(line.orderUpToLevel())
                .setReorderPoint(line.reorderPoint())
                .setSafetyStock(line.safetyStock())
                .setExpectedDemand(line.expectedDemand())
                .setInventoryPosition(line.inventoryPosition())
                .setProtectionIntervalDays(line.protectionIntervalDays())
                .setCycleServiceLevel(line.cycleServiceLevel())
                .setOrderValue(line.orderValue())
                .setForecastModel(line.forecastModel())
                .setExplanation(line.explanation())
                .setExpectedFillRate(line.economics().expectedFillRate())
                .setExpectedHoldingCost(line.economics().expectedHoldingCost())
                .setExpectedShortageCost(line.economics().expectedShortageCost())
                .setUnconstrainedOrderQuantity(line.economics().unconstrainedOrderQuantity())
                .setBindingConstraintGroupId(line.economics().bindingConstraintGroupId())
                .setQuantileLevel(line.economics().quantileLevel())
                .setHoldingCostPerUnitDay(line.economics().holdingCostPerUnitDay())
                .setShortagePenaltyUsed(line.economics().shortagePenalty())
                .setObsoleteDaysWithoutDemand(line.obsoleteDaysWithoutDemand())
                .build();
    }

    public static PlanReplenishmentResponse response(Plan plan) {
        var response = PlanReplenishmentResponse.newBuilder().setCreateTime(ProtoDates.toProto(plan.createTime()))
                .setPlanId(plan.id().toString()).setCostSummary(costs(plan.costs()))
                .setPlanDate(ProtoDates.toProto(plan.planDate()));
        plan.asOfDate().ifPresent(d -> response.setAsOfDate(ProtoDates.toProto(d)));
        double units = 0;
        int obsolete = 0;
        for (var line : plan.lines()) {
            response.addLines(line(line));
            units += line.orderQuantity();
            if (line.obsoleteDaysWithoutDemand() > 0 && !line.orders()) {
                obsolete++;
            }
        }
        response.setLineCount(plan.lines().size()).setOrderLineCount((int) plan.orderLineCount())
                .setOrderQuantity(units).setObsoleteLineCount(obsolete);
        for (var u : plan.usage()) {
            response.addConstraintUsage(PlanConstraintUsage.newBuilder().setGroupId(u.groupId())
                    .setBudgetUsed(u.budgetUsed()).setVolumeUsed(u.volumeUsed())
                    .setUnconstrainedBudgetUsed(u.unconstrainedBudgetUsed())
                    .setUnconstrainedVolumeUsed(u.unconstrainedVolumeUsed()).setBinding(u.binding()));
        }
        return response.build();
    }

    public static PlanCostSummary costs(Plan.Costs c) {
        return PlanCostSummary.newBuilder().setExpectedCost(c.expectedCost())
                .setUnconstrainedExpectedCost(c.unconstrainedExpectedCost())
                .setPriceOfConstraints(c.priceOfConstraints()).setOrderValue(c.orderValue())
                .setUnconstrainedOrderValue(c.unconstrainedOrderValue()).setCostLowerBound(c.costLowerBound())
                .setOptimalityGap(c.optimalityGap()).build();
    }

    public static PolicySimulator.Request simulation(SimulatePolicyRequest r) {
        Optional<PolicySimulator.Kind> kind = switch (r.getKind()) {
            case SIMULATED_POLICY_KIND_ORDER_UP_TO -> Optional.of(PolicySimulator.Kind.ORDER_UP_TO);
            case SIMULATED_POLICY_KIND_MIN_MAX -> Optional.of(PolicySimulator.Kind.MIN_MAX);
            case SIMULATED_POLICY_KIND_REORDER_POINT_QUANTITY -> Optional.of(PolicySimulator.Kind.REORDER_POINT_QUANTITY);
            default -> Optional.empty();
        };
        var path = new double[r.getDemandPathCount()];
        for (int i = 0; i < path.length; i++) {
            path[i] = r.getDemandPath(i);
        }
        return new PolicySimulator.Request(kind, r.getOrderUpToLevel(), r.getReorderPoint(), r.getOrderQuantity(),
                r.getLeadTimeDays(), r.getReviewPeriodDays(), r.getHorizonDays(), r.getWarmupDays(), r.getInitialOnHand(),
                path, r.hasForecast() ? Optional.of(forecast(r.getForecast())) : Optional.empty(), r.getScenarios(),
                r.getSeed(), r.getHoldingCostPerUnitDay(), r.getShortagePenalty(), r.getOrderCost(), r.getLostSales());
    }

    public static SimulatePolicyResponse simulation(PolicySimulator.Result r) {
        return SimulatePolicyResponse.newBuilder().setFillRate(r.fillRate()).setCycleServiceLevel(r.cycleServiceLevel())
                .setStockoutDays(r.stockoutDays()).setAverageOnHand(r.averageOnHand())
                .setAverageBackordered(r.averageBackordered()).setOrders(r.orders()).setHoldingCost(r.holdingCost())
                .setShortageCost(r.shortageCost()).setOrderingCost(r.orderingCost()).setTotalCost(r.totalCost())
                .setScenarios(r.scenarios()).setFillRateStandardError(r.fillRateStandardError()).build();
    }
}
