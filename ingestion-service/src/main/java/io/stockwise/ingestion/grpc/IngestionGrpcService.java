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
import io.stockwise.commons.error.StockwiseException;
import io.stockwise.commons.error.Validator;
import io.stockwise.ingestion.domain.ReferenceIngestion;
import io.stockwise.proto.v1.GetRecordStatusRequest;
import io.stockwise.proto.v1.GetRecordStatusResponse;
import io.stockwise.proto.v1.SaleKind;
import io.stockwise.proto.v1.SeriesKey;
import io.stockwise.proto.v1.UpsertCalendarEventsRequest;
import io.stockwise.proto.v1.UpsertCalendarEventsResponse;
import io.stockwise.proto.v1.UpsertInventoryPositionsRequest;
import io.stockwise.proto.v1.UpsertInventoryPositionsResponse;
import io.stockwise.proto.v1.UpsertLocationsRequest;
import io.stockwise.proto.v1.UpsertLocationsResponse;
import io.stockwise.proto.v1.UpsertPricesRequest;
import io.stockwise.proto.v1.UpsertPricesResponse;
import io.stockwise.proto.v1.UpsertProductsRequest;
import io.stockwise.proto.v1.UpsertProductsResponse;
import io.stockwise.proto.v1.UpsertSummary;
import io.stockwise.proto.v1.UpsertSupplyTermsRequest;
import io.stockwise.proto.v1.UpsertSupplyTermsResponse;
import io.stockwise.ingestion.domain.BatchOutcome;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.List;
import org.jboss.logging.Logger;

import static io.stockwise.ingestion.grpc.ReferenceMapping.summary;

@GrpcService
@Blocking
public class IngestionGrpcService extends IngestionServiceGrpc.IngestionServiceImplBase {
    static final String DOMAIN = "ingestion.stockwise";
    static final int MAX_REPORTED_REJECTIONS = 1000;
    private static final Logger LOG = Logger.getLogger(IngestionGrpcService.class);

    private final SalesIngestion ingestion;
    private final ReferenceIngestion reference;
    private final JdbcSalesStore store;
    private final MeterRegistry registry;
    private final Timer batchTimer;
    /** Writes the streams' messages (one in flight per stream); threads come and go with the streams. */
    private final ExecutorService writers = Executors.newCachedThreadPool(r -> {
        var t = new Thread(r, "ingest-writer");
        t.setDaemon(true);
        return t;
    });

    public IngestionGrpcService(SalesIngestion ingestion, ReferenceIngestion reference, JdbcSalesStore store,
            MeterRegistry registry) {
        this.ingestion = ingestion;
        this.reference = reference;
        this.store = store;
        this.registry = registry;
        this.batchTimer = Timer.builder("stockwise.ingest.batch.duration.seconds")
                .description("Time to validate and store one batch of records").register(registry);
    }

    /**
     * One stream checks message N+1 while message N is written: onNext validates its message on the
     * gRPC worker thread, waits for the previous message's transaction (so at most one write per
     * stream is in flight, in stream order), then hands its write to a writer thread and returns, so
     * the next message is decoded and checked meanwhile. The summary goes out only after the last
     * write committed; a failed write fails the stream at the next message or at the end.
     */
    @Override
    public StreamObserver<IngestSalesRequest> ingestSales(StreamObserver<IngestSalesResponse> response) {
        return new StreamObserver<>() {
            private final IngestSalesResponse.Builder summary = IngestSalesResponse.newBuilder();
            private CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);
            private long position;
            private boolean failed;

            @Override
            public void onNext(IngestSalesRequest request) {
                if (failed) {
                    return;
                }
                try {
                    if (request.getRecordsCount() == 0) {
                        throw StockwiseException.invalid("records", "REQUIRED",
                                "a message carries 1 to " + SalesIngestion.MAX_BATCH + " records, got none");
                    }
                    if (request.getRecordsCount() > SalesIngestion.MAX_BATCH) {
                        throw Status.RESOURCE_EXHAUSTED
                                .withDescription("records: at most " + SalesIngestion.MAX_BATCH + " records per message, got "
                                        + request.getRecordsCount())
                                .asRuntimeException();
                    }
                    long start = System.nanoTime();
                    var checked = ingestion.check(toDomain(request.getRecordsList()), position);
                    long checkNanos = System.nanoTime() - start;
                    position += checked.received();
                    awaitWrite();
                    writing = CompletableFuture.runAsync(() -> {
                        long t = System.nanoTime();
                        var outcome = ingestion.store(checked);
                        batchTimer.record(checkNanos + System.nanoTime() - t, TimeUnit.NANOSECONDS);
                        add(outcome);
                    }, writers);
                } catch (RuntimeException e) {
                    fail(e);
                }
            }

            private void awaitWrite() {
                try {
                    writing.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }

            private void add(BatchOutcome outcome) {
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
            }

            private void fail(RuntimeException e) {
                failed = true;
                response.onError(GrpcErrors.toStatus(e, DOMAIN));
            }

            @Override
            public void onError(Throwable t) {
                // The client went away: every message received so far is (or is being) committed; it may resend.
                LOG.debugf("IngestSales stream ended by the client after %d records: %s", position, t.getMessage());
            }

            @Override
            public void onCompleted() {
                if (failed) {
                    return;
                }
                try {
                    awaitWrite();
                    response.onNext(summary.build());
                    response.onCompleted();
                } catch (RuntimeException e) {
                    fail(e);
                }
            }
        };
    }

    @PreDestroy
    void stopWriters() {
        writers.shutdown();
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
                    () -> deadLetter(r)));
        }
        return out;
    }

    /** Dead letters larger than this keep an excerpt of the record, never all of it. */
    static final int MAX_DEAD_LETTER_BYTES = 64 * 1024;
    /** Characters an excerpt keeps of each string field. */
    static final int EXCERPT_CHARS = 1024;

    /**
     * The bytes a rejected record's dead letter carries: the record as sent, or, when it is larger
     * than {@value #MAX_DEAD_LETTER_BYTES} bytes (a 1 MB {@code sku_id}, say, which Kafka would refuse
     * and the relay would retry forever), the record with each string cut to its first
     * {@value #EXCERPT_CHARS} characters and unknown fields dropped.
     */
    static byte[] deadLetter(SaleRecord r) {
        if (r.getSerializedSize() <= MAX_DEAD_LETTER_BYTES) {
            return r.toByteArray();
        }
        return r.toBuilder()
                .setUnknownFields(com.google.protobuf.UnknownFieldSet.getDefaultInstance())
                .setSourceId(excerpt(r.getSourceId()))
                .setSeries(SeriesKey.newBuilder().setSkuId(excerpt(r.getSeries().getSkuId()))
                        .setLocationId(excerpt(r.getSeries().getLocationId())))
                .setCurrencyCode(excerpt(r.getCurrencyCode()))
                .setOrderId(excerpt(r.getOrderId()))
                .setCustomerId(excerpt(r.getCustomerId()))
                .build().toByteArray();
    }

    private static String excerpt(String s) {
        return s.length() <= EXCERPT_CHARS ? s : s.substring(0, EXCERPT_CHARS);
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

    @Override
    public void upsertProducts(UpsertProductsRequest request, StreamObserver<UpsertProductsResponse> response) {
        upsert("UpsertProducts", response, () -> UpsertProductsResponse.newBuilder().setSummary(summary(
                reference.products(request.getProductsList().stream().map(ReferenceMapping::product).toList()))).build());
    }

    @Override
    public void upsertLocations(UpsertLocationsRequest request, StreamObserver<UpsertLocationsResponse> response) {
        upsert("UpsertLocations", response, () -> UpsertLocationsResponse.newBuilder().setSummary(summary(
                reference.locations(request.getLocationsList().stream().map(ReferenceMapping::location).toList()))).build());
    }

    @Override
    public void upsertCalendarEvents(UpsertCalendarEventsRequest request, StreamObserver<UpsertCalendarEventsResponse> response) {
        upsert("UpsertCalendarEvents", response, () -> UpsertCalendarEventsResponse.newBuilder().setSummary(summary(
                reference.calendar(request.getEventsList().stream().map(ReferenceMapping::calendar).toList()))).build());
    }

    @Override
    public void upsertPrices(UpsertPricesRequest request, StreamObserver<UpsertPricesResponse> response) {
        upsert("UpsertPrices", response, () -> UpsertPricesResponse.newBuilder().setSummary(summary(
                reference.prices(request.getPricesList().stream().map(ReferenceMapping::price).toList()))).build());
    }

    @Override
    public void upsertInventoryPositions(UpsertInventoryPositionsRequest request,
            StreamObserver<UpsertInventoryPositionsResponse> response) {
        upsert("UpsertInventoryPositions", response, () -> UpsertInventoryPositionsResponse.newBuilder().setSummary(summary(
                reference.inventory(request.getPositionsList().stream().map(ReferenceMapping::inventory).toList()))).build());
    }

    @Override
    public void upsertSupplyTerms(UpsertSupplyTermsRequest request, StreamObserver<UpsertSupplyTermsResponse> response) {
        upsert("UpsertSupplyTerms", response, () -> UpsertSupplyTermsResponse.newBuilder().setSummary(summary(
                reference.supplyTerms(request.getTermsList().stream().map(ReferenceMapping::supply).toList()))).build());
    }

    @Override
    public void getRecordStatus(GetRecordStatusRequest request, StreamObserver<GetRecordStatusResponse> response) {
        GrpcCalls.unary(response, DOMAIN, () -> {
            new Validator().requireText("source_id", request.getSourceId(), 128).throwIfInvalid();
            var b = GetRecordStatusResponse.newBuilder();
            store.status(request.getSourceId()).ifPresent(s -> b.setStored(true)
                    .setIngestTime(ProtoDates.toProto(s.ingestTime()))
                    .setPublished(s.published())
                    .setSeries(SeriesKey.newBuilder().setSkuId(s.skuId()).setLocationId(s.locationId()))
                    .setBusinessDate(ProtoDates.toProto(s.businessDate()))
                    .setKind(SaleKind.forNumber(s.kind().ordinal() + 1)));
            return b.build();
        });
    }

    /**
     * Runs an upsert rpc, counting its records by outcome ({@code stockwise.ingest.upserts.records})
     * and its calls by result ({@code stockwise.ingest.upserts.requests}), both tagged with the rpc.
     */
    private <T extends com.google.protobuf.Message> void upsert(String rpc, StreamObserver<T> response, Supplier<T> body) {
        GrpcCalls.unary(response, DOMAIN, () -> {
            var sample = Timer.start(registry);
            String result = "error";
            try {
                T out = body.get();
                result = "ok";
                var s = (UpsertSummary) out.getField(out.getDescriptorForType().findFieldByName("summary"));
                countUpsert(rpc, "created", s.getCreatedCount());
                countUpsert(rpc, "updated", s.getUpdatedCount());
                countUpsert(rpc, "unchanged", s.getUnchangedCount());
                return out;
            } catch (StockwiseException e) {
                result = e.code().name().toLowerCase(java.util.Locale.ROOT);
                throw e;
            } finally {
                Counter.builder("stockwise.ingest.upserts.requests").description("Upsert calls by rpc and result")
                        .tag("rpc", rpc).tag("result", result).register(registry).increment();
                sample.stop(Timer.builder("stockwise.ingest.upserts.duration.seconds").description("Time to validate and store one upsert request")
                        .tag("rpc", rpc).register(registry));
            }
        });
    }

    private void countUpsert(String rpc, String outcome, long n) {
        if (n > 0) {
            Counter.builder("stockwise.ingest.upserts.records").description("Reference records upserted, by rpc and outcome")
                    .tag("rpc", rpc).tag("outcome", outcome).register(registry).increment(n);
        }
    }
}
