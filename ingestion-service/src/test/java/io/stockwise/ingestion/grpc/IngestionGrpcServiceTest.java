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
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
class IngestionGrpcServiceTest {
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
    void aHugeOrNulBearingRecordIsRejectedAndEverythingBehindItFlows() throws Exception {
        var sku = "H" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        var huge = sale(sku + "X".repeat(1_000_000), 2, 1);
        var nul = sale(sku, 3, 1).toBuilder().setCustomerId("17\u000050").build();
        var response = send(List.of(List.of(sale(sku, 1, 1), huge, nul, sale(sku, 4, 1)), List.of(sale(sku, 5, 1))));

        assertThat(response.getAcceptedCount()).isEqualTo(3);
        assertThat(response.getRejectionsList()).extracting(r -> r.getPosition() + ":" + r.getField() + ":" + r.getReason())
                .containsExactly("1:series.sku_id:TOO_LONG", "2:customer_id:INVALID_CHARACTERS");
        // The relay is not stalled: everything, dead letters included, is published.
        awaitOutboxDrained();
        assertThat(readAll("stockwise.sales.v1", sku + "/")).hasSize(3);
        var deadLetters = readAll("stockwise.sales.dlq.v1", sku);
        assertThat(deadLetters).hasSize(2);
        var excerpt = deadLetters.stream().filter(r -> r.key().length() > 100).findFirst().orElseThrow();
        assertThat(excerpt.key()).hasSize(256).endsWith("…");
        assertThat(excerpt.value().length).isLessThan(IngestionGrpcService.MAX_DEAD_LETTER_BYTES);
        assertThat(SaleRecord.parseFrom(excerpt.value()).getSeries().getSkuId())
                .hasSize(IngestionGrpcService.EXCERPT_CHARS).startsWith(sku + "XXX");
        var withNul = deadLetters.stream().filter(r -> r != excerpt).findFirst().orElseThrow();
        assertThat(SaleRecord.parseFrom(withNul.value()).getCustomerId()).isEqualTo("17\u000050");
    }

    /**
     * Random Unicode (letters, 'ß', supplementary characters, control characters, unpaired
     * surrogates, '/', blanks) in every string of 600 sales through the real path: the stream
     * completes, and each record is either stored exactly in its normalized form or rejected with
     * its field and reason.
     */
    @Test
    void everyRecordOfRandomTextIsStoredExactlyOrRejectedWithAReason() throws Exception {
        var random = new Random(20261208);
        var prefix = "R" + UUID.randomUUID().toString().substring(0, 8);
        var sent = new ArrayList<SaleRecord>();
        var batches = new ArrayList<List<SaleRecord>>();
        for (int b = 0; b < 3; b++) {
            var batch = new ArrayList<SaleRecord>();
            for (int i = 0; i < 200; i++) {
                var r = sale(randomText(random, 70), 1 + i % 28, 1).toBuilder()
                        .setSourceId(prefix + "-" + sent.size())
                        .setSeries(SeriesKey.newBuilder().setSkuId(randomText(random, 70)).setLocationId(randomText(random, 70)))
                        .setOrderId(randomText(random, 70)).setCustomerId(randomText(random, 70)).build();
                batch.add(r);
                // As the server sees it: protobuf's encoder sends an unpaired surrogate as '?'.
                sent.add(SaleRecord.parseFrom(r.toByteArray()));
            }
            batches.add(batch);
        }
        var response = send(batches);
        assertThat(response.getReceivedCount()).isEqualTo(600);
        assertThat(response.getAcceptedCount() + response.getRejectedCount()).isEqualTo(600);
        assertThat(response.getAcceptedCount()).as("the generator makes valid records too").isPositive();
        assertThat(response.getRejectedCount()).as("and invalid ones").isPositive();
        var rejected = new java.util.HashSet<Long>();
        for (var r : response.getRejectionsList()) {
            assertThat(r.getField()).isNotEmpty();
            assertThat(r.getReason()).isIn("REQUIRED", "TOO_LONG", "INVALID_FORMAT", "INVALID_CHARACTERS");
            rejected.add(r.getPosition());
        }
        assertThat(rejected).hasSize((int) response.getRejectedCount());
        var stored = new java.util.HashMap<String, List<String>>();
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "SELECT source_id, sku_id, location_id, order_id, customer_id FROM sale WHERE source_id LIKE ?")) {
            ps.setString(1, prefix + "-%");
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), List.of(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        assertThat(stored).hasSize((int) response.getAcceptedCount());
        for (int i = 0; i < sent.size(); i++) {
            var r = sent.get(i);
            if (rejected.contains((long) i)) {
                assertThat(stored).doesNotContainKey(r.getSourceId());
            } else {
                assertThat(stored.get(r.getSourceId())).as("record %d", i).containsExactly(
                        r.getSeries().getSkuId().trim().toUpperCase(java.util.Locale.ROOT), r.getSeries().getLocationId().trim(),
                        r.getOrderId(), r.getCustomerId());
            }
        }
    }

    private static String randomText(Random random, int maxLength) {
        int n = random.nextInt(maxLength + 1);
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(40)) {
                case 0 -> sb.append((char) random.nextInt(0x20));
                case 1 -> sb.append((char) (0x7F + random.nextInt(0x21)));
                case 2 -> sb.append((char) (0xD800 + random.nextInt(0x800)));
                case 3 -> sb.appendCodePoint(0x1F600 + random.nextInt(0x50));
                case 4 -> sb.append('ß');
                case 5 -> sb.append('/');
                case 6 -> sb.append(' ');
                case 7 -> sb.append((char) (0x4E00 + random.nextInt(0x5000)));
                default -> sb.append((char) ('a' + random.nextInt(26)));
            }
        }
        return sb.toString();
    }

    @Test
    void refusesAMessageWithoutRecordsNamingTheField() {
        assertThatThrownBy(() -> send(List.of(List.of(sale("EMPTY", 1, 1)), List.of())))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    var details = io.grpc.protobuf.StatusProto.fromThrowable(e).getDetailsList();
                    assertThat(details.stream().filter(any -> any.is(com.google.rpc.BadRequest.class)).toList())
                            .singleElement().satisfies(any -> assertThat(any.unpack(com.google.rpc.BadRequest.class)
                                    .getFieldViolations(0).getField()).isEqualTo("records"));
                });
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
                // Latency as a histogram (commons LatencyHistograms), so p99 per rpc can be alerted on.
                .body(containsString("grpc_server_processing_duration_seconds_bucket{"))
                .body(containsString("stockwise_outbox_parked_records 0.0"))
                .body(containsString("stockwise_outbox_backlog_records"))
                .body(containsString("stockwise_ingest_events_backlog_records"))
                .body(containsString("stockwise_ingest_events_published_records_total"));
    }
}
