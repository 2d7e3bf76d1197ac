package io.stockwise.ingestion.grpc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockwise.embedded.StockwiseInfraTestResource;
import io.stockwise.proto.v1.Date;
import io.stockwise.proto.v1.IngestSalesResponse;
import io.stockwise.proto.v1.IngestionServiceGrpc;
import io.stockwise.proto.v1.SaleEvent;
import io.stockwise.proto.v1.SaleKind;
import io.stockwise.proto.v1.SaleRecord;
import io.stockwise.proto.v1.SeriesKey;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


@QuarkusTest
@WithTestResource(StockwiseInfraTestResource.class)
class IngestionGrpcServiceTest {
    @TestHTTPResource("/")
    URL url;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    ManagedChannel channel;

    @BeforeEach
    void open() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", url.getPort()).usePlaintext().build();
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    static SaleRecord sale(String sku, int day, double qty) {
        return SaleRecord.newBuilder()
                .setSeries(SeriesKey.newBuilder().setSkuId(sku).setLocationId("uk"))
                .setBusinessDate(Date.newBuilder().setYear(2011).setMonth(3).setDay(day))
                .setQuantity(qty)
                .setUnitPrice(2.5)
                .setCurrencyCode("GBP")
                .setKind(SaleKind.SALE_KIND_SALE)
                .build();
    }

    IngestSalesResponse send(List<List<SaleRecord>> batches) throws Exception {
        return IngestTestSupport.send(channel, batches);
    }

    List<ConsumerRecord<String, byte[]>> readAll(String topic, String prefix) {
        return IngestTestSupport.readAll(bootstrapServers, topic, prefix);
    }

    void awaitOutboxDrained() throws InterruptedException {
        IngestTestSupport.awaitOutboxDrained(channel, Duration.ofSeconds(30));
    }

    @Test
    void storesGoodRecordsRejectsBadOnesAndPublishesEachOnce() throws Exception {
        var sku = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        var batch1 = List.of(sale(sku, 1, 3), sale(sku, 2, 4), sale(sku, 2, 4).toBuilder().setSourceId("explicit-" + sku).build(),
                sale(sku, 3, -1));
        var batch2 = List.of(sale(sku, 4, 5), sale("", 4, 5), sale(sku, 5, 6));

        var first = send(List.of(batch1, batch2));

        assertThat(first.getReceivedCount()).isEqualTo(7);
        assertThat(first.getAcceptedCount()).isEqualTo(5);
        assertThat(first.getDuplicateCount()).isZero();
        assertThat(first.getRejectedCount()).isEqualTo(2);
        assertThat(first.getRejectionsList()).extracting(r -> r.getPosition() + ":" + r.getField() + ":" + r.getReason())
                .containsExactly("3:quantity:OUT_OF_RANGE", "5:series.sku_id:REQUIRED");

        awaitOutboxDrained();
        var events = readAll("stockwise.sales.v1", sku + "/");
        assertThat(events).hasSize(5);
        var parsed = new ArrayList<SaleEvent>();
        for (var r : events) {
            parsed.add(SaleEvent.parseFrom(r.value()));
        }
        assertThat(parsed).extracting(SaleEvent::getEventId).doesNotHaveDuplicates().contains("explicit-" + sku);
        assertThat(parsed).extracting(SaleEvent::getQuantity).containsExactlyInAnyOrder(3.0, 4.0, 4.0, 5.0, 6.0);
        assertThat(events).extracting(ConsumerRecord::key).containsOnly(sku + "/uk");

        var deadLetters = readAll("stockwise.sales.dlq.v1", sku + "/");
        assertThat(deadLetters).singleElement().satisfies(r -> {
            assertThat(new String(r.headers().lastHeader("stockwise.field").value(), StandardCharsets.UTF_8)).isEqualTo("quantity");
            assertThat(new String(r.headers().lastHeader("stockwise.reason").value(), StandardCharsets.UTF_8)).isEqualTo("OUT_OF_RANGE");
        });

        var again = send(List.of(batch1, batch2));
        assertThat(again.getAcceptedCount()).isZero();
        assertThat(again.getDuplicateCount()).isEqualTo(5);
        assertThat(again.getRejectedCount()).isEqualTo(2);
        awaitOutboxDrained();
        assertThat(readAll("stockwise.sales.v1", sku + "/")).hasSize(5);
    }

    @Test
    void aMessageMixingStoredAndNewRecordsStoresAndPublishesOnlyTheNewOnesInOrder() throws Exception {
        var sku = "M" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        var stored = List.of(sale(sku, 1, 1), sale(sku, 2, 2), sale(sku, 3, 3));
        send(List.of(stored));
        // A new-only message first, so the next one is COPYed optimistically, meets the stored ids
        // on the primary key and is redone with ON CONFLICT DO NOTHING.
        var mixed = new ArrayList<>(stored);
        mixed.addAll(List.of(sale(sku, 5, 5), sale(sku, 6, 6)));
        var response = send(List.of(List.of(sale(sku, 4, 4)), mixed));

        assertThat(response.getAcceptedCount()).isEqualTo(3);
        assertThat(response.getDuplicateCount()).isEqualTo(3);
        awaitOutboxDrained();
        var quantities = new ArrayList<Double>();
        for (var r : readAll("stockwise.sales.v1", sku + "/")) {
            quantities.add(SaleEvent.parseFrom(r.value()).getQuantity());
        }
        assertThat(quantities).as("one series, one partition: stream order").containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
    }

    @Test
    void refusesAnOversizedMessageWithResourceExhausted() {
        var records = new ArrayList<SaleRecord>();
        for (int i = 0; i < 10_001; i++) {
            records.add(sale("BIG", 1, 1));
        }
        assertThatThrownBy(() -> send(List.of(records)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    }

    @Test
    void reportsReadyAndExportsMetrics() throws Exception {
        send(List.of(List.of(sale("METRIC", 1, 1))));
        given().baseUri(url.toString()).get("/q/health/ready").then().statusCode(200);
        given().baseUri(url.toString()).get("/q/metrics").then().statusCode(200)
                .body(containsString("stockwise_ingest_records_total"))
                .body(containsString("stockwise_outbox_backlog_records"))
                .body(containsString("stockwise_ingest_events_backlog_records"))
                .body(containsString("stockwise_ingest_events_published_records_total"));
    }
}
