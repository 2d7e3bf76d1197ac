package io.stockwise.ingestion.grpc;

import static io.restassured.RestAssured.given;
import static io.stockwise.ingestion.grpc.IngestTestSupport.awaitOutboxDrained;
import static io.stockwise.ingestion.grpc.IngestTestSupport.file;
import static io.stockwise.ingestion.grpc.IngestTestSupport.readAll;
import static io.stockwise.ingestion.grpc.IngestTestSupport.send;
import static io.stockwise.ingestion.grpc.IngestTestSupport.sendAndCancel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockwise.embedded.StockwiseInfra;
import io.stockwise.embedded.StockwiseInfraTestResource;
import io.stockwise.proto.v1.Date;
import io.stockwise.proto.v1.GetRecordStatusRequest;
import io.stockwise.proto.v1.IngestionServiceGrpc;
import io.stockwise.proto.v1.InventoryPositionEvent;
import io.stockwise.proto.v1.InventoryPositionRecord;
import io.stockwise.proto.v1.LeadTimeProbability;
import io.stockwise.proto.v1.OnOrderLine;
import io.stockwise.proto.v1.ProductEvent;
import io.stockwise.proto.v1.ProductRecord;
import io.stockwise.proto.v1.SaleEvent;
import io.stockwise.proto.v1.SaleRecord;
import io.stockwise.proto.v1.SeriesKey;
import io.stockwise.proto.v1.SupplyTermsEvent;
import io.stockwise.proto.v1.SupplyTermsRecord;
import io.stockwise.proto.v1.UpsertInventoryPositionsRequest;
import io.stockwise.proto.v1.UpsertProductsRequest;
import io.stockwise.proto.v1.UpsertSupplyTermsRequest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StockwiseInfraTestResource.class)
class ReferenceDataAndFaultsTest {
    @TestHTTPResource("/")
    URL url;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DataSource dataSource;

    ManagedChannel channel;

    @BeforeEach
    void open() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", url.getPort()).usePlaintext().build();
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    IngestionServiceGrpc.IngestionServiceBlockingStub stub() {
        return IngestionServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    long storedSales(String skuPrefix) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("SELECT count(*) FROM sale WHERE sku_id LIKE ?")) {
            ps.setString(1, skuPrefix + "%");
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Distinct event ids of the sales topic for the prefix; asserts 0 lost against the stored rows. */
    HashSet<String> publishedIds(String skuPrefix) throws Exception {
        var ids = new HashSet<String>();
        for (var r : readAll(bootstrapServers, "stockwise.sales.v1", skuPrefix)) {
            ids.add(SaleEvent.parseFrom(r.value()).getEventId());
        }
        return ids;
    }

    @Test
    void upsertsProductsByKeyAndPublishesOnlyChanges() throws Exception {
        var sku = unique("p");
        var product = ProductRecord.newBuilder().setSkuId(sku).setName("Heart").setGroupId("decor").setUnitVolumeLiters(0.4).build();
        var first = stub().upsertProducts(UpsertProductsRequest.newBuilder().addProducts(product).build()).getSummary();
        var again = stub().upsertProducts(UpsertProductsRequest.newBuilder().addProducts(product).build()).getSummary();
        var changed = stub().upsertProducts(UpsertProductsRequest.newBuilder()
                .addProducts(product.toBuilder().setName("Red heart")).build()).getSummary();

        assertThat(first.getCreatedCount()).isEqualTo(1);
        assertThat(again.getUnchangedCount()).isEqualTo(1);
        assertThat(again.getCreatedCount() + again.getUpdatedCount()).isZero();
        assertThat(changed.getUpdatedCount()).isEqualTo(1);
        awaitOutboxDrained(channel, Duration.ofSeconds(30));
        var events = readAll(bootstrapServers, "stockwise.products.v1", sku.toUpperCase());
        assertThat(events).hasSize(2);
        assertThat(ProductEvent.parseFrom(events.get(1).value()).getProduct().getName()).isEqualTo("Red heart");
        assertThat(events.get(0).key()).isEqualTo(sku.toUpperCase());
    }

    @Test
    void publishesInventoryWithOnOrderLinesAndSupplyTerms() throws Exception {
        var sku = unique("I");
        var position = InventoryPositionRecord.newBuilder()
                .setSeries(SeriesKey.newBuilder().setSkuId(sku).setLocationId("uk"))
                .setOnHand(40)
                .addOnOrder(OnOrderLine.newBuilder().setQuantity(24).setExpectedArrivalDate(date(2011, 12, 30)).setOrderId("PO-1"))
                .addOnOrder(OnOrderLine.newBuilder().setQuantity(12).setExpectedArrivalDate(date(2012, 1, 6)))
                .setObserveTime(Timestamp.newBuilder().setSeconds(1_323_000_000L))
                .build();
        var inv = stub().upsertInventoryPositions(UpsertInventoryPositionsRequest.newBuilder().addPositions(position).build());
        assertThat(inv.getSummary().getCreatedCount()).isEqualTo(1);
        var terms = SupplyTermsRecord.newBuilder().setSkuId(sku).setSupplierId("acme").setReviewPeriodDays(7)
                .addLeadTimeDistribution(LeadTimeProbability.newBuilder().setDays(5).setProbability(0.75))
                .addLeadTimeDistribution(LeadTimeProbability.newBuilder().setDays(9).setProbability(0.25))
                .setMinOrderQuantity(12).setCasePack(6).setUnitCost(1.2).setOrderCost(25).setCurrencyCode("GBP").build();
        assertThat(stub().upsertSupplyTerms(UpsertSupplyTermsRequest.newBuilder().addTerms(terms).build())
                .getSummary().getCreatedCount()).isEqualTo(1);

        awaitOutboxDrained(channel, Duration.ofSeconds(30));
        var positions = readAll(bootstrapServers, "stockwise.inventory.v1", sku);
        assertThat(positions).singleElement().satisfies(r -> {
            var e = InventoryPositionEvent.parseFrom(r.value());
            assertThat(r.key()).isEqualTo(sku + "/uk");
            assertThat(e.getOnOrder()).isEqualTo(36);
            assertThat(e.getOnOrderLinesList()).extracting(l -> l.getExpectedArrivalDate().getMonth()).containsExactly(12, 1);
            assertThat(e.getEventId()).startsWith(sku + "/uk@");
        });
        var supply = readAll(bootstrapServers, "stockwise.supply.v1", sku);
        assertThat(supply).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(sku + "/*");
            assertThat(SupplyTermsEvent.parseFrom(r.value()).getTerms().getLeadTimeDistributionCount()).isEqualTo(2);
        });
    }

    @Test
    void rejectsABadRecordWithBadRequestAndTooManyWithResourceExhausted() {
        var bad = UpsertProductsRequest.newBuilder()
                .addProducts(ProductRecord.newBuilder().setSkuId("OK1"))
                .addProducts(ProductRecord.newBuilder().setSkuId("A/B").setUnitVolumeLiters(-1)).build();
        assertThatThrownBy(() -> stub().upsertProducts(bad)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            var details = StatusProto.fromThrowable(e).getDetailsList();
            var fields = details.stream().filter(d -> d.is(BadRequest.class)).map(d -> {
                try {
                    return d.unpack(BadRequest.class);
                } catch (Exception x) {
                    throw new IllegalStateException(x);
                }
            }).flatMap(b -> b.getFieldViolationsList().stream()).map(BadRequest.FieldViolation::getField).toList();
            assertThat(fields).containsExactly("products[1].sku_id", "products[1].unit_volume_liters");
        });
        var many = UpsertProductsRequest.newBuilder();
        for (int i = 0; i < 10_001; i++) {
            many.addProducts(ProductRecord.newBuilder().setSkuId("M" + i));
        }
        assertThatThrownBy(() -> stub().upsertProducts(many.build())).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
        var tooLong = SaleRecord.newBuilder().setSourceId("x".repeat(200)).build();
        assertThatThrownBy(() -> stub().getRecordStatus(GetRecordStatusRequest.newBuilder().setSourceId(tooLong.getSourceId()).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        given().baseUri(url.toString()).get("/q/metrics").then().statusCode(200)
                .body(containsString("stockwise_ingest_upserts_requests_total"));
    }

    @Test
    void keepsAcceptingWhileKafkaIsDownAndPublishesEverythingWhenItReturns() throws Exception {
        var prefix = unique("K");
        var stream = file(prefix, 4, 500);
        var kafka = StockwiseInfra.shared().kafka();
        long accepted;
        kafka.stop();
        try {
            var response = send(channel, stream);
            accepted = response.getAcceptedCount();
            assertThat(accepted).isEqualTo(2000);
            var status = stub().getRecordStatus(GetRecordStatusRequest.newBuilder()
                    .setSourceId(idOf(prefix)).build());
            assertThat(status.getStored()).isTrue();
            assertThat(status.getPublished()).as("not published while Kafka is down").isFalse();
        } finally {
            kafka.restart();
        }
        awaitOutboxDrained(channel, Duration.ofSeconds(90));
        assertThat(storedSales(prefix)).isEqualTo(2000);
        var ids = publishedIds(prefix);
        assertThat(ids).as("0 lost, 0 duplicated by event id").hasSize(2000);
        var published = stub().getRecordStatus(GetRecordStatusRequest.newBuilder().setSourceId(idOf(prefix)).build());
        assertThat(published.getStored()).isTrue();
        assertThat(published.getPublished()).isTrue();
        assertThat(published.getSeries().getSkuId()).startsWith(prefix);
        assertThat(published.hasIngestTime()).isTrue();
        var unknown = stub().getRecordStatus(GetRecordStatusRequest.newBuilder().setSourceId("never-sent-" + prefix).build());
        assertThat(unknown.getStored()).isFalse();
        assertThat(unknown.getPublished()).isFalse();
    }

    /** The source id of one stored sale of the prefix (they are content-derived). */
    String idOf(String prefix) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT source_id FROM sale WHERE sku_id LIKE ? LIMIT 1")) {
            ps.setString(1, prefix + "%");
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void aStreamCutOffMidwayIsResentWithNothingLostOrDuplicatedAndAReimportChangesNothing() throws Exception {
        var prefix = unique("C");
        var stream = file(prefix, 5, 400);
        // The client dies after two of five messages, once the server has committed both: exactly
        // those 800 are stored, and a resend stores the other 1,200 and reports the 800 as duplicates.
        sendAndCancel(channel, stream, 2, () -> storedSales(prefix) == 800);
        assertThat(storedSales(prefix)).as("the two messages received before the cut are committed").isEqualTo(800);

        var resent = send(channel, stream);
        assertThat(resent.getAcceptedCount()).isEqualTo(1200);
        assertThat(resent.getDuplicateCount()).isEqualTo(800);
        awaitOutboxDrained(channel, Duration.ofSeconds(60));
        assertThat(storedSales(prefix)).isEqualTo(2000);
        var published = readAll(bootstrapServers, "stockwise.sales.v1", prefix);
        assertThat(published.stream().map(this::eventId).distinct()).hasSize(2000);

        var reimport = send(channel, stream);
        assertThat(reimport.getAcceptedCount()).isZero();
        assertThat(reimport.getDuplicateCount()).isEqualTo(2000);
        awaitOutboxDrained(channel, Duration.ofSeconds(30));
        assertThat(storedSales(prefix)).isEqualTo(2000);
        assertThat(readAll(bootstrapServers, "stockwise.sales.v1", prefix)).hasSameSizeAs(published);
    }

    private String eventId(ConsumerRecord<String, byte[]> r) {
        try {
            return SaleEvent.parseFrom(r.value()).getEventId();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Date date(int y, int m, int d) {
        return Date.newBuilder().setYear(y).setMonth(m).setDay(d).build();
    }
}
