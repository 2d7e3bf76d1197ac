package io.stockwise.cli.call;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.stockwise.proto.v1.Date;
import io.stockwise.proto.v1.DemandHistory;
import io.stockwise.proto.v1.FeatureServiceGrpc;
import io.stockwise.proto.v1.ForecastRequest;
import io.stockwise.proto.v1.ForecastResponse;
import io.stockwise.proto.v1.ForecastServiceGrpc;
import io.stockwise.proto.v1.GetDemandHistoryRequest;
import io.stockwise.proto.v1.GetDemandHistoryResponse;
import io.stockwise.proto.v1.IngestSalesRequest;
import io.stockwise.proto.v1.IngestSalesResponse;
import io.stockwise.proto.v1.IngestionServiceGrpc;
import io.stockwise.proto.v1.RecordRejection;
import io.stockwise.proto.v1.SaleRecord;
import io.stockwise.proto.v1.SeriesForecast;
import io.stockwise.proto.v1.SeriesKey;
import io.stockwise.proto.v1.StreamDemandHistoryRequest;
import io.stockwise.proto.v1.StreamDemandHistoryResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A loopback grpc-java server with small test implementations of the Stockwise services, plus
 * whatever reflection service a test asks for. Records the request headers it sees.
 */
final class FixtureServer implements AutoCloseable {
    static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<byte[]> TRACE_BIN = Metadata.Key.of("x-trace-bin", Metadata.BINARY_BYTE_MARSHALLER);

    /** Last value of each recorded header, by key name. */
    final Map<String, Object> headers = new ConcurrentHashMap<>();

    private final Server server;

    FixtureServer(BindableService... extraServices) throws IOException {
        var builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        ServerInterceptor recorder = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata metadata, ServerCallHandler<Q, R> next) {
                if (metadata.containsKey(REQUEST_ID)) {
                    headers.put(REQUEST_ID.name(), metadata.get(REQUEST_ID));
                }
                if (metadata.containsKey(AUTHORIZATION)) {
                    headers.put(AUTHORIZATION.name(), metadata.get(AUTHORIZATION));
                }
                if (metadata.containsKey(TRACE_BIN)) {
                    headers.put(TRACE_BIN.name(), metadata.get(TRACE_BIN));
                }
                return next.startCall(call, metadata);
            }
        };
        builder.addService(ServerInterceptors.intercept(new Features(), recorder));
        builder.addService(ServerInterceptors.intercept(new Ingestion(), recorder));
        builder.addService(ServerInterceptors.intercept(new Forecasts(), recorder));
        for (BindableService service : extraServices) {
            builder.addService(ServerInterceptors.intercept(service, recorder));
        }
        server = builder.build().start();
    }

    /** {@code 127.0.0.1:<port>}. */
    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }

    static DemandHistory history(String sku, String location, Date start, double... quantities) {
        var history = DemandHistory.newBuilder()
                .setSeries(SeriesKey.newBuilder().setSkuId(sku).setLocationId(location))
                .setStartDate(start);
        for (double q : quantities) {
            history.addQuantities(q);
        }
        return history.build();
    }

    static Date date(int year, int month, int day) {
        return Date.newBuilder().setYear(year).setMonth(month).setDay(day).build();
    }

    /**
     * GetDemandHistory: INVALID_ARGUMENT (ErrorInfo + BadRequest) without a sku_id, NOT_FOUND for
     * sku MISSING, waits until cancelled for sku SLOW, else three days of demand.
     * StreamDemandHistory: the requested series (or A/B/C at CA_1) in batches of batch_size.
     */
    static final class Features extends FeatureServiceGrpc.FeatureServiceImplBase {
        @Override
        public void getDemandHistory(GetDemandHistoryRequest request, StreamObserver<GetDemandHistoryResponse> out) {
            SeriesKey series = request.getSeries();
            if (series.getSkuId().isEmpty()) {
                var status = com.google.rpc.Status.newBuilder()
                        .setCode(Code.INVALID_ARGUMENT_VALUE)
                        .setMessage("invalid GetDemandHistoryRequest")
                        .addDetails(Any.pack(ErrorInfo.newBuilder()
                                .setReason("INVALID_REQUEST")
                                .setDomain("feature.stockwise")
                                .putMetadata("service", "feature-service")
                                .build()))
                        .addDetails(Any.pack(BadRequest.newBuilder()
                                .addFieldViolations(BadRequest.FieldViolation.newBuilder()
                                        .setField("series.sku_id")
                                        .setDescription("is required")
                                        .setReason("REQUIRED"))
                                .build()))
                        .build();
                out.onError(StatusProto.toStatusRuntimeException(status));
                return;
            }
            if (series.getSkuId().equals("MISSING")) {
                out.onError(Status.NOT_FOUND
                        .withDescription("series MISSING/" + series.getLocationId() + " has no demand")
                        .asRuntimeException());
                return;
            }
            if (series.getSkuId().equals("SLOW")) {
                Context context = Context.current();
                while (!context.isCancelled()) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                return;
            }
            Date start = request.hasStartDate() ? request.getStartDate() : date(2016, 1, 1);
            out.onNext(GetDemandHistoryResponse.newBuilder()
                    .setHistory(history(series.getSkuId(), series.getLocationId(), start, 1, 0, 3))
                    .build());
            out.onCompleted();
        }

        @Override
        public void streamDemandHistory(
                StreamDemandHistoryRequest request, StreamObserver<StreamDemandHistoryResponse> out) {
            List<SeriesKey> series = new ArrayList<>(request.getSeriesList());
            if (series.isEmpty()) {
                for (String sku : List.of("A", "B", "C")) {
                    series.add(SeriesKey.newBuilder().setSkuId(sku).setLocationId("CA_1").build());
                }
            }
            int batchSize = request.getBatchSize() == 0 ? 100 : request.getBatchSize();
            var batch = StreamDemandHistoryResponse.newBuilder();
            for (SeriesKey key : series) {
                batch.addHistories(history(key.getSkuId(), key.getLocationId(), date(2016, 1, 1), 2, 4));
                if (batch.getHistoriesCount() == batchSize) {
                    out.onNext(batch.build());
                    batch.clear();
                }
            }
            if (batch.getHistoriesCount() > 0) {
                out.onNext(batch.build());
            }
            out.onCompleted();
        }
    }

    /** IngestSales: counts records across the stream; a record with quantity <= 0 is rejected. */
    static final class Ingestion extends IngestionServiceGrpc.IngestionServiceImplBase {
        @Override
        public StreamObserver<IngestSalesRequest> ingestSales(StreamObserver<IngestSalesResponse> out) {
            var response = IngestSalesResponse.newBuilder();
            return new StreamObserver<>() {
                long position;

                @Override
                public void onNext(IngestSalesRequest batch) {
                    for (SaleRecord record : batch.getRecordsList()) {
                        response.setReceivedCount(response.getReceivedCount() + 1);
                        if (record.getQuantity() > 0) {
                            response.setAcceptedCount(response.getAcceptedCount() + 1);
                        } else {
                            response.setRejectedCount(response.getRejectedCount() + 1);
                            response.addRejections(RecordRejection.newBuilder()
                                    .setPosition(position)
                                    .setSourceId(record.getSourceId())
                                    .setField("quantity")
                                    .setReason("OUT_OF_RANGE")
                                    .setDescription("must be greater than zero"));
                        }
                        position++;
                    }
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {
                    out.onNext(response.build());
                    out.onCompleted();
                }
            };
        }
    }

    /** Forecast: a one-day forecast per series, made at 2023-11-14T22:13:20Z (a Timestamp field). */
    static final class Forecasts extends ForecastServiceGrpc.ForecastServiceImplBase {
        @Override
        public void forecast(ForecastRequest request, StreamObserver<ForecastResponse> out) {
            var response = ForecastResponse.newBuilder();
            for (SeriesKey key : request.getSeriesList()) {
                response.addForecasts(SeriesForecast.newBuilder()
                        .setSeries(key)
                        .setModel(request.getModel().isEmpty() ? "seasonal_naive" : request.getModel())
                        .addQuantileLevels(0.5)
                        .setCreateTime(Timestamp.newBuilder().setSeconds(1_700_000_000L)));
            }
            out.onNext(response.build());
            out.onCompleted();
        }
    }
}
