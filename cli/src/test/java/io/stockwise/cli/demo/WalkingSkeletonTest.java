package io.stockwise.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.stockwise.cli.grpc.Channels;
import io.stockwise.proto.v1.FeatureServiceGrpc;
import io.stockwise.proto.v1.ForecastDay;
import io.stockwise.proto.v1.GetDemandHistoryRequest;
import io.stockwise.proto.v1.GetIngestionStatsRequest;
import io.stockwise.proto.v1.IngestionServiceGrpc;
import io.stockwise.proto.v1.PlanLine;
import io.stockwise.proto.v1.SeriesForecast;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole suite through the real path: the four packaged services as processes, a real
 * PostgreSQL and a real Kafka broker. Sales go in by gRPC; the test checks the numbers at every hop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkingSkeletonTest {
    static final LocalDate LAST_DAY = LocalDate.of(2024, 6, 30);
    static final int HORIZON = 14;

    @TempDir
    static Path work;

    LocalStack stack;
    DemoFlow flow;
    List<SampleCatalog.Series> catalog;
    DemoFlow.Result result;
    final StringWriter log = new StringWriter();

    @BeforeAll
    void runTheFlow() throws Exception {
        var home = Path.of(System.getProperty("stockwise.home", "..")).toAbsolutePath().normalize();
        catalog = SampleCatalog.generate(new SampleCatalog.Options(8, 2, 84, LAST_DAY, 7));
        var out = new PrintWriter(log, true);
        stack = LocalStack.start(home, work, out, Duration.ofMinutes(4));
        flow = new DemoFlow(stack, out);
        result = flow.run(SampleCatalog.records(catalog), HORIZON, new DemoFlow.Terms(7, 7, 0.95, 10));
    }

    @AfterAll
    void stop() {
        if (flow != null) {
            flow.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theLocalStackSaysSecurityIsOffAndListensOnLoopback() {
        assertThat(log.toString()).contains("Security is OFF in this local stack")
                .contains("listen on 127.0.0.1 only");
    }

    @Test
    void ingestionAcceptsEveryLineOnce() {
        var records = SampleCatalog.records(catalog);
        assertThat(result.ingest().getAcceptedCount()).isEqualTo(records.size());
        assertThat(result.ingest().getRejectedCount()).isZero();
    }

    @Test
    void featureServiceHoldsTheExactDailyDemandOfEverySeries() {
        var channel = Channels.plaintext(stack.address("feature-service"));
        try {
            var stub = FeatureServiceGrpc.newBlockingStub(channel);
            assertThat(result.series()).hasSize(catalog.size());
            for (var s : catalog) {
                var h = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                        .getDemandHistory(GetDemandHistoryRequest.newBuilder().setSeries(s.key()).build()).getHistory();
                int first = firstNonZero(s.units());
                var start = s.firstDay().plusDays(first);
                assertThat(LocalDate.of(h.getStartDate().getYear(), h.getStartDate().getMonth(), h.getStartDate().getDay()))
                        .isEqualTo(start);
                int last = lastNonZero(s.units());
                assertThat(h.getQuantitiesList()).hasSize(last - first + 1);
                for (int t = first; t <= last; t++) {
                    assertThat(h.getQuantities(t - first)).as("%s day %d", s.key(), t).isEqualTo(s.units()[t]);
                }
            }
        } finally {
            Channels.close(channel);
        }
    }

    /**
     * Recomputes the weekly seasonal-naive forecast independently from the generated demand:
     * quantile(tau) of day h = max(0, y[T-7+((h-1) mod 7)] + sqrt(ceil(h/7)) * Q_e(tau)), with Q_e the
     * type-7 empirical quantile of the one-week residuals y[t] - y[t-7], made non-decreasing.
     */
    @Test
    void forecastsAreTheSeasonalNaiveQuantilesOfTheIngestedDemand() {
        assertThat(result.forecasts()).hasSize(catalog.size());
        var bySeries = new HashMap<String, SampleCatalog.Series>();
        catalog.forEach(s -> bySeries.put(DemoFlow.key(s.key()), s));
        for (var f : result.forecasts()) {
            var s = bySeries.get(DemoFlow.key(f.getSeries()));
            int first = firstNonZero(s.units());
            int last = lastNonZero(s.units());
            var y = java.util.Arrays.copyOfRange(s.units(), first, last + 1);
            var residuals = new double[y.length - 7];
            for (int t = 7; t < y.length; t++) {
                residuals[t - 7] = y[t] - y[t - 7];
            }
            java.util.Arrays.sort(residuals);
            assertThat(f.getModel()).isEqualTo("seasonal_naive");
            assertThat(f.getDaysList()).hasSize(HORIZON);
            assertThat(f.getQuantileLevelsList()).containsExactly(0.005, 0.025, 0.165, 0.25, 0.5, 0.75, 0.835, 0.975, 0.995);
            for (int h = 1; h <= HORIZON; h++) {
                var day = f.getDays(h - 1);
                double point = y[y.length - 7 + (h - 1) % 7];
                double scale = Math.sqrt((h + 6) / 7);
                double previous = 0;
                for (int j = 0; j < 9; j++) {
                    previous = Math.max(previous, Math.max(0, point + scale * type7(residuals, f.getQuantileLevels(j))));
                    assertThat(day.getQuantiles(j)).as("%s h=%d level %s", DemoFlow.key(f.getSeries()), h, f.getQuantileLevels(j))
                            .isCloseTo(previous, within(1e-9));
                }
                assertThat(day.getMean()).isGreaterThanOrEqualTo(0);
            }
        }
    }

    /**
     * 200,000 plain Monte Carlo draws of the sum of the first {@code days} days' demand, the days
     * independent, each drawn from the piecewise-linear quantile function through the forecast's
     * quantiles with linearly extended tails floored at zero (the distribution documented on the
     * optimizer's PlanLine).
     */
    static double[] protectionSums(SeriesForecast f, int days) {
        var random = new java.util.Random(7);
        int n = 200_000;
        var sums = new double[n];
        double[] p = f.getQuantileLevelsList().stream().mapToDouble(Double::doubleValue).toArray();
        for (int d = 0; d < days; d++) {
            double[] q = f.getDays(d).getQuantilesList().stream().mapToDouble(Double::doubleValue).toArray();
            for (int i = 0; i < n; i++) {
                double u = random.nextDouble();
                int j = 1;
                while (j < p.length - 1 && u >= p[j]) {
                    j++;
                }
                double v = q[j - 1] + (q[j] - q[j - 1]) / (p[j] - p[j - 1]) * (u - p[j - 1]);
                sums[i] += Math.max(0, v);
            }
        }
        return sums;
    }

    private static double type7(double[] sorted, double p) {
        double pos = (sorted.length - 1) * p;
        int lo = (int) Math.floor(pos);
        return lo >= sorted.length - 1 ? sorted[sorted.length - 1] : sorted[lo] + (pos - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    @Test
    void planOrdersUpToTheServiceLevelQuantileInWholeCases() {
        assertThat(result.plan()).hasSize(result.items().size());
        var meanOverInterval = new HashMap<String, Double>();
        var forecasts = new HashMap<String, SeriesForecast>();
        for (var f : result.forecasts()) {
            forecasts.put(DemoFlow.key(f.getSeries()), f);
            meanOverInterval.put(DemoFlow.key(f.getSeries()), f.getDaysList().stream().limit(14).mapToDouble(ForecastDay::getMean).sum());
        }
        int orders = 0;
        for (int i = 0; i < result.plan().size(); i++) {
            PlanLine line = result.plan().get(i);
            var item = result.items().get(i);
            assertThat(line.getSeries()).isEqualTo(item.getSeries());
            assertThat(line.getProtectionIntervalDays()).isEqualTo(14);
            assertThat(line.getInventoryPosition()).isEqualTo(item.getOnHand());
            assertThat(line.getExpectedDemand()).isCloseTo(meanOverInterval.get(DemoFlow.key(item.getSeries())), within(1e-6));
            assertThat(line.getSafetyStock()).isCloseTo(line.getOrderUpToLevel() - line.getExpectedDemand(), within(1e-6));
            // S is a 95% quantile of demand over the 14-day protection interval, F(S-) <= 0.95 <= F(S),
            // checked on an independent simulation (a probability check: the sum has atoms and flat
            // stretches where a quantile jumps, its distribution function does not). The service draws
            // 1,000 scenarios (stockwise.optimizer.simulation.samples), so its quantile is off by up to
            // sqrt(0.95 x 0.05 / 1000) = 0.7 points of probability per standard error: 4 are allowed.
            assertThat(line.getQuantileLevel()).isEqualTo(0.95);
            var sums = protectionSums(forecasts.get(DemoFlow.key(item.getSeries())), 14);
            double s = line.getOrderUpToLevel();
            double below = java.util.Arrays.stream(sums).filter(v -> v < s - 1e-9).count() / (double) sums.length;
            double atMost = java.util.Arrays.stream(sums).filter(v -> v <= s + 1e-9).count() / (double) sums.length;
            assertThat(below).as("P(D < S) of %s", DemoFlow.key(item.getSeries())).isLessThanOrEqualTo(0.95 + 0.028);
            assertThat(atMost).as("P(D <= S) of %s", DemoFlow.key(item.getSeries())).isGreaterThanOrEqualTo(0.95 - 0.028);
            double shortfall = line.getOrderUpToLevel() - line.getInventoryPosition();
            long pack = Math.max(1, item.getCasePack());
            if (shortfall <= 0) {
                assertThat(line.getOrderQuantity()).isZero();
            } else {
                orders++;
                assertThat(line.getOrderQuantity()).isGreaterThanOrEqualTo(shortfall).isLessThan(shortfall + pack);
                assertThat(line.getOrderQuantity() % pack).isZero();
            }
            assertThat(line.getExplanation()).isNotBlank();
        }
        assertThat(orders).as("the made-up stock leaves some series short").isPositive();
    }

    @Test
    void resendingTheSameSalesChangesNothing() throws Exception {
        var again = flow.ingest(SampleCatalog.records(catalog));
        assertThat(again.getAcceptedCount()).isZero();
        assertThat(again.getDuplicateCount()).isEqualTo(SampleCatalog.records(catalog).size());
        var totals = SampleCatalog.totals(catalog);
        // Proof that the pipeline has processed everything the resend could have caused: ingestion's
        // backlog is empty and feature-service has committed every record of the sales topic.
        var channel = Channels.plaintext(stack.address("ingestion-service"));
        try {
            var ingestion = IngestionServiceGrpc.newBlockingStub(channel);
            await("ingestion's event backlog drained").atMost(Duration.ofSeconds(60)).until(() -> ingestion
                    .withDeadlineAfter(10, TimeUnit.SECONDS).getIngestionStats(GetIngestionStatsRequest.getDefaultInstance())
                    .getOutboxBacklog() == 0);
        } finally {
            Channels.close(channel);
        }
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.infra().kafka().bootstrapServers()))) {
            await("feature-service consumed the sales topic to its end").atMost(Duration.ofSeconds(60))
                    .until(() -> lag(admin, "feature-service", "stockwise.sales.v1") == 0);
        }
        var series = flow.listSeries();
        assertThat(series).hasSize(catalog.size());
        for (var s : series) {
            assertThat(s.getTotalQuantity()).isEqualTo(totals.get(DemoFlow.key(s.getSeries())));
        }
    }

    /** Records of {@code topic} not yet committed by {@code group} (every partition counted, uncommitted ones in full). */
    static long lag(Admin admin, String group, String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get();
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (var p : partitions) {
            var c = committed.get(p);
            lag += ends.get(p).offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    private static int firstNonZero(double[] u) {
        int i = 0;
        while (u[i] == 0) {
            i++;
        }
        return i;
    }

    private static int lastNonZero(double[] u) {
        int i = u.length - 1;
        while (u[i] == 0) {
            i--;
        }
        return i;
    }
}
