package io.stockwise.forecast.grpc;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.stockwise.commons.grpc.GrpcCalls;
import io.stockwise.forecast.domain.ForecastPlanner;
import io.stockwise.proto.v1.ForecastRequest;
import io.stockwise.proto.v1.ForecastResponse;
import io.stockwise.proto.v1.ForecastServiceGrpc;

@GrpcService
@Blocking
public class ForecastGrpcService extends ForecastServiceGrpc.ForecastServiceImplBase {
    /** The {@code ErrorInfo.domain} of this service's errors. */
    public static final String ERROR_DOMAIN = "forecast.stockwise";

    private final ForecastPlanner planner;

    public ForecastGrpcService(ForecastPlanner planner) {
        this.planner = planner;
    }

    @Override
    public void forecast(ForecastRequest request, StreamObserver<ForecastResponse> responseObserver) {
        GrpcCalls.unary(responseObserver, ERROR_DOMAIN, () -> {
            var forecasts = planner.forecast(ForecastProtos.toQuery(request));
            var response = ForecastResponse.newBuilder();
            forecasts.forEach(f -> response.addForecasts(ForecastProtos.toProto(f)));
            return response.build();
        });
    }
}
