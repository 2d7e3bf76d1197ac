package io.stockwise.feature.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.stockwise.commons.error.StockwiseException;
import io.stockwise.commons.error.Validator;
import io.stockwise.commons.grpc.GrpcCalls;
import io.stockwise.commons.grpc.GrpcErrors;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.feature.domain.DemandHistory;
import io.stockwise.feature.domain.DemandQueries;
import io.stockwise.feature.domain.Feature;
import io.stockwise.feature.domain.FeatureQueries;
import io.stockwise.feature.domain.FeatureRow;
import io.stockwise.feature.domain.SeriesId;
import io.stockwise.feature.domain.SeriesSummary;
import io.stockwise.proto.v1.Date;
import io.stockwise.proto.v1.FeatureDefinition;
import io.stockwise.proto.v1.FeatureServiceGrpc;
import io.stockwise.proto.v1.FeatureValue;
import io.stockwise.proto.v1.GetFeaturesRequest;
import io.stockwise.proto.v1.GetFeaturesResponse;
import io.stockwise.proto.v1.GetDemandHistoryRequest;
import io.stockwise.proto.v1.GetDemandHistoryResponse;
import io.stockwise.proto.v1.ListSeriesRequest;
import io.stockwise.proto.v1.ListSeriesResponse;
import io.stockwise.proto.v1.SeriesInfo;
import io.stockwise.proto.v1.SeriesKey;
import io.stockwise.proto.v1.StreamDemandHistoryRequest;
import io.stockwise.proto.v1.StreamDemandHistoryResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

@GrpcService
@Blocking
public class FeatureGrpcService extends FeatureServiceGrpc.FeatureServiceImplBase {
    static final String DOMAIN = "feature.stockwise";

    private static final List<FeatureDefinition> DEFINITIONS = Arrays.stream(Feature.values())
            .map(f -> FeatureDefinition.newBuilder().setName(f.featureName()).setDescription(f.description()).build())
            .toList();

    private final DemandQueries queries;
    private final FeatureQueries features;

    public FeatureGrpcService(DemandQueries queries, FeatureQueries features) {
        this.queries = queries;
        this.features = features;
    }

    @Override
    public void getFeatures(GetFeaturesRequest request, StreamObserver<GetFeaturesResponse> response) {
        GrpcCalls.unary(response, DOMAIN, () -> {
            var v = new Validator();
            var series = SeriesId.check(v, "series", request.getSeries().getSkuId(), request.getSeries().getLocationId());
            var start = optionalDate(v, request.getStartDate(), "start_date");
            var end = optionalDate(v, request.getEndDate(), "end_date");
            if (ProtoDates.isUnset(request.getEndDate())) {
                v.add("end_date", "REQUIRED", "is required");
            }
            v.throwIfInvalid();
            var rows = features.features(series, start, end.orElseThrow());
            var out = GetFeaturesResponse.newBuilder().setSeries(toProto(series)).addAllDefinitions(DEFINITIONS);
            for (var row : rows) {
                out.addRows(toProto(row));
            }
            return out.build();
        });
    }

    private static io.stockwise.proto.v1.FeatureRow toProto(FeatureRow row) {
        var out = io.stockwise.proto.v1.FeatureRow.newBuilder().setDate(ProtoDates.toProto(row.date()));
        for (var f : Feature.values()) {
            var value = FeatureValue.newBuilder().setName(f.featureName());
            double x = row.value(f);
            if (!Double.isNaN(x)) {
                value.setValue(x);
            }
            out.addValues(value);
        }
        return out.build();
    }

    @Override
    public void getDemandHistory(GetDemandHistoryRequest request, StreamObserver<GetDemandHistoryResponse> response) {
        GrpcCalls.unary(response, DOMAIN, () -> {
            var v = new Validator();
            var series = SeriesId.check(v, "series", request.getSeries().getSkuId(), request.getSeries().getLocationId());
            var start = optionalDate(v, request.getStartDate(), "start_date");
            var end = optionalDate(v, request.getEndDate(), "end_date");
            v.throwIfInvalid();
            var history = queries.history(series, start, end);
            return GetDemandHistoryResponse.newBuilder().setHistory(toProto(history)).build();
        });
    }

    @Override
    public void streamDemandHistory(StreamDemandHistoryRequest request,
            StreamObserver<StreamDemandHistoryResponse> response) {
        var call = response instanceof ServerCallStreamObserver<StreamDemandHistoryResponse> s ? s : null;
        try {
            var v = new Validator();
            var series = new ArrayList<SeriesId>(request.getSeriesCount());
            for (int i = 0; i < request.getSeriesCount(); i++) {
                var key = request.getSeries(i);
                var id = SeriesId.check(v, "series[" + i + "]", key.getSkuId(), key.getLocationId());
                if (id != null) {
                    series.add(id);
                }
            }
            var end = optionalDate(v, request.getEndDate(), "end_date");
            v.throwIfInvalid();
            queries.streamHistories(series, end, request.getBatchSize(), batch -> {
                if (!awaitReady(call)) {
                    return false;
                }
                var message = StreamDemandHistoryResponse.newBuilder();
                batch.forEach(h -> message.addHistories(toProto(h)));
                response.onNext(message.build());
                return true;
            });
            if (call == null || !call.isCancelled()) {
                response.onCompleted();
            }
        } catch (RuntimeException e) {
            response.onError(GrpcErrors.toStatus(e, DOMAIN));
        }
    }

    /** Waits while the client's flow-control window is full, so a slow reader is not buffered for; false once cancelled. */
    private static boolean awaitReady(ServerCallStreamObserver<?> call) {
        if (call == null) {
            return true;
        }
        while (!call.isReady()) {
            if (call.isCancelled()) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return !call.isCancelled();
    }

    @Override
    public void listSeries(ListSeriesRequest request, StreamObserver<ListSeriesResponse> response) {
        GrpcCalls.unary(response, DOMAIN, () -> {
            var page = queries.listSeries(request.getPageSize(), request.getPageToken());
            var out = ListSeriesResponse.newBuilder().setNextPageToken(page.nextPageToken());
            page.series().forEach(s -> out.addSeries(toProto(s)));
            return out.build();
        });
    }

    private static Optional<LocalDate> optionalDate(Validator v, Date date, String field) {
        if (ProtoDates.isUnset(date)) {
            return Optional.empty();
        }
        if (date.getYear() < 1 || date.getYear() > 9999) {
            v.add(field, "OUT_OF_RANGE", "year must be between 1 and 9999, was " + date.getYear());
            return Optional.empty();
        }
        try {
            return Optional.of(ProtoDates.toLocalDate(date, field));
        } catch (StockwiseException e) {
            e.violations().forEach(x -> v.add(x.field(), x.reason(), x.description()));
            return Optional.empty();
        }
    }

    private static SeriesKey toProto(SeriesId id) {
        return SeriesKey.newBuilder().setSkuId(id.skuId()).setLocationId(id.locationId()).build();
    }

    private static io.stockwise.proto.v1.DemandHistory toProto(DemandHistory h) {
        var out = io.stockwise.proto.v1.DemandHistory.newBuilder()
                .setSeries(toProto(h.series()))
                .setStartDate(ProtoDates.toProto(h.startDate()));
        for (int i = 0; i < h.length(); i++) {
            out.addQuantities(h.quantity(i));
        }
        return out.build();
    }

    private static SeriesInfo toProto(SeriesSummary s) {
        return SeriesInfo.newBuilder()
                .setSeries(toProto(s.series()))
                .setFirstDemandDate(ProtoDates.toProto(s.firstDemandDate()))
                .setLastDemandDate(ProtoDates.toProto(s.lastDemandDate()))
                .setTotalQuantity(s.totalQuantity())
                .setDemandDays(s.demandDays())
                .build();
    }
}
