package io.stockwise.optimizer.grpc;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.proto.v1.ForecastDay;
import io.stockwise.proto.v1.ForecastRequest;
import io.stockwise.proto.v1.ForecastResponse;
import io.stockwise.proto.v1.ForecastServiceGrpc;
import io.stockwise.proto.v1.SeriesForecast;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for forecast-service (a collaborator, not infrastructure): series whose SKU starts with
 * {@code FETCH} get a certain demand of {@link #DAILY} units a day; any other series is NOT_FOUND.
 */
final class FakeForecastService extends ForecastServiceGrpc.ForecastServiceImplBase {
    static final double DAILY = 4;

    final List<ForecastRequest> requests = new CopyOnWriteArrayList<>();
    private final int port;
    private Server server;

    FakeForecastService(int port) {
        this.port = port;
    }

    void start() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(this).build().start();
    }

    void stop() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Override
    public void forecast(ForecastRequest request, StreamObserver<ForecastResponse> response) {
        requests.add(request);
        var out = ForecastResponse.newBuilder();
        for (var series : request.getSeriesList()) {
            if (!series.getSkuId().startsWith("FETCH")) {
                response.onError(Status.NOT_FOUND.withDescription("no demand history for " + ProtoDates.seriesKey(series))
                        .asRuntimeException());
                return;
            }
            var forecast = SeriesForecast.newBuilder().setSeries(series).setModel("fake_model").setModelVersion("7")
                    .addQuantileLevels(0.1).addQuantileLevels(0.5).addQuantileLevels(0.9);
            for (int d = 0; d < request.getHorizonDays(); d++) {
                forecast.addDays(ForecastDay.newBuilder().setMean(DAILY).addQuantiles(DAILY).addQuantiles(DAILY)
                        .addQuantiles(DAILY));
            }
            out.addForecasts(forecast);
        }
        response.onNext(out.build());
        response.onCompleted();
    }
}
