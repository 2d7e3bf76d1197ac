package io.stockwise.optimizer.grpc;

import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.stockwise.optimizer.config.OptimizerConfig;
import io.stockwise.optimizer.domain.DemandForecast;
import io.stockwise.optimizer.domain.ForecastSource;
import io.stockwise.optimizer.domain.ForecastUnavailable;
import io.stockwise.optimizer.domain.ForecastUnusable;
import io.stockwise.optimizer.domain.SeriesId;
import io.stockwise.optimizer.domain.SeriesNotFound;
import io.stockwise.proto.v1.ForecastRequest;
import io.stockwise.proto.v1.ForecastServiceGrpc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Fetches forecasts from forecast-service ({@code ForecastService.Forecast}) in as few calls as its
 * 1,000-series limit allows, each with a deadline, and turns its failures into domain failures.
 */
@ApplicationScoped
public class ForecastServiceClient implements ForecastSource {
    private final ForecastServiceGrpc.ForecastServiceBlockingStub stub;
    private final OptimizerConfig.Forecast config;

    public ForecastServiceClient(@GrpcClient("forecast") ForecastServiceGrpc.ForecastServiceBlockingStub stub,
            OptimizerConfig config) {
        this.stub = stub;
        this.config = config.forecast();
    }

    @Override
    public Map<SeriesId, DemandForecast> forecasts(List<SeriesId> series, int horizonDays) {
        return forecasts(series, horizonDays, java.util.Optional.empty());
    }

    @Override
    public Map<SeriesId, DemandForecast> forecasts(List<SeriesId> series, int horizonDays,
            java.util.Optional<java.time.LocalDate> asOfDate) {
        var out = new HashMap<SeriesId, DemandForecast>();
        int batch = Math.max(1, config.batchSize());
        for (int from = 0; from < series.size(); from += batch) {
            var chunk = series.subList(from, Math.min(series.size(), from + batch));
            var request = ForecastRequest.newBuilder().setHorizonDays(horizonDays);
            asOfDate.ifPresent(d -> request.setAsOfDate(io.stockwise.commons.grpc.ProtoDates.toProto(d)));
            chunk.forEach(s -> request.addSeries(ProtoMapping.series(s)));
            try {
                var response = stub.withDeadlineAfter(config.deadline().toMillis(), TimeUnit.MILLISECONDS)
                        .forecast(request.build());
                // The contract answers in request order; keys are only trusted when the count is off.
                boolean inOrder = response.getForecastsCount() == chunk.size();
                for (int i = 0; i < response.getForecastsCount(); i++) {
                    var f = response.getForecasts(i);
                    out.put(inOrder ? chunk.get(i) : ProtoMapping.series(f.getSeries()), ProtoMapping.forecast(f));
                }
            } catch (StatusRuntimeException e) {
                throw failure(e);
            }
        }
        return out;
    }

    private static RuntimeException failure(StatusRuntimeException e) {
        var status = e.getStatus();
        var detail = status.getDescription() == null ? status.getCode().name() : status.getDescription();
        return switch (status.getCode()) {
            case NOT_FOUND -> new SeriesNotFound("forecast-service has no forecast for a requested series: " + detail);
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, CANCELLED ->
                    new ForecastUnavailable("forecast-service is unavailable (" + status.getCode() + "): " + detail, e);
            default -> new ForecastUnusable("forecast-service could not forecast (" + status.getCode() + "): " + detail);
        };
    }
}
