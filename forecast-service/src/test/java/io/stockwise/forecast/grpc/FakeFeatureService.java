package io.stockwise.forecast.grpc;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.proto.v1.DemandHistory;
import io.stockwise.proto.v1.FeatureServiceGrpc;
import io.stockwise.proto.v1.GetDemandHistoryRequest;
import io.stockwise.proto.v1.GetDemandHistoryResponse;
import io.stockwise.proto.v1.SeriesKey;
import io.stockwise.proto.v1.StreamDemandHistoryRequest;
import io.stockwise.proto.v1.StreamDemandHistoryResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for feature-service (a collaborator, not infrastructure): answers {@code
 * GetDemandHistory} from histories the test puts in, clipped at the request's end date like
 * feature-service, {@code NOT_FOUND} for unknown series and {@code UNAVAILABLE} for location
 * {@value #DOWN_LOCATION}.
 */
final class FakeFeatureService extends FeatureServiceGrpc.FeatureServiceImplBase implements AutoCloseable {
    /** Requests for series at this location fail with {@code UNAVAILABLE}. */
    static final String DOWN_LOCATION = "down";

    private final Map<String, DemandHistory> histories = new ConcurrentHashMap<>();
    private final Map<String, DemandHistory> catalogue = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final List<GetDemandHistoryRequest> requests = new CopyOnWriteArrayList<>();
    private final Server server;

    private FakeFeatureService(int port) {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(this).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("fake feature-service did not start on port " + port, e);
        }
    }

    /** Serves on {@code port} of 127.0.0.1 until closed. */
    static FakeFeatureService start(int port) {
        return new FakeFeatureService(port);
    }

    /** Serves {@code quantities} from {@code start} for {@code skuId/locationId}. */
    void put(String skuId, String locationId, LocalDate start, double... quantities) {
        var history = DemandHistory.newBuilder()
                .setSeries(SeriesKey.newBuilder().setSkuId(skuId).setLocationId(locationId))
                .setStartDate(ProtoDates.toProto(start));
        for (double q : quantities) {
            history.addQuantities(q);
        }
        histories.put(skuId + "/" + locationId, history.build());
    }

    /** Serves the history for {@code GetDemandHistory} and also streams it from {@code StreamDemandHistory}. */
    void putCatalogue(String skuId, String locationId, LocalDate start, double... quantities) {
        put(skuId, locationId, start, quantities);
        catalogue.put(skuId + "/" + locationId, histories.get(skuId + "/" + locationId));
    }

    @Override
    public void streamDemandHistory(StreamDemandHistoryRequest request,
            StreamObserver<StreamDemandHistoryResponse> response) {
        var batch = StreamDemandHistoryResponse.newBuilder();
        for (var history : catalogue.values()) {
            batch.addHistories(clip(history, request.hasEndDate() ? request.getEndDate() : null));
            if (batch.getHistoriesCount() == Math.max(1, request.getBatchSize())) {
                response.onNext(batch.build());
                batch.clear();
            }
        }
        if (batch.getHistoriesCount() > 0) {
            response.onNext(batch.build());
        }
        response.onCompleted();
    }

    private static DemandHistory clip(DemandHistory history, io.stockwise.proto.v1.Date end) {
        if (end == null) {
            return history;
        }
        var start = ProtoDates.toLocalDate(history.getStartDate(), "start_date");
        long days = ProtoDates.toLocalDate(end, "end_date").toEpochDay() - start.toEpochDay() + 1;
        var clipped = history.toBuilder().clearQuantities();
        for (int i = 0; i < Math.min(days, history.getQuantitiesCount()); i++) {
            clipped.addQuantities(history.getQuantities(i));
        }
        return clipped.build();
    }

    /** The requests received for {@code skuId}, oldest first. */
    List<GetDemandHistoryRequest> requestsFor(String skuId) {
        return requests.stream().filter(r -> r.getSeries().getSkuId().equals(skuId)).toList();
    }

    @Override
    public void getDemandHistory(GetDemandHistoryRequest request, StreamObserver<GetDemandHistoryResponse> response) {
        requests.add(request);
        var key = ProtoDates.seriesKey(request.getSeries());
        if (request.getSeries().getLocationId().equals(DOWN_LOCATION)) {
            response.onError(Status.UNAVAILABLE.withDescription("feature store warming up").asRuntimeException());
            return;
        }
        var history = histories.get(key);
        if (history == null) {
            response.onError(Status.NOT_FOUND.withDescription("no demand for " + key).asRuntimeException());
            return;
        }
        if (request.hasEndDate()) {
            var start = ProtoDates.toLocalDate(history.getStartDate(), "start_date");
            long days = ProtoDates.toLocalDate(request.getEndDate(), "end_date").toEpochDay() - start.toEpochDay() + 1;
            var clipped = history.toBuilder().clearQuantities();
            for (int i = 0; i < Math.min(days, history.getQuantitiesCount()); i++) {
                clipped.addQuantities(history.getQuantities(i));
            }
            history = clipped.build();
        }
        response.onNext(GetDemandHistoryResponse.newBuilder().setHistory(history).build());
        response.onCompleted();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
