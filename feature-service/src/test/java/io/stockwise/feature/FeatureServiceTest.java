package io.stockwise.feature;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.commons.kafka.KafkaSettings;
import io.stockwise.commons.outbox.OutboxRecord;
import io.stockwise.embedded.StockwiseInfraTestResource;
import io.stockwise.feature.domain.DemandBatch;
import io.stockwise.feature.domain.SaleFact;
import io.stockwise.feature.domain.SaleKind;
import io.stockwise.feature.domain.SeriesChange;
import io.stockwise.feature.domain.SeriesId;
import io.stockwise.feature.persistence.SalesBatchWriter;
import io.stockwise.proto.v1.DemandHistory;
import io.stockwise.proto.v1.DemandUpdatedEvent;
import io.stockwise.proto.v1.FeatureServiceGrpc;
import io.stockwise.proto.v1.GetDemandHistoryRequest;
import io.stockwise.proto.v1.ListSeriesRequest;
import io.stockwise.proto.v1.SaleEvent;
import io.stockwise.proto.v1.SeriesInfo;
import io.stockwise.proto.v1.SeriesKey;
import io.stockwise.proto.v1.StreamDemandHistoryRequest;
import io.stockwise.proto.v1.StreamDemandHistoryResponse;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service end to end on a real PostgreSQL and Kafka: sales produced to
 * {@code stockwise.sales.v1} become daily demand served over gRPC and announced on
 * {@code stockwise.demand.v1}.
 */
@QuarkusTest
@WithTestResource(StockwiseInfraTestResource.class)
class FeatureServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    private static final SeriesKey A = key("SKU-A-" + RUN, "STORE1");
    private static final SeriesKey B = key("SKU-B-" + RUN, "STORE1");
    private static final SeriesKey C = key("SKU-C-" + RUN, "STORE2");
    /** Only a cancellation: recorded, never demand. */
    private static final SeriesKey D = key("SKU-D-" + RUN, "STORE1");
    private static final byte[] GARBAGE = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

    private static boolean salesConsumed;

    @TestHTTPResource("/")
    URL url;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    SalesBatchWriter writer;

    private ManagedChannel channel;
    private FeatureServiceGrpc.FeatureServiceBlockingStub stub;

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", url.getPort()).usePlaintext().build();
        stub = FeatureServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void countsOnlyOrderedUnitsOnceEach() {
        consumeSales();

        var a = history(GetDemandHistoryRequest.newBuilder().setSeries(A).build());
        assertThat(a.getStartDate()).isEqualTo(ProtoDates.toProto(jan(1)));
        // Jan 1: 3 + 2 (the cancellation of 4 does not count); Jan 3: 1 (the zero-price 7 does not);
        // Jan 5: only a return; Jan 6: 4 + 1. Redelivered e1 and the repeated e2 count once.
        assertThat(a.getQuantitiesList()).containsExactly(5.0, 0.0, 1.0, 0.0, 0.0, 5.0);
        assertThat(history(GetDemandHistoryRequest.newBuilder().setSeries(B).build()).getQuantitiesList())
                .containsExactly(10.0);
    }

    @Test
    void historyHonoursTheRequestedRangeAndTheAsOfDay() {
        consumeSales();

        var cut = history(GetDemandHistoryRequest.newBuilder().setSeries(A)
                .setStartDate(ProtoDates.toProto(LocalDate.of(2023, 12, 30)))
                .setEndDate(ProtoDates.toProto(jan(3))).build());
        assertThat(cut.getStartDate()).isEqualTo(ProtoDates.toProto(LocalDate.of(2023, 12, 30)));
        assertThat(cut.getQuantitiesList()).containsExactly(0.0, 0.0, 5.0, 0.0, 1.0);

        var asOf = history(GetDemandHistoryRequest.newBuilder().setSeries(A).setEndDate(ProtoDates.toProto(jan(4))).build());
        assertThat(asOf.getQuantitiesList()).containsExactly(5.0, 0.0, 1.0, 0.0);

        assertError(() -> history(GetDemandHistoryRequest.newBuilder().setSeries(A)
                .setEndDate(ProtoDates.toProto(LocalDate.of(2023, 12, 31))).build()), Status.Code.NOT_FOUND, "SERIES_NOT_FOUND");
    }

    @Test
    void unknownSeriesAndSeriesWithoutDemandAreNotFound() {
        consumeSales();

        var unknown = assertError(() -> history(GetDemandHistoryRequest.newBuilder().setSeries(key("NOPE-" + RUN, "X")).build()),
                Status.Code.NOT_FOUND, "SERIES_NOT_FOUND");
        assertThat(unpack(unknown, ErrorInfo.class).getDomain()).isEqualTo("feature.stockwise");
        assertError(() -> history(GetDemandHistoryRequest.newBuilder().setSeries(D).build()), Status.Code.NOT_FOUND,
                "SERIES_NOT_FOUND");
    }

    @Test
    void missingSkuIsAnInvalidArgumentNamingTheField() {
        var e = assertError(() -> history(GetDemandHistoryRequest.newBuilder().setSeries(key("", "STORE1")).build()),
                Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(unpack(e, BadRequest.class).getFieldViolationsList())
                .extracting(BadRequest.FieldViolation::getField, BadRequest.FieldViolation::getReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("series.sku_id", "REQUIRED"));

        var range = assertError(() -> history(GetDemandHistoryRequest.newBuilder().setSeries(A)
                        .setStartDate(ProtoDates.toProto(jan(5))).setEndDate(ProtoDates.toProto(jan(4))).build()),
                Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(unpack(range, BadRequest.class).getFieldViolations(0).getField()).isEqualTo("start_date");
    }

    @Test
    void listSeriesPagesInKeyOrderWithTotals() {
        consumeSales();

        var ours = new ArrayList<SeriesInfo>();
        var token = "";
        int pages = 0;
        do {
            var page = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listSeries(ListSeriesRequest.newBuilder().setPageSize(1).setPageToken(token).build());
            assertThat(page.getSeriesCount()).isLessThanOrEqualTo(1);
            page.getSeriesList().stream().filter(s -> List.of(A, B, C).contains(s.getSeries())).forEach(ours::add);
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty() && pages < 10_000);

        assertThat(ours).extracting(SeriesInfo::getSeries).containsExactly(A, B, C);
        assertThat(ours.get(0)).isEqualTo(SeriesInfo.newBuilder().setSeries(A)
                .setFirstDemandDate(ProtoDates.toProto(jan(1))).setLastDemandDate(ProtoDates.toProto(jan(6)))
                .setTotalQuantity(11).setDemandDays(3).build());

        var bad = assertError(() -> stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                .listSeries(ListSeriesRequest.newBuilder().setPageToken("garbage!").build()),
                Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(unpack(bad, BadRequest.class).getFieldViolations(0).getField()).isEqualTo("page_token");
    }

    @Test
    void streamsHistoriesInBatchesOrderedBySeries() {
        consumeSales();

        var batches = stream(StreamDemandHistoryRequest.newBuilder().addSeries(C).addSeries(A).addSeries(D)
                .addSeries(B).setBatchSize(2).build());
        assertThat(batches).extracting(StreamDemandHistoryResponse::getHistoriesCount).containsExactly(2, 1);
        assertThat(batches.get(0).getHistoriesList()).extracting(DemandHistory::getSeries).containsExactly(A, B);
        assertThat(batches.get(1).getHistories(0).getSeries()).isEqualTo(C);
        assertThat(batches.get(0).getHistories(0).getQuantitiesList()).containsExactly(5.0, 0.0, 1.0, 0.0, 0.0, 5.0);

        var asOf = stream(StreamDemandHistoryRequest.newBuilder().addSeries(C).addSeries(A).addSeries(B)
                .setEndDate(ProtoDates.toProto(jan(3))).build());
        assertThat(asOf).hasSize(1);
        assertThat(asOf.get(0).getHistoriesList()).extracting(DemandHistory::getSeries).containsExactly(A, B);
        assertThat(asOf.get(0).getHistories(0).getQuantitiesList()).containsExactly(5.0, 0.0, 1.0);

        var everything = stream(StreamDemandHistoryRequest.newBuilder().setBatchSize(1000).build()).stream()
                .flatMap(b -> b.getHistoriesList().stream()).map(DemandHistory::getSeries)
                .filter(List.of(A, B, C)::contains).toList();
        assertThat(everything).containsExactly(A, B, C);

        var bad = assertError(() -> stream(StreamDemandHistoryRequest.newBuilder().setBatchSize(5_000).build()),
                Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(unpack(bad, BadRequest.class).getFieldViolations(0).getField()).isEqualTo("batch_size");
    }

    @Test
    void announcesChangedSeriesOnTheDemandTopic() throws Exception {
        consumeSales();

        var record = awaitRecord("stockwise.demand.v1", r -> A.getSkuId().equals(skuOf(r.key())));
        var event = DemandUpdatedEvent.parseFrom(record.value());
        assertThat(record.key()).isEqualTo(ProtoDates.seriesKey(A));
        assertThat(event.getSeries()).isEqualTo(A);
        assertThat(ProtoDates.toLocalDate(event.getFirstChangedDate(), "first")).isBetween(jan(1), jan(6));
        assertThat(ProtoDates.toLocalDate(event.getLastChangedDate(), "last")).isBetween(jan(1), jan(6));
        assertThat(event.getUpdateTime().getSeconds()).isPositive();
    }

    @Test
    void sendsUnreadableRecordsToTheDeadLetterTopic() {
        consumeSales();

        var garbage = awaitRecord("stockwise.sales.dlq.v1",
                r -> ProtoDates.seriesKey(A).equals(r.key()) && "UNPARSEABLE".equals(header(r, "stockwise.reason")));
        assertThat(garbage.value()).isEqualTo(GARBAGE);
        assertThat(header(garbage, "stockwise.description")).isNotBlank();

        var invalid = awaitRecord("stockwise.sales.dlq.v1",
                r -> ProtoDates.seriesKey(A).equals(r.key()) && "INVALID_EVENT".equals(header(r, "stockwise.reason")));
        assertThat(header(invalid, "stockwise.field")).isEqualTo("event_id");
    }

    @Test
    void replayingAStoredBatchChangesNothing() throws Exception {
        var e = new SeriesId("SKU-E-" + RUN, "STORE1");
        var batch = DemandBatch.of(List.of(
                new SaleFact("replay-1-" + RUN, e, jan(2), 2, 1, SaleKind.SALE, Instant.now()),
                new SaleFact("replay-2-" + RUN, e, jan(4), 3, 1, SaleKind.SALE, null),
                new SaleFact("replay-3-" + RUN, e, jan(4), 3, 1, SaleKind.RETURN, null)));
        var announced = new ArrayList<List<SeriesChange>>();
        java.util.function.Function<List<SeriesChange>, List<OutboxRecord>> announce = changes -> {
            announced.add(changes);
            return List.of();
        };

        var first = writer.write(batch, List.of(), announce);
        var replay = writer.write(batch, List.of(), announce);

        assertThat(first.counted()).isEqualTo(2);
        assertThat(first.notDemand()).isEqualTo(1);
        assertThat(replay.counted()).isZero();
        assertThat(replay.duplicates()).isEqualTo(3);
        assertThat(announced).containsExactly(List.of(new SeriesChange(e, jan(2), jan(4))), List.of());
        var h = history(GetDemandHistoryRequest.newBuilder().setSeries(key(e.skuId(), e.locationId())).build());
        assertThat(h.getQuantitiesList()).containsExactly(2.0, 0.0, 3.0);
    }

    @Test
    void isReadyAndExportsItsMetrics() {
        consumeSales();

        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.name", hasItem("sales-consumer"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("stockwise_feature_events_processed_total{outcome=\"counted\""))
                .body(containsString("stockwise_feature_events_processed_total{outcome=\"duplicate\""))
                .body(containsString("stockwise_feature_events_processed_total{outcome=\"not_demand\""))
                .body(containsString("stockwise_feature_events_processed_total{outcome=\"invalid\""))
                .body(containsString("stockwise_feature_newest_event_age_seconds"));
        var metrics = given().when().get("/q/metrics").then().extract().asString();
        assertThat(metric(metrics, "stockwise_feature_events_processed_total{outcome=\"counted\"}")).isGreaterThanOrEqualTo(7);
        assertThat(metric(metrics, "stockwise_feature_events_processed_total{outcome=\"duplicate\"}")).isGreaterThanOrEqualTo(2);
        assertThat(metric(metrics, "stockwise_feature_events_processed_total{outcome=\"invalid\"}")).isGreaterThanOrEqualTo(2);
    }

    // --- the sales, produced once for the whole class -----------------------------------------

    /**
     * Produces this run's sales to the real topic and waits until they are served: first a batch
     * with an unparseable record, an invalid one, a cancellation, a zero-price line, a return and a
     * repeated event; then a redelivery of an already counted event followed by one new line, so
     * once the new line shows, the redelivery was handled (same key, same partition, in order).
     */
    private synchronized void consumeSales() {
        if (salesConsumed) {
            return;
        }
        try (var producer = new KafkaProducer<String, byte[]>(KafkaSettings.producer(bootstrapServers, "feature-test", Duration.ofSeconds(20)))) {
            send(producer, ProtoDates.seriesKey(A), GARBAGE);
            send(producer, sale("", A, jan(1), 1, 1, io.stockwise.proto.v1.SaleKind.SALE_KIND_SALE));
            send(producer, sale("e1", A, jan(1), 3, 2.5, io.stockwise.proto.v1.SaleKind.SALE_KIND_SALE));
            send(producer, sale("e2", A, jan(1), 2, 1, io.stockwise.proto.v1.SaleKind.SALE_KIND_UNSPECIFIED));
            send(producer, sale("e2", A, jan(1), 2, 1, io.stockwise.proto.v1.SaleKind.SALE_KIND_UNSPECIFIED));
            send(producer, sale("e3", A, jan(1), 4, 2.5, io.stockwise.proto.v1.SaleKind.SALE_KIND_CANCELLATION));
            send(producer, sale("e4", A, jan(3), 7, 0, io.stockwise.proto.v1.SaleKind.SALE_KIND_SALE));
            send(producer, sale("e5", A, jan(3), 1, 3, io.stockwise.proto.v1.SaleKind.SALE_KIND_SALE));
            send(producer, sale("e6", A, jan(5), 2, 3, io.stockwise.proto.v1.SaleKind.SALE_KIND_RETURN));
            send(producer, sale("e7", A, jan(6), 4, 1, io.stockwise.proto.v1.SaleKind.SALE_KIND_SALE));
            send(producer, sale("b1", B, jan(2), 10, 1, io.stockwise.proto.v1.SaleKind.SALE_KIND_SALE));
            send(producer, sale("c1", C, jan(4), 1, 1, io.stockwise.proto.v1.SaleKind.SALE_KIND_SALE));
            send(producer, sale("d1", D, jan(2), 5, 1, io.stockwise.proto.v1.SaleKind.SALE_KIND_CANCELLATION));
            producer.flush();
            awaitHistory(A, List.of(5.0, 0.0, 1.0, 0.0, 0.0, 4.0));
            awaitHistory(B, List.of(10.0));
            awaitHistory(C, List.of(1.0));

            send(producer, sale("e1", A, jan(1), 3, 2.5, io.stockwise.proto.v1.SaleKind.SALE_KIND_SALE));
            send(producer, sale("e8", A, jan(6), 1, 1, io.stockwise.proto.v1.SaleKind.SALE_KIND_SALE));
            producer.flush();
            awaitHistory(A, List.of(5.0, 0.0, 1.0, 0.0, 0.0, 5.0));
        }
        salesConsumed = true;
    }

    private void awaitHistory(SeriesKey series, List<Double> expected) {
        var last = await(() -> {
            try {
                return Optional.of(history(GetDemandHistoryRequest.newBuilder().setSeries(series).build()));
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                    throw e;
                }
                return Optional.<DemandHistory>empty();
            }
        }, h -> h.isPresent() && h.get().getQuantitiesList().equals(expected), "demand of " + series.getSkuId());
        assertThat(last.orElseThrow().getQuantitiesList()).isEqualTo(expected);
    }

    private static void send(KafkaProducer<String, byte[]> producer, SaleEvent event) {
        send(producer, ProtoDates.seriesKey(event.getSeries()), event.toByteArray());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>("stockwise.sales.v1", key, value)).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not produce to stockwise.sales.v1", e);
        }
    }

    private static SaleEvent sale(String id, SeriesKey series, LocalDate day, double quantity, double price,
            io.stockwise.proto.v1.SaleKind kind) {
        return SaleEvent.newBuilder()
                .setEventId(id.isEmpty() ? "" : RUN + "-" + id)
                .setSeries(series)
                .setBusinessDate(ProtoDates.toProto(day))
                .setQuantity(quantity)
                .setUnitPrice(price)
                .setKind(kind)
                .setIngestTime(ProtoDates.toProto(Instant.now()))
                .build();
    }

    // --- helpers --------------------------------------------------------------------------------

    private DemandHistory history(GetDemandHistoryRequest request) {
        return stub.withDeadlineAfter(10, TimeUnit.SECONDS).getDemandHistory(request).getHistory();
    }

    private List<StreamDemandHistoryResponse> stream(StreamDemandHistoryRequest request) {
        var out = new ArrayList<StreamDemandHistoryResponse>();
        stub.withDeadlineAfter(30, TimeUnit.SECONDS).streamDemandHistory(request).forEachRemaining(out::add);
        return out;
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted) {
        var props = KafkaSettings.consumer(bootstrapServers, "feature-test-" + UUID.randomUUID(), "feature-test", Map.of());
        try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (consumer.assignment().isEmpty()) {
                    var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                            .map(p -> new TopicPartition(topic, p.partition())).toList();
                    if (partitions.isEmpty()) {
                        sleep();
                        continue;
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (wanted.test(r)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + WAIT);
    }

    private static <T> T await(Supplier<T> probe, Predicate<T> done, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
            }
            sleep();
            last = probe.get();
        }
        return last;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static StatusRuntimeException assertError(Runnable call, Status.Code code, String reason) {
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(thrown).as("a %s failure", code).isNotNull();
        assertThat(thrown.getStatus().getCode()).isEqualTo(code);
        assertThat(unpack(thrown, ErrorInfo.class).getReason()).isEqualTo(reason);
        return thrown;
    }

    private static <T extends com.google.protobuf.Message> T unpack(StatusRuntimeException e, Class<T> type) {
        var status = StatusProto.fromThrowable(e);
        assertThat(status).isNotNull();
        try {
            for (var any : status.getDetailsList()) {
                if (any.is(type)) {
                    return any.unpack(type);
                }
            }
        } catch (InvalidProtocolBufferException x) {
            throw new AssertionError(x);
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + status);
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String skuOf(String seriesKey) {
        return seriesKey == null ? null : seriesKey.substring(0, Math.max(0, seriesKey.indexOf('/')));
    }

    private static double metric(String exposition, String series) {
        return exposition.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + series));
    }

    private static SeriesKey key(String sku, String location) {
        return SeriesKey.newBuilder().setSkuId(sku).setLocationId(location).build();
    }

    private static LocalDate jan(int day) {
        return LocalDate.of(2024, 1, day);
    }
}
