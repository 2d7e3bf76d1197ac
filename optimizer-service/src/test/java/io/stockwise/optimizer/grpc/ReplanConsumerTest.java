package io.stockwise.optimizer.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockwise.commons.kafka.KafkaSettings;
import io.stockwise.embedded.StockwiseInfraTestResource;
import io.stockwise.proto.v1.ForecastDay;
import io.stockwise.proto.v1.ForecastPublishedEvent;
import io.stockwise.proto.v1.InventoryPositionEvent;
import io.stockwise.proto.v1.PlanPublishedEvent;
import io.stockwise.proto.v1.SeriesForecast;
import io.stockwise.proto.v1.SeriesKey;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Positions from the inventory topic, re-plans when forecasts arrive, once per forecast, on the real broker. */
@QuarkusTest
@WithTestResource(StockwiseInfraTestResource.class)
@WithTestResource(ForecastPortResource.class)
class ReplanConsumerTest {
    @Inject
    DataSource dataSource;

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
        try (var producer = new KafkaProducer<String, byte[]>(KafkaSettings.producer(bootstrap, "replan-test", Duration.ofSeconds(10)))) {
            producer.send(new ProducerRecord<>("stockwise.inventory.v1", key(known), position.toByteArray())).get();
            // The forecast twice (a redelivery), and one for a series with no position.
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>("stockwise.forecasts.v1", key(known), event.toByteArray())).get();
            }
            producer.send(new ProducerRecord<>("stockwise.forecasts.v1", key(unknown), orphan.toByteArray())).get();
        }

        var lines = new ArrayList<PlanPublishedEvent>();
        try (var consumer = new KafkaConsumer<String, byte[]>(
                KafkaSettings.consumer(bootstrap, "replan-test-" + run, "replan-test", Map.of()))) {
            consumer.subscribe(List.of("stockwise.plans.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (lines.isEmpty() && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(key(known))) {
                        lines.add(PlanPublishedEvent.parseFrom(record.value()));
                    }
                }
            }
            // A little longer, to see a second plan if the redelivery made one.
            for (int i = 0; i < 6; i++) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(key(known)) || record.key().equals(key(unknown))) {
                        lines.add(PlanPublishedEvent.parseFrom(record.value()));
                    }
                }
            }
        }
        // Default terms: L = 7, R = 7, so S = 14 x 5 = 70; the position is 30 + 10.
        assertThat(lines).singleElement().satisfies(e -> {
            assertThat(e.getLine().getSeries()).isEqualTo(known);
            assertThat(e.getLine().getOrderUpToLevel()).isEqualTo(70.0);
            assertThat(e.getLine().getInventoryPosition()).isEqualTo(40.0);
            assertThat(e.getLine().getOrderQuantity()).isEqualTo(30.0);
        });
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT count(*) FROM forecast_replan WHERE sku_id = ?")) {
            ps.setString(1, known.getSkuId());
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
        io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("stockwise_replan_forecasts_total{outcome=\"planned\"}"))
                .body(org.hamcrest.Matchers.containsString("stockwise_replan_forecasts_total{outcome=\"no_position\"}"));
    }

    private static String key(SeriesKey s) {
        return s.getSkuId() + "/" + s.getLocationId();
    }
}
