package io.stockwise.optimizer.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockwise.commons.kafka.KafkaSettings;
import io.stockwise.embedded.StockwiseInfraTestResource;
import io.stockwise.proto.v1.ForecastDay;
import io.stockwise.proto.v1.ForecastPublishedEvent;
import io.stockwise.proto.v1.InventoryPositionEvent;
import io.stockwise.proto.v1.PlanPublishedEvent;
import io.stockwise.proto.v1.SeriesForecast;
import io.stockwise.proto.v1.PlanConstraintGroup;
import io.stockwise.proto.v1.PlanItem;
import io.stockwise.proto.v1.PlanReplenishmentRequest;
import io.stockwise.proto.v1.ReplenishmentServiceGrpc;
import io.stockwise.proto.v1.SeriesKey;
import io.stockwise.proto.v1.SupplyTermsEvent;
import io.stockwise.proto.v1.SupplyTermsRecord;
import io.stockwise.proto.v1.SupplyTermsUse;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Positions from the inventory topic and supply terms from the supply topic; re-plans when forecasts
 * arrive, once per forecast, on the real broker; stored terms in PlanReplenishment.
 */
@QuarkusTest
@WithTestResource(StockwiseInfraTestResource.class)
@WithTestResource(ForecastPortResource.class)
class ReplanConsumerTest {
    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL url;

    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @Test
    void replansOnceWhenAForecastArrivesForASeriesWithAPosition() throws Exception {
        var known = SeriesKey.newBuilder().setSkuId("KNOWN-" + run).setLocationId("dc").build();
        var unknown = SeriesKey.newBuilder().setSkuId("NOPOS-" + run).setLocationId("dc").build();
        var bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        var position = InventoryPositionEvent.newBuilder().setSeries(known).setOnHand(30).setOnOrder(10)
                .setObserveTime(Timestamp.newBuilder().setSeconds(1_700_000_000)).setEventId("pos-" + run).build();
        var forecast = SeriesForecast.newBuilder().setSeries(known).setModel("m").addQuantileLevels(0.5)
                .setCreateTime(Timestamp.newBuilder().setSeconds(1_700_000_100));
        for (int d = 0; d < 20; d++) {
            forecast.addDays(ForecastDay.newBuilder().setMean(5).addQuantiles(5));
        }
        var event = ForecastPublishedEvent.newBuilder().setForecast(forecast).build();
        var orphan = ForecastPublishedEvent.newBuilder().setForecast(forecast.clone().setSeries(unknown)).build();
        // A later forecast of the same series (same key, so the same partition, behind the redelivery):
        // its plan proves the consumer has handled everything before it.
        var marker = forecast.clone().setCreateTime(Timestamp.newBuilder().setSeconds(1_700_000_200));
        marker.getDaysBuilderList().forEach(d -> d.setMean(6).setQuantiles(0, 6));
        double noPositionBefore = metric("stockwise_replan_forecasts_total{outcome=\"no_position\"}");
        try (var producer = new KafkaProducer<String, byte[]>(KafkaSettings.producer(bootstrap, "replan-test", Duration.ofSeconds(10)))) {
            producer.send(new ProducerRecord<>("stockwise.inventory.v1", key(known), position.toByteArray())).get();
            // The forecast twice (a redelivery), and one for a series with no position.
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>("stockwise.forecasts.v1", key(known), event.toByteArray())).get();
            }
            producer.send(new ProducerRecord<>("stockwise.forecasts.v1", key(unknown), orphan.toByteArray())).get();
            producer.send(new ProducerRecord<>("stockwise.forecasts.v1", key(known),
                    ForecastPublishedEvent.newBuilder().setForecast(marker).build().toByteArray())).get();
        }

        var lines = new ArrayList<PlanPublishedEvent>();
        try (var consumer = new KafkaConsumer<String, byte[]>(
                KafkaSettings.consumer(bootstrap, "replan-test-" + run, "replan-test", Map.of()))) {
            consumer.subscribe(List.of("stockwise.plans.v1"));
            await("the marker forecast's plan").atMost(Duration.ofSeconds(60)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(key(known)) || record.key().equals(key(unknown))) {
                        lines.add(PlanPublishedEvent.parseFrom(record.value()));
                    }
                }
                return lines.stream().anyMatch(e -> e.getLine().getOrderUpToLevel() == 84.0);
            });
        }
        // The orphan was handled too (counted, not planned).
        await("the orphan forecast counted").atMost(Duration.ofSeconds(60))
                .until(() -> metric("stockwise_replan_forecasts_total{outcome=\"no_position\"}") >= noPositionBefore + 1);
        // Default terms: L = 7, R = 7, so S = 14 x 5 = 70 (then 14 x 6 = 84 for the marker); the
        // position is 30 + 10. The redelivery made no second plan, the orphan none at all.
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).satisfies(e -> {
            assertThat(e.getLine().getSeries()).isEqualTo(known);
            assertThat(e.getLine().getOrderUpToLevel()).isEqualTo(70.0);
            assertThat(e.getLine().getInventoryPosition()).isEqualTo(40.0);
            assertThat(e.getLine().getOrderQuantity()).isEqualTo(30.0);
        });
        assertThat(lines.get(1).getLine().getSeries()).isEqualTo(known);
        assertThat(lines.get(1).getLine().getOrderQuantity()).isEqualTo(44.0);
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT count(*) FROM forecast_replan WHERE sku_id = ?")) {
            ps.setString(1, known.getSkuId());
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("one replan per distinct forecast").isEqualTo(2);
            }
        }
        io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("stockwise_replan_forecasts_total{outcome=\"planned\"}"))
                .body(org.hamcrest.Matchers.containsString("stockwise_replan_forecasts_total{outcome=\"no_position\"}"));
    }

    @Test
    void deadLettersAnUnreadableForecastAndPlansTheNextOne() throws Exception {
        io.stockwise.embedded.StockwiseInfra.shared().kafka().createTopics(Map.of("stockwise.forecasts.dlq.v1", 1));
        var series = SeriesKey.newBuilder().setSkuId("POISON-" + run).setLocationId("dc").build();
        var bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        var position = InventoryPositionEvent.newBuilder().setSeries(series).setOnHand(0)
                .setObserveTime(Timestamp.newBuilder().setSeconds(1_700_000_000)).setEventId("pos-p-" + run).build();
        var forecast = SeriesForecast.newBuilder().setSeries(series).setModel("m").addQuantileLevels(0.5)
                .setCreateTime(Timestamp.newBuilder().setSeconds(1_700_000_100));
        for (int d = 0; d < 20; d++) {
            forecast.addDays(ForecastDay.newBuilder().setMean(1).addQuantiles(1));
        }
        try (var producer = new KafkaProducer<String, byte[]>(KafkaSettings.producer(bootstrap, "replan-test", Duration.ofSeconds(10)))) {
            producer.send(new ProducerRecord<>("stockwise.inventory.v1", key(series), position.toByteArray())).get();
            await("the position is stored").atMost(Duration.ofSeconds(60)).until(() -> count("inventory_position", series.getSkuId()) == 1);
            // Not a protobuf message, then a good forecast behind it on the same partition.
            producer.send(new ProducerRecord<>("stockwise.forecasts.v1", key(series), new byte[] {(byte) 0xFF, 0x01, 0x02})).get();
            producer.send(new ProducerRecord<>("stockwise.forecasts.v1", key(series),
                    ForecastPublishedEvent.newBuilder().setForecast(forecast).build().toByteArray())).get();
        }
        try (var consumer = new KafkaConsumer<String, byte[]>(
                KafkaSettings.consumer(bootstrap, "replan-dlq-" + run, "replan-test", Map.of()))) {
            consumer.subscribe(List.of("stockwise.forecasts.dlq.v1", "stockwise.plans.v1"));
            var dead = new ArrayList<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>>();
            var planned = new ArrayList<PlanPublishedEvent>();
            await("the dead letter and the plan behind it").atMost(Duration.ofSeconds(60)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (!key(series).equals(record.key())) {
                        continue;
                    }
                    if (record.topic().equals("stockwise.plans.v1")) {
                        planned.add(PlanPublishedEvent.parseFrom(record.value()));
                    } else {
                        dead.add(record);
                    }
                }
                return !dead.isEmpty() && !planned.isEmpty();
            });
            assertThat(dead).singleElement().satisfies(r -> {
                assertThat(r.value()).containsExactly((byte) 0xFF, 0x01, 0x02);
                assertThat(new String(r.headers().lastHeader("stockwise.reason").value(), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo("UNREADABLE");
                assertThat(new String(r.headers().lastHeader("stockwise.consumer").value(), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo("optimizer-replan");
            });
            assertThat(planned).singleElement().satisfies(e -> assertThat(e.getLine().getOrderUpToLevel()).isEqualTo(14.0));
        }
        assertThat(metric("stockwise_consumer_dead_letters_total{consumer=\"optimizer-replan\",reason=\"UNREADABLE\"}"))
                .isGreaterThanOrEqualTo(1);
        // Counters start at 0 for the reasons every consumer can meet, so alerts see the first increase.
        assertThat(io.restassured.RestAssured.given().when().get("/q/metrics").then().extract().asString())
                .contains("stockwise_consumer_dead_letters_total{consumer=\"optimizer-replan\",reason=\"DATA_EXCEPTION\"} 0.0");
    }

    @Test
    void plansWithTheSupplyTermsPublishedOnTheSupplyTopic() throws Exception {
        var series = SeriesKey.newBuilder().setSkuId("TERMS-" + run).setLocationId("dc").build();
        var supplier = "SUP-" + run;
        var bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        // Terms for every location ('*'): L = 3 days, R = 2 days, packs of 12, MOQ 24, 2.50 a unit.
        var terms = SupplyTermsEvent.newBuilder().setTerms(SupplyTermsRecord.newBuilder().setSkuId(series.getSkuId())
                .setSupplierId(supplier).setLeadTimeMeanDays(3).setReviewPeriodDays(2).setCasePack(12)
                .setMinOrderQuantity(24).setUnitCost(2.5).setOrderCost(40).setCurrencyCode("EUR"))
                .setIngestTime(Timestamp.newBuilder().setSeconds(1_700_000_000)).build();
        var position = InventoryPositionEvent.newBuilder().setSeries(series).setOnHand(10)
                .setObserveTime(Timestamp.newBuilder().setSeconds(1_700_000_000)).setEventId("pos-t-" + run).build();
        var forecast = SeriesForecast.newBuilder().setSeries(series).setModel("m").addQuantileLevels(0.5)
                .setCreateTime(Timestamp.newBuilder().setSeconds(1_700_000_100));
        for (int d = 0; d < 20; d++) {
            forecast.addDays(ForecastDay.newBuilder().setMean(5).addQuantiles(5));
        }
        try (var producer = new KafkaProducer<String, byte[]>(KafkaSettings.producer(bootstrap, "replan-test", Duration.ofSeconds(10)))) {
            producer.send(new ProducerRecord<>("stockwise.supply.v1", series.getSkuId() + "/*", terms.toByteArray())).get();
            producer.send(new ProducerRecord<>("stockwise.inventory.v1", key(series), position.toByteArray())).get();
            // the topics are read independently: send the forecast once the terms and the position are kept
            await("the terms and the position are stored").atMost(Duration.ofSeconds(60)).until(() ->
                    count("supply_terms", series.getSkuId()) == 1 && count("inventory_position", series.getSkuId()) == 1);
            producer.send(new ProducerRecord<>("stockwise.forecasts.v1", key(series),
                    ForecastPublishedEvent.newBuilder().setForecast(forecast).build().toByteArray())).get();
        }
        PlanPublishedEvent line = null;
        try (var consumer = new KafkaConsumer<String, byte[]>(
                KafkaSettings.consumer(bootstrap, "replan-terms-" + run, "replan-test", Map.of()))) {
            consumer.subscribe(List.of("stockwise.plans.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (line == null && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(key(series))) {
                        line = PlanPublishedEvent.parseFrom(record.value());
                    }
                }
            }
        }
        // Stored terms, not the defaults (L = R = 7): S = (3 + 2) x 5 = 25, position 10, 15 rounded up
        // to packs of 12 = 24 (also the MOQ), worth 60.
        assertThat(line).isNotNull();
        assertThat(line.getLine().getProtectionIntervalDays()).isEqualTo(5);
        assertThat(line.getLine().getOrderUpToLevel()).isEqualTo(25.0);
        assertThat(line.getLine().getOrderQuantity()).isEqualTo(24.0);
        assertThat(line.getLine().getOrderValue()).isEqualTo(60.0);

        // PlanReplenishment: an item with no terms takes the stored ones; '*' terms hold at another
        // location too, and the supplier is the item's constraint group when the request defines it.
        var channel = NettyChannelBuilder.forAddress("127.0.0.1", url.getPort()).usePlaintext().build();
        try {
            var stub = ReplenishmentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
            var other = series.toBuilder().setLocationId("store-9").build();
            var plan = stub.planReplenishment(PlanReplenishmentRequest.newBuilder()
                    .addItems(PlanItem.newBuilder().setSeries(series).setOnHand(10).setForecast(forecast))
                    .addItems(PlanItem.newBuilder().setSeries(other).setOnHand(10).setForecast(forecast.clone().setSeries(other)))
                    .addConstraintGroups(PlanConstraintGroup.newBuilder().setId(supplier).setBudget(70))
                    .build());
            assertThat(plan.getLinesList()).extracting(l -> l.getProtectionIntervalDays()).containsExactly(5, 5);
            // both want 24 (60 each); the supplier's budget of 70 keeps one
            assertThat(plan.getLinesList()).extracting(l -> l.getOrderQuantity()).containsExactlyInAnyOrder(24.0, 0.0);
            assertThat(plan.getLinesList()).anySatisfy(l -> assertThat(l.getBindingConstraintGroupId()).isEqualTo(supplier));
            var own = stub.planReplenishment(PlanReplenishmentRequest.newBuilder()
                    .addItems(PlanItem.newBuilder().setSeries(series).setOnHand(10).setForecast(forecast)
                            .setSupplyTermsUse(SupplyTermsUse.SUPPLY_TERMS_USE_REQUEST))
                    .build());
            assertThat(own.getLines(0).getProtectionIntervalDays()).isEqualTo(1); // L = 0, R = 1 by default
            var missing = SeriesKey.newBuilder().setSkuId("NOTERMS-" + run).setLocationId("dc").build();
            var e = org.assertj.core.api.Assertions.catchThrowableOfType(StatusRuntimeException.class,
                    () -> stub.planReplenishment(PlanReplenishmentRequest.newBuilder()
                            .addItems(PlanItem.newBuilder().setSeries(missing).setOnHand(10)
                                    .setForecast(forecast.clone().setSeries(missing))
                                    .setSupplyTermsUse(SupplyTermsUse.SUPPLY_TERMS_USE_STORED))
                            .build()));
            assertThat(e).isNotNull();
            assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION);
            assertThat(StatusProto.fromThrowable(e).getDetailsList()).anySatisfy(any ->
                    assertThat(any.unpack(ErrorInfo.class).getReason()).isEqualTo("SUPPLY_TERMS_NOT_FOUND"));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("stockwise_replan_supply_terms_total"));
    }

    /** The value of one Prometheus sample of /q/metrics (0 when absent). */
    private static double metric(String sample) {
        var text = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(l -> l.startsWith(sample + " ")).mapToDouble(l -> Double.parseDouble(l.substring(sample.length() + 1)))
                .findFirst().orElse(0);
    }

    private long count(String table, String sku) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE sku_id = ?")) {
            ps.setString(1, sku);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String key(SeriesKey s) {
        return s.getSkuId() + "/" + s.getLocationId();
    }
}
