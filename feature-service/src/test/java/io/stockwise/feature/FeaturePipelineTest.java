package io.stockwise.feature;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import io.stockwise.feature.messaging.SalesConsumer;
import io.stockwise.feature.messaging.SalesLoop;
import io.stockwise.proto.v1.CalendarEventEvent;
import io.stockwise.proto.v1.CalendarEventKind;
import io.stockwise.proto.v1.CalendarEventRecord;
import io.stockwise.proto.v1.FeatureDefinition;
import io.stockwise.proto.v1.FeatureRow;
import io.stockwise.proto.v1.FeatureServiceGrpc;
import io.stockwise.proto.v1.FeatureValue;
import io.stockwise.proto.v1.GetDemandHistoryRequest;
import io.stockwise.proto.v1.GetFeaturesRequest;
import io.stockwise.proto.v1.GetFeaturesResponse;
import io.stockwise.proto.v1.SaleEvent;
import io.stockwise.proto.v1.SaleKind;
import io.stockwise.proto.v1.SeriesKey;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Features, rebuild and scale-out on a real PostgreSQL and Kafka. Dates keep the classes apart:
 * this class's main-topic sales are in 2023, its scale-out topic's in 2022, FeatureServiceTest's
 * in 2024, this class's calendar test's in March 2021 (calendar entries for all locations included), so the
 * inferred trading days and calendar of one never touch the days another asserts on. Each test
 * stands alone (any order); the rebuild compares only what the sales topic holds.
 */
@QuarkusTest
@WithTestResource(StockwiseInfraTestResource.class)

class FeaturePipelineTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SALES = "stockwise.sales.v1";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    private static final SeriesKey F = key("FEAT-" + RUN, "S1");

    @TestHTTPResource("/")
    URL url;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    SalesConsumer salesConsumer;

    @Inject
    DataSource dataSource;

    private ManagedChannel channel;
    private FeatureServiceGrpc.FeatureServiceBlockingStub stub;
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", url.getPort()).usePlaintext().build();
        stub = FeatureServiceGrpc.newBlockingStub(channel);
        producer = new KafkaProducer<>(KafkaSettings.producer(bootstrapServers, "feature-pipeline-test", Duration.ofSeconds(20)));
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        producer.close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * The series of FeatureCalculatorTest shifted to Monday 2023-01-02: demand 2, 0, 4, 0, 0, 6, 0, 2
     * at prices 10, 8 (on promotion), 12 and (12 + 6) / 2 = 9; checked against the same hand-computed
     * values, then data after the day is added and the day's features must not move.
     */
    @Test

    void servesHandComputedPointInTimeFeaturesThatLaterDataDoesNotChange() {
        send(SALES, sale("f1", F, day(2), 2, 10, false, SaleKind.SALE_KIND_SALE));
        send(SALES, sale("f2", F, day(4), 4, 8, true, SaleKind.SALE_KIND_SALE));
        send(SALES, sale("f3", F, day(7), 6, 12, false, SaleKind.SALE_KIND_SALE));
        send(SALES, sale("f4", F, day(9), 1, 12, false, SaleKind.SALE_KIND_SALE));
        send(SALES, sale("f5", F, day(9), 1, 6, false, SaleKind.SALE_KIND_SALE));
        send(SALES, sale("f6", F, day(9), 5, 1, true, SaleKind.SALE_KIND_CANCELLATION));
        awaitTrue(() -> lastDemandDay(F).equals(day(9)), "F consumed");

        var asOf = features(day(9), day(9));
        assertThat(asOf.getDefinitionsList()).extracting(FeatureDefinition::getName)
                .contains("day_of_week", "is_trading_day", "relative_price_28", "lag_28", "rolling_zero_share_91", "adi", "cv2");
        assertThat(asOf.getDefinitionsList()).allSatisfy(d -> assertThat(d.getDescription()).isNotBlank());
        var row = asOf.getRows(0);
        assertThat(row.getDate()).isEqualTo(ProtoDates.toProto(day(9)));
        assertThat(value(row, "day_of_week")).isEqualTo(1);
        assertThat(value(row, "week_of_year")).isEqualTo(2);
        assertThat(value(row, "is_trading_day")).isEqualTo(1);
        assertThat(value(row, "lag_1")).isEqualTo(0);
        assertThat(value(row, "lag_7")).isEqualTo(2);
        assertThat(find(row, "lag_14").hasValue()).isFalse();
        assertThat(value(row, "rolling_mean_7")).isCloseTo(12.0 / 7, within(1e-9));
        assertThat(value(row, "rolling_std_28")).isCloseTo(Math.sqrt(4.4375), within(1e-9));
        assertThat(value(row, "adi")).isCloseTo(7.0 / 3, within(1e-9));
        assertThat(value(row, "cv2")).isCloseTo(2.75 / 12.25, within(1e-9));
        assertThat(value(row, "unit_price")).isCloseTo(9, within(1e-9));
        assertThat(value(row, "relative_price_28")).isCloseTo(9 / 9.5, within(1e-9));
        assertThat(value(row, "on_promotion")).isEqualTo(0);
        var jan4 = features(day(4), day(4)).getRows(0);
        assertThat(value(jan4, "on_promotion")).isEqualTo(1);
        assertThat(value(features(day(8), day(8)).getRows(0), "is_trading_day")).isEqualTo(0);

        var before = features(day(2), day(9));
        assertThat(before.getRowsCount()).isEqualTo(8);
        var g = key("FEAT-G-" + RUN, "S1");
        send(SALES, sale("f7", F, day(10), 50, 1, true, SaleKind.SALE_KIND_SALE));
        send(SALES, sale("f8", F, day(20), 3, 30, false, SaleKind.SALE_KIND_SALE));
        send(SALES, sale("g1", g, day(14), 1, 1, false, SaleKind.SALE_KIND_SALE));
        awaitTrue(() -> lastDemandDay(F).equals(day(20)) && lastDemandDay(g).equals(day(14)), "later sales consumed");
        assertThat(features(day(2), day(9))).isEqualTo(before);
        assertThat(value(features(day(10), day(10)).getRows(0), "on_promotion")).isEqualTo(1);
    }

    @Test

    void rejectsBadFeatureRequests() {
        var missingEnd = catchStatus(() -> stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                .getFeatures(GetFeaturesRequest.newBuilder().setSeries(F).build()));
        assertThat(missingEnd.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(unpack(missingEnd, BadRequest.class).getFieldViolationsList())
                .anySatisfy(v -> assertThat(v.getField()).isEqualTo("end_date"));
        var tooLong = catchStatus(() -> features(day(1), day(1).plusDays(400)));
        assertThat(tooLong.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        var unknown = catchStatus(() -> stub.withDeadlineAfter(10, TimeUnit.SECONDS).getFeatures(GetFeaturesRequest.newBuilder()
                .setSeries(key("NOPE-" + RUN, "S1")).setEndDate(ProtoDates.toProto(day(9))).build()));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(unpack(unknown, ErrorInfo.class).getReason()).isEqualTo("SERIES_NOT_FOUND");
    }

    /** Rebuild from the topic's beginning ends with the same demand and features as incremental processing. */
    @Test

    void rebuildEndsWithTheSameDemandAndFeaturesAsIncrementalProcessing() throws Exception {
        var r = key("REBUILD-" + RUN, "S2");
        for (int i = 0; i < 40; i++) {
            send(SALES, sale("r" + i, r, LocalDate.of(2023, 3, 1 + i % 20), 1 + i % 3, 2 + i % 5, i % 7 == 0,
                    i % 11 == 0 ? SaleKind.SALE_KIND_RETURN : SaleKind.SALE_KIND_SALE));
        }
        send(SALES, sale("r0", r, LocalDate.of(2023, 3, 1), 1, 2, false, SaleKind.SALE_KIND_SALE)); // a duplicate
        awaitTrue(() -> countedLines(r) == 36, "rebuild series consumed");

        var topicSeries = seriesOnTopic(SALES);
        var incremental = demandOf(topicSeries);
        var rFeaturesBefore = features(r, LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 25));

        var started = salesConsumer.rebuild();
        assertThat(started.totalRecords()).isGreaterThanOrEqualTo(41);
        awaitTrue(() -> !salesConsumer.isRebuilding(), "the rebuild to finish");
        assertThat(salesConsumer.rebuildProgress().orElseThrow().done()).isTrue();

        assertThat(demandOf(topicSeries)).isEqualTo(incremental);
        assertThat(features(r, LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 25))).isEqualTo(rFeaturesBefore);
        given().when().get("/q/health/ready").then().statusCode(200);
        var metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("stockwise_feature_rebuild_remaining_records 0.0");
        assertThat(metrics).containsPattern("stockwise_feature_consumer_lag_records\\{partition=\"\\d\",topic=\"stockwise.sales.v1\"}");
    }

    /**
     * Two consumers in one group split the partitions and together store exactly the demand of the
     * rules; stopping one hands its partitions to the other with nothing lost or counted twice;
     * replaying the whole topic in another group changes nothing.
     */
    @Test

    void twoConsumersSplitThePartitionsAndHandOverWithoutLossOrDoubleCounting() throws Exception {
        var topic = "stockwise.sales.scale-" + RUN;
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        var group = "scale-" + RUN;
        var expected = new TreeMap<String, Double>();
        var one = salesConsumer.newLoop("scale-1", group, topic);
        var two = salesConsumer.newLoop("scale-2", group, topic);
        SalesLoop replay = null;
        try {
            one.start();
            two.start();
            // Wait for the settled split: the first member briefly holds all three partitions until
            // the rebalance revokes the ones the second member takes.
            awaitTrue(() -> !one.assignedPartitions().isEmpty() && !two.assignedPartitions().isEmpty()
                    && union(one.assignedPartitions(), two.assignedPartitions()).size() == 3
                    && one.assignedPartitions().size() + two.assignedPartitions().size() == 3, "two consumers sharing 3 partitions");
            assertThat(one.assignedPartitions()).doesNotContainAnyElementsOf(two.assignedPartitions());

            int sent = produceScaleSales(topic, 0, 300, expected);
            awaitTrue(() -> scaleDemand().equals(expected), "demand of the first 300 lines");
            assertThat(one.recordsHandled()).isPositive();
            assertThat(two.recordsHandled()).isPositive();

            sent += produceScaleSales(topic, 300, 150, expected);
            one.close();
            sent += produceScaleSales(topic, 450, 150, expected);
            awaitTrue(() -> two.assignedPartitions().equals(Set.of(0, 1, 2)), "the survivor to own every partition");
            awaitTrue(() -> scaleDemand().equals(expected), "demand of all lines after the hand-over");
            int handedOver = sent;
            // The counters move just after each batch commits, so they may trail the stored demand briefly.
            awaitTrue(() -> one.recordsHandled() + two.recordsHandled() >= handedOver, "both consumers to count every line");

            replay = salesConsumer.newLoop("scale-replay", group + "-replay", topic);
            replay.start();
            var r = replay;
            int total = sent;
            awaitTrue(() -> r.recordsHandled() >= total, "the replay to read the whole topic");
            assertThat(scaleDemand()).isEqualTo(expected);
        } finally {
            one.close();
            two.close();
            if (replay != null) {
                replay.close();
            }
        }
    }

    // --- scale-out data ---------------------------------------------------------------------------

    /** Sends {@code count} lines over 30 series in 2022 (every fifth a repeat of the previous id) and adds the demand to {@code expected}. */
    private int produceScaleSales(String topic, int first, int count, Map<String, Double> expected) {
        String previousId = null;
        for (int i = first; i < first + count; i++) {
            var series = key("SCALE-" + RUN + "-" + (i % 30), "S3");
            var date = LocalDate.of(2022, 1, 1).plusDays(i % 40);
            boolean repeat = i % 5 == 4 && previousId != null;
            var id = repeat ? previousId : "s" + i;
            double quantity = 1 + i % 4;
            if (repeat) {
                // Same id, same series as the previous line: the repeat must not count.
                series = key("SCALE-" + RUN + "-" + ((i - 1) % 30), "S3");
                date = LocalDate.of(2022, 1, 1).plusDays((i - 1) % 40);
                quantity = 1 + (i - 1) % 4;
            } else {
                expected.merge(series.getSkuId() + "/" + date, quantity, Double::sum);
            }
            send(topic, sale(id, series, date, quantity, 1, false, SaleKind.SALE_KIND_SALE));
            previousId = id;
        }
        producer.flush();
        return count;
    }

    private Map<String, Double> scaleDemand() {
        var out = new TreeMap<String, Double>();
        query("SELECT sku_id, demand_date, quantity FROM daily_demand WHERE sku_id LIKE 'SCALE-" + RUN + "-%'",
                rs -> out.put(rs.getString(1) + "/" + rs.getDate(2).toLocalDate(), rs.getDouble(3)));
        return out;
    }

    // --- rebuild snapshots ------------------------------------------------------------------------

    /** Every series key on {@code topic}, read from its beginning to its current end. */
    private Set<String> seriesOnTopic(String topic) {
        var keys = new HashSet<String>();
        var props = KafkaSettings.consumer(bootstrapServers, "feature-pipeline-" + UUID.randomUUID(), "feature-pipeline", Map.of());
        try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        var event = SaleEvent.parseFrom(record.value());
                        keys.add(event.getSeries().getSkuId() + "/" + event.getSeries().getLocationId());
                    } catch (Exception e) {
                        // Unparseable records make no demand.
                    }
                }
            }
        }
        return keys;
    }

    /** The daily demand and series summaries of {@code series}, as comparable strings. */
    private List<String> demandOf(Set<String> series) {
        var rows = new ArrayList<String>();
        query("SELECT sku_id, location_id, demand_date, quantity FROM daily_demand ORDER BY 1, 2, 3", rs -> {
            if (series.contains(rs.getString(1) + "/" + rs.getString(2))) {
                rows.add(rs.getString(1) + "/" + rs.getString(2) + " " + rs.getDate(3) + " " + rs.getDouble(4));
            }
        });
        query("SELECT sku_id, location_id, first_demand_date, last_demand_date, total_quantity, demand_days"
                + " FROM demand_series ORDER BY 1, 2", rs -> {
                    if (series.contains(rs.getString(1) + "/" + rs.getString(2))) {
                        rows.add(rs.getString(1) + "/" + rs.getString(2) + " " + rs.getDate(3) + ".." + rs.getDate(4)
                                + " " + rs.getDouble(5) + " " + rs.getInt(6));
                    }
                });
        query("SELECT sku_id, location_id, count(*), sum(quantity) FILTER (WHERE counted), bool_or(on_promotion)"
                + " FROM sale_event GROUP BY 1, 2 ORDER BY 1, 2", rs -> {
                    if (series.contains(rs.getString(1) + "/" + rs.getString(2))) {
                        rows.add("events " + rs.getString(1) + "/" + rs.getString(2) + " " + rs.getLong(3) + " "
                                + rs.getDouble(4) + " " + rs.getBoolean(5));
                    }
                });
        assertThat(rows).isNotEmpty();
        return rows;
    }

    private long countedLines(SeriesKey series) {
        var count = new long[1];
        query("SELECT count(*) FROM sale_event WHERE counted AND sku_id = '" + series.getSkuId() + "'",
                rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    private LocalDate lastDemandDay(SeriesKey series) {
        try {
            var h = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getDemandHistory(GetDemandHistoryRequest.newBuilder().setSeries(series).build()).getHistory();
            return ProtoDates.toLocalDate(h.getStartDate(), "start_date").plusDays(h.getQuantitiesCount() - 1L);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return LocalDate.MIN;
            }
            throw e;
        }
    }

    // --- helpers ----------------------------------------------------------------------------------

    @FunctionalInterface
    private interface RowReader {
        void read(java.sql.ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader) {
        try (var c = dataSource.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    private GetFeaturesResponse features(LocalDate start, LocalDate end) {
        return features(F, start, end);
    }

    /**
     * The shop calendar on stockwise.calendar.v1 drives is_holiday and is_trading_day (its flag
     * beats the demand-based inference; an entry naming the location beats one for all locations).
     * Its own location and days in March 2021 keep it apart from the other tests.
     */
    @Test
    void calendarEventsSetHolidaysAndOverrideInferredTradingDays() throws SQLException {
        var location = "CAL-" + RUN;
        var c = key("CAL-" + RUN, location);
        send(SALES, sale("c1", c, march2021(1), 3, 5, false, SaleKind.SALE_KIND_SALE));
        send(SALES, sale("c2", c, march2021(3), 2, 5, false, SaleKind.SALE_KIND_SALE));
        awaitTrue(() -> lastDemandDay(c).equals(march2021(3)), "C consumed");
        var before = features(c, march2021(1), march2021(4));
        assertThat(column(before, "is_holiday")).containsExactly(0.0, 0.0, 0.0, 0.0);
        assertThat(column(before, "is_trading_day")).as("inferred from demand").containsExactly(1.0, 0.0, 1.0, 0.0);

        var holiday = calendar(march2021(1), location, CalendarEventKind.CALENDAR_EVENT_KIND_HOLIDAY, "Local holiday " + RUN, false);
        sendCalendar(holiday);
        sendCalendar(holiday); // a redelivery changes nothing
        sendCalendar(calendar(march2021(2), "", CalendarEventKind.CALENDAR_EVENT_KIND_EVENT, "Open day " + RUN, true));
        sendCalendar(calendar(march2021(4), "", CalendarEventKind.CALENDAR_EVENT_KIND_HOLIDAY, "National day " + RUN, true));
        sendCalendar(calendar(march2021(4), location, CalendarEventKind.CALENDAR_EVENT_KIND_CLOSURE, "Stocktake " + RUN, false));
        sendCalendar(calendar(march2021(4), "OTHER-" + RUN, CalendarEventKind.CALENDAR_EVENT_KIND_EVENT, "Elsewhere " + RUN, true));

        awaitTrue(() -> column(features(c, march2021(1), march2021(4)), "is_trading_day").equals(List.of(0.0, 1.0, 1.0, 0.0)),
                "the calendar consumed");
        var after = features(c, march2021(1), march2021(4));
        assertThat(column(after, "is_holiday")).containsExactly(1.0, 0.0, 0.0, 1.0);
        assertThat(column(after, "is_trading_day")).containsExactly(0.0, 1.0, 1.0, 0.0);
        assertThat(column(after, "rolling_mean_7")).as("demand features untouched").isEqualTo(column(before, "rolling_mean_7"));
        try (var conn = dataSource.getConnection(); var ps = conn.prepareStatement(
                "SELECT count(*) FROM calendar_event WHERE name LIKE ?")) {
            ps.setString(1, "%" + RUN);
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("one row per natural key").isEqualTo(5);
            }
        }
    }

    private static List<Double> column(GetFeaturesResponse response, String name) {
        return response.getRowsList().stream().map(r -> value(r, name)).toList();
    }

    private static CalendarEventEvent calendar(LocalDate day, String location, CalendarEventKind kind, String name,
            boolean trading) {
        return CalendarEventEvent.newBuilder()
                .setEvent(CalendarEventRecord.newBuilder().setDate(ProtoDates.toProto(day)).setLocationId(location)
                        .setKind(kind).setName(name).setTradingDay(trading))
                .setIngestTime(ProtoDates.toProto(Instant.now()))
                .build();
    }

    private void sendCalendar(CalendarEventEvent event) {
        var location = event.getEvent().getLocationId();
        try {
            producer.send(new ProducerRecord<>("stockwise.calendar.v1", location.isEmpty() ? "*" : location,
                    event.toByteArray())).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not produce to stockwise.calendar.v1", e);
        }
    }

    private static LocalDate march2021(int day) {
        return LocalDate.of(2021, 3, day);
    }

    private GetFeaturesResponse features(SeriesKey series, LocalDate start, LocalDate end) {
        return stub.withDeadlineAfter(10, TimeUnit.SECONDS).getFeatures(GetFeaturesRequest.newBuilder().setSeries(series)
                .setStartDate(ProtoDates.toProto(start)).setEndDate(ProtoDates.toProto(end)).build());
    }

    private static FeatureValue find(FeatureRow row, String name) {
        return row.getValuesList().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no feature " + name));
    }

    private static double value(FeatureRow row, String name) {
        var v = find(row, name);
        assertThat(v.hasValue()).as("%s is defined", name).isTrue();
        return v.getValue();
    }

    private void send(String topic, SaleEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, ProtoDates.seriesKey(event.getSeries()), event.toByteArray()))
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not produce to " + topic, e);
        }
    }

    private static SaleEvent sale(String id, SeriesKey series, LocalDate day, double quantity, double price,
            boolean promotion, SaleKind kind) {
        return SaleEvent.newBuilder()
                .setEventId(RUN + "-" + id)
                .setSeries(series)
                .setBusinessDate(ProtoDates.toProto(day))
                .setQuantity(quantity)
                .setUnitPrice(price)
                .setOnPromotion(promotion)
                .setKind(kind)
                .setIngestTime(ProtoDates.toProto(Instant.now()))
                .build();
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        var all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static StatusRuntimeException catchStatus(Runnable call) {
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(thrown).isNotNull();
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
        } catch (com.google.protobuf.InvalidProtocolBufferException x) {
            throw new AssertionError(x);
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + status);
    }

    private static SeriesKey key(String sku, String location) {
        return SeriesKey.newBuilder().setSkuId(sku).setLocationId(location).build();
    }

    private static LocalDate day(int januaryDay) {
        return LocalDate.of(2023, 1, januaryDay);
    }
}
