package io.stockwise.forecast.grpc;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.stockwise.commons.error.StockwiseException;
import io.stockwise.commons.grpc.GrpcCalls;
import io.stockwise.forecast.domain.ForecastPlanner;
import io.stockwise.forecast.domain.ModelRegistry;
import io.stockwise.forecast.domain.ModelTrainer;
import io.stockwise.forecast.domain.SeriesId;
import io.stockwise.proto.v1.CancelTrainingJobRequest;
import io.stockwise.proto.v1.CancelTrainingJobResponse;
import io.stockwise.proto.v1.ForecastRequest;
import io.stockwise.proto.v1.ForecastResponse;
import io.stockwise.proto.v1.ForecastServiceGrpc;
import io.stockwise.proto.v1.GetTrainingJobRequest;
import io.stockwise.proto.v1.GetTrainingJobResponse;
import io.stockwise.proto.v1.ListForecastsRequest;
import io.stockwise.proto.v1.ListForecastsResponse;
import io.stockwise.proto.v1.ListModelsRequest;
import io.stockwise.proto.v1.ListModelsResponse;
import io.stockwise.proto.v1.TrainModelRequest;
import io.stockwise.proto.v1.TrainModelResponse;
import java.util.Optional;

@GrpcService
@Blocking
public class ForecastGrpcService extends ForecastServiceGrpc.ForecastServiceImplBase {
    /** The {@code ErrorInfo.domain} of this service's errors. */
    public static final String ERROR_DOMAIN = "forecast.stockwise";
    /** Most items per page of a listing. */
    static final int MAX_PAGE_SIZE = 100;
    /** Items per page when a request gives 0. */
    static final int DEFAULT_PAGE_SIZE = 20;

    private final ForecastPlanner planner;
    private final ModelTrainer trainer;
    private final ModelRegistry registry;

    public ForecastGrpcService(ForecastPlanner planner, ModelTrainer trainer, ModelRegistry registry) {
        this.planner = planner;
        this.trainer = trainer;
        this.registry = registry;
    }

    @Override
    public void forecast(ForecastRequest request, StreamObserver<ForecastResponse> responseObserver) {
        GrpcCalls.unary(responseObserver, ERROR_DOMAIN, () -> {
            var query = ForecastProtos.toQuery(request);
            var forecasts = planner.forecast(query);
            var response = ForecastResponse.newBuilder();
            forecasts.forEach(f -> response.addForecasts(ForecastProtos.toProto(f, query.bucket())));
            return response.build();
        });
    }

    @Override
    public void trainModel(TrainModelRequest request, StreamObserver<TrainModelResponse> responseObserver) {
        GrpcCalls.unary(responseObserver, ERROR_DOMAIN, () -> TrainModelResponse.newBuilder()
                .setJobId(trainer.start(ForecastProtos.toTrainRequest(request)).id()).build());
    }

    @Override
    public void getTrainingJob(GetTrainingJobRequest request, StreamObserver<GetTrainingJobResponse> responseObserver) {
        GrpcCalls.unary(responseObserver, ERROR_DOMAIN, () -> GetTrainingJobResponse.newBuilder()
                .setJob(ForecastProtos.toProto(trainer.get(jobId(request.getJobId())))).build());
    }

    @Override
    public void cancelTrainingJob(CancelTrainingJobRequest request,
            StreamObserver<CancelTrainingJobResponse> responseObserver) {
        GrpcCalls.unary(responseObserver, ERROR_DOMAIN, () -> CancelTrainingJobResponse.newBuilder()
                .setJob(ForecastProtos.toProto(trainer.cancel(jobId(request.getJobId())))).build());
    }

    @Override
    public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> responseObserver) {
        GrpcCalls.unary(responseObserver, ERROR_DOMAIN, () -> {
            int size = pageSize(request.getPageSize());
            var page = registry.list(size, token(request.getPageToken()));
            var response = ListModelsResponse.newBuilder().setNextPageToken(page.nextPageToken());
            page.items().forEach(m -> response.addModels(ForecastProtos.toProto(m)));
            return response.build();
        });
    }

    @Override
    public void listForecasts(ListForecastsRequest request, StreamObserver<ListForecastsResponse> responseObserver) {
        GrpcCalls.unary(responseObserver, ERROR_DOMAIN, () -> {
            var series = request.getSeries();
            if (series.getSkuId().isBlank()) {
                throw StockwiseException.invalid("series.sku_id", "REQUIRED", "is required");
            }
            if (series.getLocationId().isBlank()) {
                throw StockwiseException.invalid("series.location_id", "REQUIRED", "is required");
            }
            int size = pageSize(request.getPageSize());
            var page = registry.forecasts(new SeriesId(series.getSkuId(), series.getLocationId()), size,
                    token(request.getPageToken()));
            var response = ListForecastsResponse.newBuilder().setNextPageToken(page.nextPageToken());
            page.items().forEach(f -> response.addForecasts(ForecastProtos.toProto(f)));
            return response.build();
        });
    }

    private static String jobId(String id) {
        if (id.isBlank()) {
            throw StockwiseException.invalid("job_id", "REQUIRED", "is required");
        }
        return id;
    }

    private static int pageSize(int size) {
        if (size < 0 || size > MAX_PAGE_SIZE) {
            throw StockwiseException.invalid("page_size", "OUT_OF_RANGE",
                    "must be between 0 and " + MAX_PAGE_SIZE + ", was " + size);
        }
        return size == 0 ? DEFAULT_PAGE_SIZE : size;
    }

    private static Optional<Long> token(String token) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(token);
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return Optional.of(id);
        } catch (NumberFormatException e) {
            throw StockwiseException.invalid("page_token", "INVALID", "is not a token this service issued");
        }
    }
}
