package io.stockwise.forecast.grpc;

import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.forecast.domain.DemandHistory;
import io.stockwise.forecast.domain.ForecastDay;
import io.stockwise.forecast.domain.ForecastQuery;
import io.stockwise.forecast.domain.SeriesForecast;
import io.stockwise.forecast.domain.SeriesId;
import io.stockwise.proto.v1.ForecastRequest;
import io.stockwise.proto.v1.SeriesKey;
import java.time.LocalDate;
import java.util.Optional;

/** Maps between the {@code stockwise.v1} messages and the forecast domain. */
public final class ForecastProtos {
    private ForecastProtos() {}

    public static ForecastQuery toQuery(ForecastRequest request) {
        var series = request.getSeriesList().stream().map(ForecastProtos::toSeriesId).toList();
        Optional<LocalDate> asOf = request.hasAsOfDate()
                ? ProtoDates.optional(request.getAsOfDate(), "as_of_date")
                : Optional.empty();
        return new ForecastQuery(series, request.getHorizonDays(), asOf, request.getModel());
    }

    public static SeriesId toSeriesId(SeriesKey key) {
        return new SeriesId(key.getSkuId(), key.getLocationId());
    }

    public static SeriesKey toProto(SeriesId id) {
        return SeriesKey.newBuilder().setSkuId(id.skuId()).setLocationId(id.locationId()).build();
    }

    public static io.stockwise.proto.v1.SeriesForecast toProto(SeriesForecast f) {
        var b = io.stockwise.proto.v1.SeriesForecast.newBuilder()
                .setSeries(toProto(f.series()))
                .setModel(f.model())
                .setModelVersion(f.modelVersion())
                .setAsOfDate(ProtoDates.toProto(f.asOfDate()))
                .addAllQuantileLevels(f.quantileLevels())
                .setCreateTime(ProtoDates.toProto(f.createTime()));
        for (ForecastDay day : f.days()) {
            var d = b.addDaysBuilder().setDate(ProtoDates.toProto(day.date())).setMean(day.mean());
            for (int i = 0; i < day.quantileCount(); i++) {
                d.addQuantiles(day.quantile(i));
            }
        }
        return b.build();
    }

    /** The domain history of a feature-service answer; empty when it holds no day. */
    public static Optional<DemandHistory> toHistory(SeriesId requested, io.stockwise.proto.v1.DemandHistory h) {
        if (h.getQuantitiesCount() == 0 || ProtoDates.isUnset(h.getStartDate())) {
            return Optional.empty();
        }
        var quantities = new double[h.getQuantitiesCount()];
        for (int i = 0; i < quantities.length; i++) {
            quantities[i] = h.getQuantities(i);
        }
        return Optional.of(new DemandHistory(requested, ProtoDates.toLocalDate(h.getStartDate(), "history.start_date"),
                quantities));
    }
}
