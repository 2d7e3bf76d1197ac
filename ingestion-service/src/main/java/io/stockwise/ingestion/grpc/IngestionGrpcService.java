package io.stockwise.ingestion.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.stockwise.commons.grpc.GrpcCalls;
import io.stockwise.commons.grpc.GrpcErrors;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.ingestion.domain.IncomingSale;
import io.stockwise.ingestion.domain.SalesIngestion;
import io.stockwise.ingestion.persistence.JdbcSalesStore;
import io.stockwise.proto.v1.GetIngestionStatsRequest;
import io.stockwise.proto.v1.GetIngestionStatsResponse;
import io.stockwise.proto.v1.IngestSalesRequest;
import io.stockwise.proto.v1.IngestSalesResponse;
import io.stockwise.proto.v1.IngestionServiceGrpc;
import io.stockwise.proto.v1.RecordRejection;
import io.stockwise.proto.v1.SaleRecord;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

@GrpcService
@Blocking
public class IngestionGrpcService extends IngestionServiceGrpc.IngestionServiceImplBase {
    static final String DOMAIN = "ingestion.stockwise";
    static final int MAX_REPORTED_REJECTIONS = 1000;
    private static final Logger LOG = Logger.getLogger(IngestionGrpcService.class);

    private final SalesIngestion ingestion;
    private final JdbcSalesStore store;
    private final MeterRegistry registry;
    private final Timer batchTimer;

    public IngestionGrpcService(SalesIngestion ingestion, JdbcSalesStore store, MeterRegistry registry) {
        this.ingestion = ingestion;
        this.store = store;
        this.registry = registry;
        this.batchTimer = Timer.builder("stockwise.ingest.batch.duration.seconds")
                .description("Time to validate and store one batch of records").register(registry);
    }

    @Override
    public StreamObserver<IngestSalesRequest> ingestSales(StreamObserver<IngestSalesResponse> response) {
        return new StreamObserver<>() {
            private final IngestSalesResponse.Builder summary = IngestSalesResponse.newBuilder();
            private long position;
            private boolean failed;

            @Override
            public void onNext(IngestSalesRequest request) {
                if (failed) {
                    return;
                }
                try {
                    if (request.getRecordsCount() > SalesIngestion.MAX_BATCH) {
                        throw Status.RESOURCE_EXHAUSTED
                                .withDescription("records: at most " + SalesIngestion.MAX_BATCH + " records per message, got "
                                        + request.getRecordsCount())
                                .asRuntimeException();
                    }
                    var batch = toDomain(request.getRecordsList());
                    var outcome = batchTimer.record(() -> ingestion.ingest(batch, position));
                    position += outcome.received();
                    summary.setReceivedCount(summary.getReceivedCount() + outcome.received())
                            .setAcceptedCount(summary.getAcceptedCount() + outcome.accepted())
                            .setDuplicateCount(summary.getDuplicateCount() + outcome.duplicates())
                            .setRejectedCount(summary.getRejectedCount() + outcome.rejections().size());
                    count("accepted", outcome.accepted());
                    count("duplicate", outcome.duplicates());
                    for (var r : outcome.rejections()) {
                        Counter.builder("stockwise.ingest.records").tag("outcome", "rejected")
                                .tag("reason", r.violation().reason()).register(registry).increment();
                        if (summary.getRejectionsCount() < MAX_REPORTED_REJECTIONS) {
                            summary.addRejections(RecordRejection.newBuilder()
                                    .setPosition(r.position())
                                    .setSourceId(r.sourceId() == null ? "" : r.sourceId())
                                    .setField(r.violation().field())
                                    .setReason(r.violation().reason())
                                    .setDescription(r.violation().description()));
                        }
                    }
                } catch (RuntimeException e) {
                    failed = true;
                    response.onError(GrpcErrors.toStatus(e, DOMAIN));
                }
            }

            @Override
            public void onError(Throwable t) {
                // The client went away: every batch received so far is committed; it may resend.
                LOG.debugf("IngestSales stream ended by the client after %d records: %s", position, t.getMessage());
            }

            @Override
            public void onCompleted() {
                if (!failed) {
                    response.onNext(summary.build());
                    response.onCompleted();
                }
            }
        };
    }

    private void count(String outcome, long n) {
        if (n > 0) {
            Counter.builder("stockwise.ingest.records").tag("outcome", outcome).tag("reason", "none")
                    .register(registry).increment(n);
        }
    }

    static List<IncomingSale> toDomain(List<SaleRecord> records) {
        var out = new ArrayList<IncomingSale>(records.size());
        for (var r : records) {
            var d = r.getBusinessDate();
            Long eventMillis = r.hasEventTime()
                    ? r.getEventTime().getSeconds() * 1000 + r.getEventTime().getNanos() / 1_000_000
                    : null;
            out.add(new IncomingSale(r.getSourceId(), r.getSeries().getSkuId(), r.getSeries().getLocationId(),
                    d.getYear(), d.getMonth(), d.getDay(), eventMillis, r.getQuantity(), r.getUnitPrice(),
                    r.getCurrencyCode(), r.getKindValue(), r.getOnPromotion(), r.getOrderId(), r.getCustomerId(),
                    r.toByteArray()));
        }
        return out;
    }

    @Override
    public void getIngestionStats(GetIngestionStatsRequest request, StreamObserver<GetIngestionStatsResponse> response) {
        GrpcCalls.unary(response, DOMAIN, () -> {
            var s = store.stats();
            var b = GetIngestionStatsResponse.newBuilder()
                    .setSaleCount(s.sales())
                    .setSeriesCount(s.series())
                    .setOutboxBacklog(s.outboxBacklog());
            if (s.first() != null) {
                b.setFirstBusinessDate(ProtoDates.toProto(s.first())).setLastBusinessDate(ProtoDates.toProto(s.last()));
            }
            return b.build();
        });
    }
}
