package io.stockwise.forecast.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.forecast.config.ForecastConfig;
import io.stockwise.forecast.domain.DemandHistory;
import io.stockwise.forecast.domain.FeatureServiceUnavailable;
import io.stockwise.forecast.domain.FeatureStore;
import io.stockwise.forecast.domain.SeriesId;
import io.stockwise.proto.v1.FeatureServiceGrpc;
import io.stockwise.proto.v1.GetDemandHistoryRequest;
import io.stockwise.proto.v1.GetDemandHistoryResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reads histories from feature-service's {@code GetDemandHistory}, with a deadline on every call
 * and retries on {@code UNAVAILABLE} (the rpc has no side effects). {@code NOT_FOUND} is data: the
 * series has no demand.
 */
@ApplicationScoped
public class GrpcFeatureStore implements FeatureStore {
    private static final Logger LOG = Logger.getLogger(GrpcFeatureStore.class);

    private final FeatureServiceGrpc.FeatureServiceBlockingStub stub;
    private final ForecastConfig.FeatureClient config;

    public GrpcFeatureStore(@GrpcClient("feature") FeatureServiceGrpc.FeatureServiceBlockingStub stub,
            ForecastConfig config) {
        this.stub = stub;
        this.config = config.feature();
    }

    @Override
    public Optional<DemandHistory> demandHistory(SeriesId series, Optional<LocalDate> asOf) {
        var request = GetDemandHistoryRequest.newBuilder().setSeries(ForecastProtos.toProto(series));
        asOf.ifPresent(d -> request.setEndDate(ProtoDates.toProto(d)));
        int attempts = Math.max(1, config.maxAttempts());
        long backoffMillis = config.retryBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                var response = stub.withDeadlineAfter(config.deadline().toMillis(), TimeUnit.MILLISECONDS)
                        .getDemandHistory(request.build());
                return toHistory(series, response);
            } catch (StatusRuntimeException e) {
                var code = e.getStatus().getCode();
                if (code == Status.Code.NOT_FOUND) {
                    return Optional.empty();
                }
                if (code == Status.Code.UNAVAILABLE && attempt < attempts) {
                    LOG.debugf("feature-service unavailable reading %s (attempt %d of %d); retrying", series, attempt, attempts);
                    pause(backoffMillis);
                    backoffMillis *= 2;
                    continue;
                }
                if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                        || code == Status.Code.RESOURCE_EXHAUSTED) {
                    throw new FeatureServiceUnavailable(code + " reading " + series.key(), e);
                }
                // Anything else is a contract breach between the services, not the caller's fault.
                throw new IllegalStateException("feature-service answered " + code + " reading " + series.key()
                        + ": " + e.getStatus().getDescription(), e);
            }
        }
    }

    private static Optional<DemandHistory> toHistory(SeriesId series, GetDemandHistoryResponse response) {
        try {
            return ForecastProtos.toHistory(series, response.getHistory());
        } catch (RuntimeException e) {
            throw new IllegalStateException("feature-service sent an invalid history for " + series.key(), e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeatureServiceUnavailable("interrupted while waiting to retry", e);
        }
    }
}
