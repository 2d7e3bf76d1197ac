package io.stockwise.forecast.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.forecast.config.ForecastConfig;
import io.stockwise.forecast.domain.CatalogueSource;
import io.stockwise.forecast.domain.DemandHistory;
import io.stockwise.forecast.domain.FeatureServiceUnavailable;
import io.stockwise.proto.v1.FeatureServiceGrpc;
import io.stockwise.proto.v1.StreamDemandHistoryRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Reads the whole catalogue from feature-service's {@code StreamDemandHistory}, under one deadline. */
@ApplicationScoped
public class GrpcCatalogueSource implements CatalogueSource {
    private static final int BATCH = 500;

    private final FeatureServiceGrpc.FeatureServiceBlockingStub stub;
    private final ForecastConfig config;

    public GrpcCatalogueSource(@GrpcClient("feature") FeatureServiceGrpc.FeatureServiceBlockingStub stub,
            ForecastConfig config) {
        this.stub = stub;
        this.config = config;
    }

    @Override
    public List<DemandHistory> all(Optional<LocalDate> asOf) {
        var request = StreamDemandHistoryRequest.newBuilder().setBatchSize(BATCH);
        asOf.ifPresent(d -> request.setEndDate(ProtoDates.toProto(d)));
        var out = new ArrayList<DemandHistory>();
        try {
            var it = stub.withDeadlineAfter(config.training().streamDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .streamDemandHistory(request.build());
            while (it.hasNext()) {
                for (var h : it.next().getHistoriesList()) {
                    var id = ForecastProtos.toSeriesId(h.getSeries());
                    ForecastProtos.toHistory(id, h).ifPresent(out::add);
                }
            }
        } catch (StatusRuntimeException e) {
            var code = e.getStatus().getCode();
            if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                    || code == Status.Code.RESOURCE_EXHAUSTED) {
                throw new FeatureServiceUnavailable(code + " streaming the catalogue", e);
            }
            throw new IllegalStateException("feature-service answered " + code + " streaming the catalogue: "
                    + e.getStatus().getDescription(), e);
        }
        return out;
    }
}
