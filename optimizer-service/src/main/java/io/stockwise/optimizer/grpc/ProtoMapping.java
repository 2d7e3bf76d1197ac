package io.stockwise.optimizer.grpc;

import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.optimizer.domain.DemandForecast;
import io.stockwise.optimizer.domain.ForecastDay;
import io.stockwise.optimizer.domain.Plan;
import io.stockwise.optimizer.domain.PlanLine;
import io.stockwise.optimizer.domain.ReplenishmentItem;
import io.stockwise.optimizer.domain.SeriesId;
import io.stockwise.optimizer.domain.StockPosition;
import io.stockwise.proto.v1.PlanItem;
import io.stockwise.proto.v1.PlanReplenishmentRequest;
import io.stockwise.proto.v1.PlanReplenishmentResponse;
import io.stockwise.proto.v1.SeriesForecast;
import io.stockwise.proto.v1.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Maps between the contract's messages and the domain. */
public final class ProtoMapping {
    private ProtoMapping() {}

    public static List<ReplenishmentItem> items(PlanReplenishmentRequest request) {
        var out = new ArrayList<ReplenishmentItem>(request.getItemsCount());
        for (var item : request.getItemsList()) {
            out.add(item(item));
        }
        return out;
    }

    static ReplenishmentItem item(PlanItem item) {
        return new ReplenishmentItem(series(item.getSeries()),
                new StockPosition(item.getOnHand(), item.getOnOrder(), item.getBackordered()), item.getLeadTimeDays(),
                item.getReviewPeriodDays(), item.getTargetCycleServiceLevel(), item.getCasePack(),
                item.getMinOrderQuantity(), item.getUnitCost(),
                item.hasForecast() ? Optional.of(forecast(item.getForecast())) : Optional.empty());
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
        return new DemandForecast(series, f.getModel(), f.getModelVersion(), levels, days);
    }

    public static io.stockwise.proto.v1.PlanLine line(PlanLine line) {
        return io.stockwise.proto.v1.PlanLine.newBuilder()
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
                .build();
    }

    public static PlanReplenishmentResponse response(Plan plan) {
        var response = PlanReplenishmentResponse.newBuilder().setCreateTime(ProtoDates.toProto(plan.createTime()));
        for (var line : plan.lines()) {
            response.addLines(line(line));
        }
        return response.build();
    }
}
