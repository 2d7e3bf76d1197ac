package io.stockwise.forecast.grpc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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
import io.stockwise.embedded.StockwiseInfraTestResource;
import io.stockwise.proto.v1.ForecastPublishedEvent;
import io.stockwise.proto.v1.ForecastRequest;
import io.stockwise.proto.v1.ForecastServiceGrpc;
import io.stockwise.proto.v1.SeriesForecast;
import io.stockwise.proto.v1.SeriesKey;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StockwiseInfraTestResource.class)
@WithTestResource(FeatureServicePortResource.class)
class ForecastGrpcServiceTest {
    private static final LocalDate MONDAY = LocalDate.of(2011, 1, 3);
    private static final double[] WEEK = {3, 0, 5, 1, 8, 2, 0};
    private static final List<Double> LEVELS = List.of(0.005, 0.025, 0.165, 0.25, 0.5, 0.75, 0.835, 0.975, 0.995);

    @TestHTTPResource("/")
    URL url;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.grpc.clients.feature.port")
    int featurePort;

    private static FakeFeatureService features;
    private ManagedChannel channel;
    private ForecastServiceGrpc.ForecastServiceBlockingStub forecasts;

    @BeforeEach
    void connect() {
        if (features == null) {
            features = FakeFeatureService.start(featurePort);
        }
        channel = NettyChannelBuilder.forAddress("127.0.0.1", url.getPort()).usePlaintext().build();
        forecasts = ForecastServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopFeatureService() throws InterruptedException {
        if (features != null) {
            features.close();
            features = null;
        }
    }

    @Test
    void forecastsKnownHistoriesThenStoresAndPublishesThem() throws Exception {
        var weekly = unique("WEEKLY");
        var ramp = unique("RAMP");
        // Four identical weeks (28 days from a Monday) and one more day that the as-of day must cut off.
        var weeklyDays = new double[29];
        for (int i = 0; i < weeklyDays.length; i++) {
            weeklyDays[i] = i < 28 ? WEEK[i % 7] : 100;
        }
        features.put(weekly, "default", MONDAY, weeklyDays);
        // Residuals y[t] - y[t-7] are 0..6: the residual quantile at level p is 6p, the mean residual 3.
        features.put(ramp, "default", MONDAY, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7);
        var asOf = MONDAY.plusDays(27);

        var response = forecasts.forecast(ForecastRequest.newBuilder()
                .addSeries(key(weekly)).addSeries(key(ramp))
                .setHorizonDays(8)
                // Named: a champion trained by another test class of this JVM would serve an empty model.
                .setModel("seasonal_naive")
                .setAsOfDate(ProtoDates.toProto(asOf))
                .build());

        assertThat(features.requestsFor(weekly)).singleElement()
                .satisfies(r -> assertThat(r.getEndDate()).isEqualTo(ProtoDates.toProto(asOf)));
        assertThat(response.getForecastsList()).hasSize(2);
        var w = response.getForecasts(0);
        assertThat(w.getSeries()).isEqualTo(key(weekly));
        assertThat(w.getModel()).isEqualTo("seasonal_naive");
        assertThat(w.getModelVersion()).isEqualTo("seasonal_naive-1");
        assertThat(w.getAsOfDate()).isEqualTo(ProtoDates.toProto(asOf));
        assertThat(w.getQuantileLevelsList()).isEqualTo(LEVELS);
        assertThat(w.getCreateTime().getSeconds()).isPositive();
        assertThat(w.getDaysList()).hasSize(8);
        for (int h = 1; h <= 8; h++) {
            var day = w.getDays(h - 1);
            double expected = WEEK[(h - 1) % 7];
            assertThat(day.getDate()).isEqualTo(ProtoDates.toProto(asOf.plusDays(h)));
            assertThat(day.getMean()).isEqualTo(expected);
            assertThat(day.getQuantilesList()).hasSize(9).containsOnly(expected);
        }

        // The ramp's history ends on day 13; days 14..27 up to the as-of day count as zero demand.
        // Residuals over days 7..27 are 0..6, -1..-7 and seven zeros; the last week is all zero.
        var r = response.getForecasts(1);
        assertThat(r.getAsOfDate()).isEqualTo(ProtoDates.toProto(asOf));
        assertThat(r.getDays(0).getQuantiles(4)).isZero();
        assertThat(r.getDays(0).getQuantiles(8)).isCloseTo(5.9, within(1e-9));
        assertThat(r.getDays(0).getMean()).isCloseTo(1, within(1e-9));

        var stored = storedForecasts(weekly);
        assertThat(stored).containsExactly(w);
        var published = consume(ProtoDates.seriesKey(key(weekly)));
        assertThat(published.getForecast()).isEqualTo(w);
    }

    @Test
    void addsEmpiricalResidualQuantilesWhenTheAsOfDayIsUnset() {
        var ramp = unique("RAMP");
        features.put(ramp, "default", MONDAY, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7);

        var f = forecasts.forecast(ForecastRequest.newBuilder().addSeries(key(ramp)).build()).getForecasts(0);

        assertThat(features.requestsFor(ramp)).singleElement()
                .satisfies(req -> assertThat(req.hasEndDate()).isFalse());
        assertThat(f.getAsOfDate()).isEqualTo(ProtoDates.toProto(MONDAY.plusDays(13)));
        assertThat(f.getDaysList()).hasSize(28);
        // h = 1 (k = 1): point 1, q(p) = 1 + 6p, mean = 1 + 3.
        var day1 = f.getDays(0);
        for (int j = 0; j < LEVELS.size(); j++) {
            assertThat(day1.getQuantiles(j)).isCloseTo(1 + 6 * LEVELS.get(j), within(1e-9));
        }
        assertThat(day1.getMean()).isCloseTo(4, within(1e-9));
        // h = 14 (k = 2): point 7 (the last Sunday), q(p) = 7 + sqrt(2) 6p.
        var day14 = f.getDays(13);
        assertThat(day14.getQuantiles(4)).isCloseTo(7 + Math.sqrt(2) * 3, within(1e-9));
    }

    @Test
    void answersNotFoundNamingTheSeriesWithoutHistory() {
        var known = unique("KNOWN");
        features.put(known, "default", MONDAY, 1, 2, 3);
        var missing = unique("MISSING");

        assertThatThrownBy(() -> forecasts.forecast(ForecastRequest.newBuilder()
                .addSeries(key(known)).addSeries(key(missing)).setHorizonDays(7).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).contains(missing + "/default");
                    var info = detail(e, ErrorInfo.class);
                    assertThat(info.getReason()).isEqualTo("SERIES_NOT_FOUND");
                    assertThat(info.getDomain()).isEqualTo("forecast.stockwise");
                });
        assertThat(storedForecasts(known)).isEmpty();
    }

    @Test
    void rejectsAHorizonAboveAYearNamingTheField() {
        assertThatThrownBy(() -> forecasts.forecast(ForecastRequest.newBuilder()
                .addSeries(key("ANY")).setHorizonDays(400).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(detail(e, ErrorInfo.class).getReason()).isEqualTo("INVALID_ARGUMENT");
                    assertThat(detail(e, BadRequest.class).getFieldViolationsList())
                            .singleElement().satisfies(v -> {
                                assertThat(v.getField()).isEqualTo("horizon_days");
                                assertThat(v.getReason()).isEqualTo("OUT_OF_RANGE");
                            });
                });
    }

    @Test
    void rejectsBadSeriesAndUnknownModelsNamingEachField() {
        assertThatThrownBy(() -> forecasts.forecast(ForecastRequest.newBuilder()
                .addSeries(key("A")).addSeries(key("B")).addSeries(SeriesKey.newBuilder().setLocationId("default"))
                .setModel("prophet").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(detail(e, BadRequest.class).getFieldViolationsList())
                            .extracting(BadRequest.FieldViolation::getField)
                            .containsExactly("series[2].sku_id", "model");
                });
    }

    @Test
    void forecastsIsoWeeksAtRequestedLevelsWithoutStoringThem() {
        var sku = unique("WEEKS");
        // Three complete ISO weeks from Monday 2011-01-03 (2011-W01), then two days of 2011-W04.
        var days = new double[23];
        java.util.Arrays.fill(days, 2);
        features.put(sku, "default", MONDAY, days);

        var f = forecasts.forecast(ForecastRequest.newBuilder().addSeries(key(sku))
                .setBucket(io.stockwise.proto.v1.ForecastBucket.FORECAST_BUCKET_WEEK).setHorizonBuckets(2)
                .addQuantileLevels(0.9).addQuantileLevels(0.5).setModel("seasonal_naive").build()).getForecasts(0);

        assertThat(f.getBucket()).isEqualTo(io.stockwise.proto.v1.ForecastBucket.FORECAST_BUCKET_WEEK);
        assertThat(f.getAsOfDate()).isEqualTo(ProtoDates.toProto(LocalDate.of(2011, 1, 23)));
        assertThat(f.getQuantileLevelsList()).containsExactly(0.5, 0.9);
        assertThat(f.getDaysList()).extracting(d -> d.getPeriod()).containsExactly("2011-W04", "2011-W05");
        assertThat(f.getDays(0).getDate()).isEqualTo(ProtoDates.toProto(LocalDate.of(2011, 1, 24)));
        assertThat(f.getDays(0).getMean()).isCloseTo(14, within(1e-9));
        assertThat(storedForecasts(sku)).isEmpty();
    }

    @Test
    void rejectsBadQuantileLevelsNamingEachEntry() {
        assertThatThrownBy(() -> forecasts.forecast(ForecastRequest.newBuilder().addSeries(key("ANY"))
                .addQuantileLevels(0.5).addQuantileLevels(1.0).addQuantileLevels(0.5).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(detail(e, BadRequest.class).getFieldViolationsList())
                            .extracting(BadRequest.FieldViolation::getField)
                            .containsExactly("quantile_levels[1]", "quantile_levels[2]");
                });
        assertThatThrownBy(() -> forecasts.forecast(ForecastRequest.newBuilder().addSeries(key("ANY"))
                .setBucketValue(9).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(detail(e, BadRequest.class).getFieldViolationsList())
                            .extracting(BadRequest.FieldViolation::getField).containsExactly("bucket");
                });
    }

    @Test
    void answersUnavailableWhenFeatureServiceIs() {
        assertThatThrownBy(() -> forecasts.forecast(ForecastRequest.newBuilder()
                .addSeries(SeriesKey.newBuilder().setSkuId(unique("ANY")).setLocationId(FakeFeatureService.DOWN_LOCATION))
                .build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(detail(e, ErrorInfo.class).getReason()).isEqualTo("FEATURE_SERVICE_UNAVAILABLE");
                });
    }

    @Test
    void reportsReadyAndExportsForecastMetrics() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("stockwise_forecast_inference_duration_seconds"))
                .body(containsString("stockwise_forecast_series_forecast_total"));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static SeriesKey key(String skuId) {
        return SeriesKey.newBuilder().setSkuId(skuId).setLocationId("default").build();
    }

    private static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException e, Class<T> type) {
        var status = StatusProto.fromThrowable(e);
        assertThat(status).isNotNull();
        return status.getDetailsList().stream().filter(a -> a.is(type)).findFirst().map(a -> {
            try {
                return a.unpack(type);
            } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                throw new AssertionError(x);
            }
        }).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + status));
    }

    private List<SeriesForecast> storedForecasts(String skuId) {
        var out = new ArrayList<SeriesForecast>();
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT f.payload, r.series_count FROM forecast f"
                        + " JOIN forecast_run r ON r.id = f.run_id WHERE f.sku_id = ? ORDER BY f.id")) {
            ps.setString(1, skuId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(SeriesForecast.parseFrom(rs.getBytes(1)));
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private ForecastPublishedEvent consume(String recordKey) throws Exception {
        var props = KafkaSettings.consumer(bootstrapServers, "forecast-test-" + UUID.randomUUID(), "forecast-test", Map.of());
        try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
            consumer.subscribe(List.of("stockwise.forecasts.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(recordKey)) {
                        return ForecastPublishedEvent.parseFrom(record.value());
                    }
                }
            }
        }
        throw new AssertionError("no stockwise.forecasts.v1 record with key " + recordKey + " within 30 s");
    }
}
