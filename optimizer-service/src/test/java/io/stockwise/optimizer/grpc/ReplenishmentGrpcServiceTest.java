package io.stockwise.optimizer.grpc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
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
import io.stockwise.commons.kafka.KafkaSettings;
import io.stockwise.embedded.StockwiseInfraTestResource;
import io.stockwise.proto.v1.ForecastDay;
import io.stockwise.proto.v1.GetPlanRequest;
import io.stockwise.proto.v1.ListPlansRequest;
import io.stockwise.proto.v1.PlanConstraintGroup;
import io.stockwise.proto.v1.PlanLeadTimeDistribution;
import io.stockwise.proto.v1.SimulatePolicyRequest;
import io.stockwise.proto.v1.SimulatedPolicyKind;
import io.stockwise.proto.v1.PlanItem;
import io.stockwise.proto.v1.PlanLine;
import io.stockwise.proto.v1.PlanPublishedEvent;
import io.stockwise.proto.v1.PlanReplenishmentRequest;
import io.stockwise.proto.v1.ReplenishmentServiceGrpc;
import io.stockwise.proto.v1.SeriesForecast;
import io.stockwise.proto.v1.SeriesKey;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@QuarkusTest
@WithTestResource(StockwiseInfraTestResource.class)
@WithTestResource(ForecastPortResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplenishmentGrpcServiceTest {
    private static final String TOPIC = "stockwise.plans.v1";
    private static FakeForecastService forecastService;

    @TestHTTPResource("/")
    URL url;

    @Inject
    DataSource dataSource;

    private ManagedChannel channel;
    private ReplenishmentServiceGrpc.ReplenishmentServiceBlockingStub stub;
    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @BeforeAll
    static void startForecastService() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.clients.forecast.port", Integer.class);
        forecastService = new FakeForecastService(port);
        forecastService.start();
    }

    @AfterAll
    static void stopForecastService() throws Exception {
        forecastService.stop();
    }

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", url.getPort()).usePlaintext().build();
        stub = ReplenishmentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        forecastService.requests.clear();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private SeriesKey series(String sku) {
        return SeriesKey.newBuilder().setSkuId(sku + "-" + run).setLocationId("store-1").build();
    }

    /** A forecast of certain demand: every quantile equals the mean. */
    private static SeriesForecast certain(double... daily) {
        var f = SeriesForecast.newBuilder().setModel("given_model").addQuantileLevels(0.1).addQuantileLevels(0.5)
                .addQuantileLevels(0.9);
        for (double d : daily) {
            f.addDays(ForecastDay.newBuilder().setMean(d).addQuantiles(d).addQuantiles(d).addQuantiles(d));
        }
        return f.build();
    }

    @Test
    void plansGivenForecastsStoresThePlanAndPublishesItsLines() throws Exception {
        var ordering = PlanItem.newBuilder().setSeries(series("ORDER")).setOnHand(12).setOnOrder(5).setBackordered(2)
                .setLeadTimeDays(3).setReviewPeriodDays(2).setCasePack(6).setUnitCost(2.5)
                .setForecast(certain(10, 10, 10, 10, 10, 10)).build();
        var idle = PlanItem.newBuilder().setSeries(series("IDLE")).setOnHand(3).setLeadTimeDays(1)
                .setForecast(certain(0, 0, 0)).build();

        var response = stub.planReplenishment(PlanReplenishmentRequest.newBuilder().addItems(ordering).addItems(idle).build());

        assertThat(response.getLinesList()).hasSize(2);
        var order = response.getLines(0);
        assertThat(order.getSeries()).isEqualTo(ordering.getSeries());
        assertThat(order.getOrderUpToLevel()).isEqualTo(50.0);
        assertThat(order.getExpectedDemand()).isEqualTo(50.0);
        assertThat(order.getSafetyStock()).isZero();
        assertThat(order.getReorderPoint()).isEqualTo(30.0);
        assertThat(order.getInventoryPosition()).isEqualTo(15.0);
        assertThat(order.getOrderQuantity()).isEqualTo(36.0);
        assertThat(order.getOrderValue()).isEqualTo(90.0);
        assertThat(order.getProtectionIntervalDays()).isEqualTo(5);
        assertThat(order.getCycleServiceLevel()).isEqualTo(0.95);
        assertThat(order.getForecastModel()).isEqualTo("given_model");
        assertThat(order.getExplanation()).contains("95% quantile", "S = 50 units", "inventory position is 15 units",
                "case pack of 6");
        var none = response.getLines(1);
        assertThat(none.getOrderQuantity()).isZero();
        assertThat(none.getProtectionIntervalDays()).isEqualTo(2);
        assertThat(none.getExplanation()).startsWith("No order");
        assertThat(response.getCreateTime().getSeconds()).isPositive();
        assertThat(forecastService.requests).isEmpty();

        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT p.line_count, l.line_no, l.order_quantity, l.order_up_to_level, l.rounding"
                        + " FROM plan_line l JOIN plan p USING (plan_id) WHERE l.sku_id = ?")) {
            ps.setString(1, order.getSeries().getSkuId());
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(rs.getInt(2)).isZero();
                assertThat(rs.getDouble(3)).isEqualTo(36.0);
                assertThat(rs.getDouble(4)).isEqualTo(50.0);
                assertThat(rs.getString(5)).isEqualTo("CASE_PACK");
                assertThat(rs.next()).isFalse();
            }
        }

        var published = consume(Map.of("ORDER-" + run + "/store-1", order, "IDLE-" + run + "/store-1", none));
        assertThat(published.get("ORDER-" + run + "/store-1").getLine()).isEqualTo(order);
        assertThat(published.get("IDLE-" + run + "/store-1").getLine()).isEqualTo(none);
        assertThat(published.get("ORDER-" + run + "/store-1").getCreateTime()).isEqualTo(response.getCreateTime());
    }

    /** Reads the plans topic until every expected key has arrived. */
    private Map<String, PlanPublishedEvent> consume(Map<String, PlanLine> expected) throws Exception {
        var bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        var found = new HashMap<String, PlanPublishedEvent>();
        try (var consumer = new KafkaConsumer<String, byte[]>(
                KafkaSettings.consumer(bootstrap, "optimizer-test-" + run, "optimizer-test", Map.of()))) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (found.size() < expected.size() && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (expected.containsKey(record.key())) {
                        found.put(record.key(), PlanPublishedEvent.parseFrom(record.value()));
                    }
                }
            }
        }
        assertThat(found).containsOnlyKeys(expected.keySet());
        return found;
    }

    @Test
    void fetchesMissingForecastsFromForecastServiceInOneCall() {
        var short1 = PlanItem.newBuilder().setSeries(series("FETCH-A")).setOnHand(2).setLeadTimeDays(2)
                .setReviewPeriodDays(1).build();
        var given = PlanItem.newBuilder().setSeries(series("GIVEN")).setLeadTimeDays(1).setForecast(certain(1, 1)).build();
        var long1 = PlanItem.newBuilder().setSeries(series("FETCH-B")).setLeadTimeDays(5).setReviewPeriodDays(2)
                .setMinOrderQuantity(40).build();

        var response = stub.planReplenishment(
                PlanReplenishmentRequest.newBuilder().addItems(short1).addItems(given).addItems(long1).build());

        assertThat(forecastService.requests).singleElement().satisfies(r -> {
            assertThat(r.getSeriesList()).containsExactly(short1.getSeries(), long1.getSeries());
            assertThat(r.getHorizonDays()).isEqualTo(7);
        });
        assertThat(response.getLinesList()).extracting(PlanLine::getOrderUpToLevel).containsExactly(12.0, 2.0, 28.0);
        assertThat(response.getLinesList()).extracting(PlanLine::getOrderQuantity).containsExactly(10.0, 2.0, 40.0);
        assertThat(response.getLines(0).getForecastModel()).isEqualTo("fake_model");
        assertThat(response.getLines(2).getExplanation()).contains("minimum order quantity of 40");
    }

    @Test
    void notFoundWhenForecastServiceHasNoHistoryForASeries() {
        var unknown = PlanItem.newBuilder().setSeries(series("UNKNOWN")).setLeadTimeDays(2).build();

        var e = call(PlanReplenishmentRequest.newBuilder().addItems(unknown).build());

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(errorInfo(e).getReason()).isEqualTo("SERIES_NOT_FOUND");
        assertThat(errorInfo(e).getDomain()).isEqualTo("optimizer.stockwise");
        assertThat(e.getStatus().getDescription()).contains("UNKNOWN-" + run);
    }

    @Test
    void invalidServiceLevelIsRejectedNamingTheField() {
        var fine = PlanItem.newBuilder().setSeries(series("FINE")).setForecast(certain(1, 1)).build();
        var bad = PlanItem.newBuilder().setSeries(series("BAD")).setTargetCycleServiceLevel(1.5)
                .setForecast(certain(1, 1)).build();

        var e = call(PlanReplenishmentRequest.newBuilder().addItems(fine).addItems(bad).build());

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(errorInfo(e).getReason()).isEqualTo("INVALID_ARGUMENT");
        assertThat(detail(e, BadRequest.class).getFieldViolationsList()).singleElement().satisfies(v -> {
            assertThat(v.getField()).isEqualTo("items[1].target_cycle_service_level");
            assertThat(v.getReason()).isEqualTo("OUT_OF_RANGE");
        });
    }

    @Test
    void constrainedPlanKeepsTheBudgetAndIsReadBackByGetPlanAndListPlans() {
        var group = PlanConstraintGroup.newBuilder().setId("supplier-" + run).setBudget(100).build();
        var request = PlanReplenishmentRequest.newBuilder().addConstraintGroups(group);
        for (var sku : new String[] {"BUDGET-A", "BUDGET-B", "BUDGET-C"}) {
            request.addItems(PlanItem.newBuilder().setSeries(series(sku)).setLeadTimeDays(2).setReviewPeriodDays(1)
                    .setUnitCost(2).setCasePack(5).setShortagePenalty(4).setForecast(certain(20, 20, 20))
                    .addConstraintGroupIds(group.getId()));
        }

        var response = stub.planReplenishment(request.build());

        double spend = response.getLinesList().stream().mapToDouble(PlanLine::getOrderValue).sum();
        assertThat(spend).isLessThanOrEqualTo(100.0);
        assertThat(response.getLinesList()).allSatisfy(l -> {
            assertThat(l.getUnconstrainedOrderQuantity()).isEqualTo(60.0);
            assertThat(l.getOrderQuantity() % 5).isZero();
        });
        assertThat(response.getLinesList()).anySatisfy(l -> {
            assertThat(l.getBindingConstraintGroupId()).isEqualTo(group.getId());
            assertThat(l.getExplanation()).contains("budget of constraint group " + group.getId());
        });
        var costs = response.getCostSummary();
        assertThat(costs.getPriceOfConstraints()).isPositive();
        assertThat(costs.getUnconstrainedOrderValue()).isEqualTo(360.0);
        assertThat(costs.getCostLowerBound()).isLessThanOrEqualTo(costs.getExpectedCost());
        assertThat(response.getConstraintUsage(0).getBinding()).isTrue();

        var stored = stub.getPlan(GetPlanRequest.newBuilder().setPlanId(response.getPlanId()).build());
        assertThat(stored.getPlan()).isEqualTo(response);

        var newest = stub.listPlans(ListPlansRequest.newBuilder().setPageSize(1).build());
        assertThat(newest.getPlans(0).getPlanId()).isEqualTo(response.getPlanId());
        assertThat(newest.getPlans(0).getLineCount()).isEqualTo(3);
        assertThat(newest.getPlans(0).getCostSummary().getPriceOfConstraints()).isEqualTo(costs.getPriceOfConstraints());
        var older = stub.listPlans(ListPlansRequest.newBuilder().setPageSize(1).setPageToken(newest.getNextPageToken()).build());
        if (older.getPlansCount() > 0) {
            assertThat(older.getPlans(0).getPlanId()).isNotEqualTo(response.getPlanId());
            assertThat(nanos(older.getPlans(0).getCreateTime())).isLessThanOrEqualTo(nanos(newest.getPlans(0).getCreateTime()));
        }

        var missing = catchThrowableOfType(StatusRuntimeException.class, () -> stub.getPlan(
                GetPlanRequest.newBuilder().setPlanId(UUID.randomUUID().toString()).build()));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(errorInfo(missing).getReason()).isEqualTo("PLAN_NOT_FOUND");
        var malformed = catchThrowableOfType(StatusRuntimeException.class, () -> stub.getPlan(
                GetPlanRequest.newBuilder().setPlanId("nope").build()));
        assertThat(detail(malformed, BadRequest.class).getFieldViolations(0).getField()).isEqualTo("plan_id");
    }

    @Test
    void badCostsTargetsDistributionsAndPacksAreRejectedNamingTheFields() {
        var request = PlanReplenishmentRequest.newBuilder().setRequireMoqMultipleOfCasePack(true)
                .addItems(PlanItem.newBuilder().setSeries(series("NEG")).setHoldingCostPerUnitDay(-1).setForecast(certain(1, 1)))
                .addItems(PlanItem.newBuilder().setSeries(series("FILL")).setTargetFillRate(1).setForecast(certain(1, 1)))
                .addItems(PlanItem.newBuilder().setSeries(series("DIST")).setLeadTimeDistribution(
                        PlanLeadTimeDistribution.getDefaultInstance()).setForecast(certain(1, 1)))
                .addItems(PlanItem.newBuilder().setSeries(series("MOQ")).setCasePack(6).setMinOrderQuantity(10)
                        .setForecast(certain(1, 1)))
                .build();

        var e = call(request);

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(detail(e, BadRequest.class).getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField)
                .containsExactly("items[0].holding_cost_per_unit_day", "items[1].target_fill_rate",
                        "items[2].lead_time_distribution.points", "items[3].min_order_quantity");
    }

    @Test
    void simulatesAPolicyAndRejectsAMissingKind() {
        var response = stub.simulatePolicy(SimulatePolicyRequest.newBuilder()
                .setKind(SimulatedPolicyKind.SIMULATED_POLICY_KIND_ORDER_UP_TO).setOrderUpToLevel(10).setLeadTimeDays(1)
                .setReviewPeriodDays(1).setInitialOnHand(10).addDemandPath(4).addDemandPath(4).addDemandPath(12)
                .addDemandPath(0).setShortagePenalty(10).build());
        assertThat(response.getFillRate()).isCloseTo(0.7, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(response.getShortageCost()).isCloseTo(60.0, org.assertj.core.api.Assertions.within(1e-9));

        var e = catchThrowableOfType(StatusRuntimeException.class, () -> stub.simulatePolicy(
                SimulatePolicyRequest.newBuilder().addDemandPath(1).build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(detail(e, BadRequest.class).getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField)
                .contains("kind");
    }

    /** Last: afterwards the client backs off before reconnecting to the restarted fake. */
    @Test
    @Order(Integer.MAX_VALUE)
    void unavailableWhileForecastServiceIsDown() throws Exception {
        var item = PlanItem.newBuilder().setSeries(series("FETCH-DOWN")).setLeadTimeDays(1).build();
        forecastService.stop();
        try {
            var e = call(PlanReplenishmentRequest.newBuilder().addItems(item).build());
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(errorInfo(e).getReason()).isEqualTo("FORECAST_SERVICE_UNAVAILABLE");
        } finally {
            int port = ConfigProvider.getConfig().getValue("quarkus.grpc.clients.forecast.port", Integer.class);
            forecastService = new FakeForecastService(port);
            forecastService.start();
        }
    }

    @Test
    void reportsReadyAndExportsPlanMetrics() {
        // METRIC-LOW: position 0 < reorder point 10, orders 20 x 2 = 40 of the budget of 80; METRIC-HIGH: no risk
        var group = PlanConstraintGroup.newBuilder().setId("metric-" + run).setBudget(80).build();
        var response = stub.planReplenishment(PlanReplenishmentRequest.newBuilder().addConstraintGroups(group)
                .addItems(PlanItem.newBuilder().setSeries(series("METRIC-LOW")).setLeadTimeDays(1).setReviewPeriodDays(1)
                        .setUnitCost(2).setShortagePenalty(4).setForecast(certain(10, 10, 10))
                        .addConstraintGroupIds(group.getId()))
                .addItems(PlanItem.newBuilder().setSeries(series("METRIC-HIGH")).setOnHand(100).setLeadTimeDays(1)
                        .setReviewPeriodDays(1).setUnitCost(2).setShortagePenalty(4).setForecast(certain(10, 10, 10))
                        .addConstraintGroupIds(group.getId()))
                .build());
        long atRisk = response.getLinesList().stream().filter(l -> l.getInventoryPosition() < l.getReorderPoint()).count();
        assertThat(atRisk).isEqualTo(1);
        double spend = response.getLinesList().stream().mapToDouble(PlanLine::getOrderValue).sum();
        assertThat(spend).isEqualTo(40.0);

        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("stockwise_plan_lines_total{outcome=\"order\"}"))
                .body(containsString("stockwise_plan_lines_total{outcome=\"no_order\"}"))
                .body(containsString("stockwise_plan_duration_seconds_count"))
                .body(containsString("stockwise_outbox_backlog_records"))
                .body(containsString("\nstockwise_plan_series_at_risk " + (double) atRisk + "\n"))
                .body(containsString("\nstockwise_plan_budget_used_ratio " + spend / 80 + "\n"));
    }

    private static long nanos(com.google.protobuf.Timestamp t) {
        return t.getSeconds() * 1_000_000_000L + t.getNanos();
    }

    private StatusRuntimeException call(PlanReplenishmentRequest request) {
        var e = catchThrowableOfType(StatusRuntimeException.class, () -> stub.planReplenishment(request));
        assertThat(e).as("expected the call to fail").isNotNull();
        return e;
    }

    private static ErrorInfo errorInfo(StatusRuntimeException e) {
        return detail(e, ErrorInfo.class);
    }

    private static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException e, Class<T> type) {
        var status = StatusProto.fromThrowable(e);
        assertThat(status).isNotNull();
        for (var any : status.getDetailsList()) {
            if (any.is(type)) {
                try {
                    return any.unpack(type);
                } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                    throw new AssertionError(ex);
                }
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + status);
    }

    @Test
    void aWholeCatalogueIsOnePlanDatedByItsForecastsWithLinesByPage() {
        var request = PlanReplenishmentRequest.newBuilder().setOmitLines(true);
        var asOf = io.stockwise.proto.v1.Date.newBuilder().setYear(2011).setMonth(12).setDay(9).build();
        for (int i = 0; i < 25; i++) {
            var f = certain(2, 2, 2, 2, 2, 2).toBuilder().setAsOfDate(asOf);
            if (i == 3) {
                f.setObsoleteDaysWithoutDemand(140);
            }
            request.addItems(PlanItem.newBuilder().setSeries(series("CAT" + i)).setLeadTimeDays(2)
                    .setReviewPeriodDays(2).setForecast(f));
        }
        var plan = stub.planReplenishment(request.build());
        assertThat(plan.getLinesList()).isEmpty();
        assertThat(plan.getLineCount()).isEqualTo(25);
        assertThat(plan.getOrderLineCount()).isEqualTo(24);
        assertThat(plan.getObsoleteLineCount()).isEqualTo(1);
        assertThat(plan.getOrderQuantity()).isEqualTo(24 * 8.0);
        assertThat(plan.getAsOfDate()).isEqualTo(asOf);
        assertThat(plan.getPlanDate().getDay()).isEqualTo(10);

        var lines = new java.util.ArrayList<PlanLine>();
        String token = "";
        int pages = 0;
        do {
            var page = stub.listPlanLines(io.stockwise.proto.v1.ListPlanLinesRequest.newBuilder()
                    .setPlanId(plan.getPlanId()).setPageSize(10).setPageToken(token).build());
            assertThat(page.getTotalSize()).isEqualTo(25);
            lines.addAll(page.getLinesList());
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());
        assertThat(pages).isEqualTo(3);
        assertThat(lines).extracting(l -> l.getSeries().getSkuId()).startsWith("CAT0-" + run, "CAT1-" + run);
        assertThat(lines).hasSize(25).allSatisfy(l -> assertThat(l.getAsOfDate()).isEqualTo(asOf));
        assertThat(lines.get(3).getOrderQuantity()).isZero();
        assertThat(lines.get(3).getObsoleteDaysWithoutDemand()).isEqualTo(140);
        assertThat(lines.get(3).getExplanation()).contains("no demand for 140 days");

        var bad = catchThrowableOfType(StatusRuntimeException.class, () -> stub.listPlanLines(
                io.stockwise.proto.v1.ListPlanLinesRequest.newBuilder().setPlanId(plan.getPlanId()).setPageToken("zz!")
                        .build()));
        assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(StatusProto.fromThrowable(bad).getMessage()).isNotEmpty();
        var missing = catchThrowableOfType(StatusRuntimeException.class, () -> stub.listPlanLines(
                io.stockwise.proto.v1.ListPlanLinesRequest.newBuilder().setPlanId(UUID.randomUUID().toString()).build()));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }
}
