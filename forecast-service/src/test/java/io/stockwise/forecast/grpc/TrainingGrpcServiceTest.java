package io.stockwise.forecast.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.stockwise.embedded.StockwiseInfraTestResource;
import io.stockwise.forecast.domain.ModelTrainer;
import io.stockwise.proto.v1.CancelTrainingJobRequest;
import io.stockwise.proto.v1.ForecastRequest;
import io.stockwise.proto.v1.ForecastServiceGrpc;
import io.stockwise.proto.v1.GetTrainingJobRequest;
import io.stockwise.proto.v1.ListForecastsRequest;
import io.stockwise.proto.v1.ListModelsRequest;
import io.stockwise.proto.v1.SeriesForecast;
import io.stockwise.proto.v1.SeriesKey;
import io.stockwise.proto.v1.TrainModelRequest;
import io.stockwise.proto.v1.TrainingJob;
import io.stockwise.proto.v1.TrainingJobStatus;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * TrainModel end to end on a tiny synthetic catalogue with real DJL training (a small network, two
 * epochs), against real PostgreSQL and Kafka; feature-service is a fake collaborator.
 */
@QuarkusTest
@WithTestResource(StockwiseInfraTestResource.class)
@WithTestResource(FeatureServicePortResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainingGrpcServiceTest {
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 140;
    private static final int SERIES = 12;
    private static final int HORIZON = 14;
    private static final LocalDate CUTOFF = START.plusDays(DAYS - 1);

    @TestHTTPResource("/")
    URL url;

    @Inject
    DataSource dataSource;

    @Inject
    ModelTrainer trainer;

    @Inject
    io.stockwise.forecast.domain.ServingChampion serving;

    @Inject
    io.stockwise.forecast.metrics.ServingMetrics servingMetrics;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.grpc.clients.feature.port")
    int featurePort;

    private static FakeFeatureService features;
    private static final java.util.Map<Integer, double[]> DATA = new java.util.HashMap<>();
    private static java.util.List<SeriesForecast> firstChampion;
    private ManagedChannel channel;
    private ForecastServiceGrpc.ForecastServiceBlockingStub forecasts;

    @BeforeEach
    void connect() {
        if (features == null) {
            features = FakeFeatureService.start(featurePort);
            var rnd = new Random(3);
            for (int i = 0; i < SERIES; i++) {
                double level = i % 4 == 0 ? 0.4 : 2 + i;
                var y = new double[DAYS];
                for (int t = 0; t < DAYS; t++) {
                    int dow = START.plusDays(t).getDayOfWeek().getValue();
                    double mean = dow == 6 ? 0 : level * (dow == 1 ? 1.5 : 1);
                    y[t] = Math.floor(mean + rnd.nextDouble() * Math.sqrt(mean + 1) * 2);
                }
                features.putCatalogue(sku(i), "default", START, y);
                DATA.put(i, y);
            }
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

    private static String sku(int i) {
        return String.format("TRAIN%02d", i);
    }

    private static SeriesKey key(int i) {
        return SeriesKey.newBuilder().setSkuId(sku(i)).setLocationId("default").build();
    }

    @Test
    @Order(1)
    void beforeAnyTrainingTheBaselineServes() {
        var f = forecasts.forecast(ForecastRequest.newBuilder().addSeries(key(1)).setHorizonDays(HORIZON).build());
        assertThat(f.getForecasts(0).getModel()).isEqualTo("seasonal_naive");
    }

    @Test
    @Order(2)
    void trainsRegistersAndServesTheChampion() throws Exception {
        var jobId = forecasts.trainModel(TrainModelRequest.newBuilder().setHorizonDays(HORIZON).setSeed(7).build())
                .getJobId();
        // One job at a time.
        assertThatThrownBy(() -> forecasts.trainModel(TrainModelRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(errorInfo(e).getReason()).isEqualTo("TRAINING_JOB_RUNNING");
                });

        var seen = new LinkedHashSet<TrainingJobStatus>();
        var job = await(jobId, seen, 120);
        assertThat(job.getStatus()).as(job.getMessage()).isEqualTo(TrainingJobStatus.TRAINING_JOB_STATUS_SUCCEEDED);
        assertThat(seen).contains(TrainingJobStatus.TRAINING_JOB_STATUS_RUNNING,
                TrainingJobStatus.TRAINING_JOB_STATUS_SUCCEEDED);
        assertThat(seen).doesNotContain(TrainingJobStatus.TRAINING_JOB_STATUS_FAILED);
        assertThat(job.getProgress()).isEqualTo(1.0);
        assertThat(job.getModelVersion()).isEqualTo("champion-" + jobId);

        // The registry row: champion, parameters, metrics of every candidate, the network's bytes.
        var models = forecasts.listModels(ListModelsRequest.newBuilder().setPageSize(1).build());
        var model = models.getModels(0);
        assertThat(model.getModelVersion()).isEqualTo(job.getModelVersion());
        assertThat(model.getChampion()).isTrue();
        assertThat(model.getJobId()).isEqualTo(jobId);
        assertThat(model.getAsOfDate()).isEqualTo(ProtoDates.toProto(CUTOFF));
        assertThat(model.getParametersJson().replace(" ", "")).contains("\"seed\":7").contains("\"horizon\":" + HORIZON);
        assertThat(model.getMetricsList()).extracting(m -> m.getModel())
                .contains("seasonal_naive", "ets", "mq_mlp", "champion");
        assertThat(model.getMetricsList()).allSatisfy(m -> assertThat(m.getCoverageCount()).isEqualTo(4));
        assertThat(model.getArtifactSizeBytes()).isPositive();
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "SELECT octet_length(artifact) FROM model_version WHERE version = ?")) {
            ps.setString(1, job.getModelVersion());
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(model.getArtifactSizeBytes());
            }
        }

        // Served forecasts equal the stored champion forecasts, for the whole catalogue.
        var request = ForecastRequest.newBuilder().setHorizonDays(HORIZON);
        for (int i = 0; i < SERIES; i++) {
            request.addSeries(key(i));
        }
        var served = forecasts.forecast(request.build()).getForecastsList();
        firstChampion = served;
        assertThat(served).hasSize(SERIES);
        for (int i = 0; i < SERIES; i++) {
            var f = served.get(i);
            assertThat(f.getSeries()).isEqualTo(key(i));
            assertThat(f.getModel()).isEqualTo("champion");
            assertThat(f.getModelVersion()).isEqualTo(job.getModelVersion());
            assertThat(f.getAsOfDate()).isEqualTo(ProtoDates.toProto(CUTOFF));
            assertThat(f.getDaysCount()).isEqualTo(HORIZON);
            var stored = forecasts.listForecasts(ListForecastsRequest.newBuilder().setSeries(key(i)).setPageSize(1).build())
                    .getForecasts(0);
            assertThat(f).isEqualTo(stored);
        }
        // The same with the cutoff asked for explicitly, and cut to a shorter horizon.
        var shorter = forecasts.forecast(ForecastRequest.newBuilder().addSeries(key(2)).setHorizonDays(7)
                .setAsOfDate(ProtoDates.toProto(CUTOFF)).build()).getForecasts(0);
        assertThat(shorter.getModel()).isEqualTo("champion");
        assertThat(shorter.getDaysList()).isEqualTo(served.get(2).getDaysList().subList(0, 7));
        // Each champion forecast was published through the outbox.
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "SELECT count(*) FROM forecast WHERE model_version = ?")) {
            ps.setString(1, job.getModelVersion());
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(SERIES);
            }
        }
        // A named model is computed as before.
        var named = forecasts.forecast(ForecastRequest.newBuilder().addSeries(key(2)).setModel("ets").build());
        assertThat(named.getForecasts(0).getModel()).isEqualTo("ets");
        // A longer horizon than the champion's: the baseline computes it.
        assertThat(forecasts.forecast(ForecastRequest.newBuilder().addSeries(key(2)).setHorizonDays(HORIZON + 1)
                .build()).getForecasts(0).getModel()).isEqualTo("seasonal_naive");
    }

    @Test
    @Order(3)
    void theChampionForecastsOtherDaysOnRequestAsForecastCoreDoesOffline() throws Exception {
        // The tiny catalogue's backtest may prefer baselines everywhere; so that the network surely
        // serves, register the trained network (its artifact) under a choice that routes fast series
        // to it and intermittent ones to its average with TSB, as the registry would hold it.
        var trained = firstChampion.get(0).getModelVersion();
        var version = "champion-net";
        try (var c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var off = c.prepareStatement("UPDATE model_version SET champion = false WHERE champion");
                    var ins = c.prepareStatement("INSERT INTO model_version (version, model, job_id, as_of_date,"
                            + " horizon_days, parameters, artifact, champion, created_at) SELECT ?, model, job_id,"
                            + " as_of_date, horizon_days, jsonb_set(parameters, '{choice}', ?::jsonb), artifact, true,"
                            + " now() FROM model_version WHERE version = ?")) {
                off.executeUpdate();
                ins.setString(1, version);
                ins.setString(2, "{\"FAST\":\"mq_mlp\",\"INTERMITTENT\":\"tsb+mq_mlp\",\"NEW\":\"weekday_ma\"}");
                ins.setString(3, trained);
                assertThat(ins.executeUpdate()).isEqualTo(1);
            }
            c.commit();
        }
        serving.reload();
        try {
            // No forecast of this version is stored: the loaded champion computes the whole request
            // on the fresh histories (as of three days before the cutoff), the network's series in one batch.
            var asOf = CUTOFF.minusDays(3);
            var request = ForecastRequest.newBuilder().setHorizonDays(HORIZON).setAsOfDate(ProtoDates.toProto(asOf));
            for (int i = 0; i < SERIES; i++) {
                request.addSeries(key(i));
            }
            var served = forecasts.forecast(request.build()).getForecastsList();

            // Offline: forecast-core on the registry's artifact and choice, for the same histories.
            byte[] artifact;
            String parameters;
            try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                    "SELECT artifact, parameters::text FROM model_version WHERE version = ?")) {
                ps.setString(1, version);
                try (var rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    artifact = rs.getBytes(1);
                    parameters = rs.getString(2);
                }
            }
            var plan = io.stockwise.forecast.core.ChampionPlan.fromParametersJson(parameters);
            assertThat(plan.usesNetwork()).isTrue();
            var histories = new ArrayList<io.stockwise.forecast.core.DemandSeries>();
            for (int i = 0; i < SERIES; i++) {
                histories.add(io.stockwise.forecast.core.DemandSeries.of(sku(i) + "/default", START,
                        java.util.Arrays.copyOf(DATA.get(i), DAYS - 3)));
            }
            java.util.List<io.stockwise.forecast.core.QuantileForecast> offline;
            try (var pool = new io.stockwise.forecast.core.neural.MqPredictorPool(
                    io.stockwise.forecast.core.neural.MqNetwork.fromBytes(artifact, "cpu"), 1, null)) {
                offline = plan.forecast(histories, HORIZON, pool::forecast);
            }
            assertThat(served).hasSize(SERIES);
            for (int i = 0; i < SERIES; i++) {
                var f = served.get(i);
                assertThat(f.getModel()).isEqualTo("champion");
                assertThat(f.getModelVersion()).isEqualTo(version);
                assertThat(f.getAsOfDate()).isEqualTo(ProtoDates.toProto(asOf));
                assertEqualsOffline(f, offline.get(i));
            }
            // Stored and published like every computed forecast; the same request is now served from the store.
            assertThat(forecasts.forecast(request.build()).getForecastsList()).isEqualTo(served);
            try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                    "SELECT count(*) FROM forecast WHERE model_version = ? AND as_of_date = ?")) {
                ps.setString(1, version);
                ps.setDate(2, java.sql.Date.valueOf(asOf));
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(SERIES);
                }
            }
            var text = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(gauge(text, "stockwise_forecast_predictors")).isPositive();
            assertThat(text).contains("stockwise_forecast_series_forecast_total{model=\"champion\"}");
        } finally {
            try (var c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (var del = c.prepareStatement("DELETE FROM model_version WHERE version = ?");
                        var on = c.prepareStatement("UPDATE model_version SET champion = true WHERE version = ?")) {
                    del.setString(1, version);
                    del.executeUpdate();
                    on.setString(1, trained);
                    on.executeUpdate();
                }
                c.commit();
            }
            serving.reload();
        }
    }

    private static void assertEqualsOffline(SeriesForecast served, io.stockwise.forecast.core.QuantileForecast offline) {
        assertThat(served.getDaysCount()).isEqualTo(offline.horizon());
        for (int h = 0; h < offline.horizon(); h++) {
            var day = served.getDays(h);
            assertThat(day.getDate()).isEqualTo(ProtoDates.toProto(offline.firstDate().plusDays(h)));
            assertThat(day.getMean()).isEqualTo(offline.mean()[h]);
            assertThat(day.getQuantilesList()).containsExactly(java.util.Arrays.stream(offline.quantiles()[h]).boxed()
                    .toArray(Double[]::new));
        }
    }

    @Test
    @Order(4)
    void listsForecastsNewestFirstPageByPage() {
        var series = key(5);
        for (int i = 0; i < 3; i++) {
            forecasts.forecast(ForecastRequest.newBuilder().addSeries(series).setModel("seasonal_naive")
                    .setHorizonDays(3 + i).build());
        }
        var all = new ArrayList<SeriesForecast>();
        String token = "";
        int pages = 0;
        do {
            var page = forecasts.listForecasts(ListForecastsRequest.newBuilder().setSeries(series).setPageSize(2)
                    .setPageToken(token).build());
            assertThat(page.getForecastsCount()).isLessThanOrEqualTo(2);
            all.addAll(page.getForecastsList());
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty() && pages < 10);
        // Three seasonal-naive forecasts (newest, horizon 5, first), then the champion's (and maybe the first test's).
        assertThat(all.size()).isGreaterThanOrEqualTo(4);
        assertThat(all.subList(0, 3)).extracting(SeriesForecast::getDaysCount).containsExactly(5, 4, 3);
        assertThat(all.get(3).getModel()).isEqualTo("champion");
        for (int i = 1; i < all.size(); i++) {
            assertThat(instant(all.get(i)))
                    .isBeforeOrEqualTo(instant(all.get(i - 1)));
        }
        assertThatThrownBy(() -> forecasts.listForecasts(ListForecastsRequest.newBuilder().setSeries(series)
                .setPageToken("not-a-token").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(badRequest(e).getFieldViolations(0).getField()).isEqualTo("page_token");
                });
        assertThatThrownBy(() -> forecasts.listForecasts(ListForecastsRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(badRequest(e).getFieldViolations(0).getField()).isEqualTo("series.sku_id"));
    }

    @Test
    @Order(5)
    void cancelsARunningJob() throws Exception {
        var jobId = forecasts.trainModel(TrainModelRequest.newBuilder().setHorizonDays(HORIZON).setEpochs(500).build())
                .getJobId();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        var running = get(jobId);
        while (!running.getMessage().startsWith("training mq_mlp") && System.nanoTime() < end) {
            Thread.sleep(20);
            running = get(jobId);
        }
        assertThat(running.getStatus()).isEqualTo(TrainingJobStatus.TRAINING_JOB_STATUS_RUNNING);
        assertThat(running.getProgress()).isBetween(0.1, 0.9);
        var cancelled = forecasts.cancelTrainingJob(CancelTrainingJobRequest.newBuilder().setJobId(jobId).build()).getJob();
        assertThat(cancelled.getStatus()).isEqualTo(TrainingJobStatus.TRAINING_JOB_STATUS_CANCELLED);
        // The worker stops; the job stays cancelled and never registers a model.
        org.awaitility.Awaitility.await("the cancelled job's worker stops").atMost(java.time.Duration.ofSeconds(60))
                .until(() -> !trainer.pending().contains(jobId));
        var job = get(jobId);
        assertThat(job.getStatus()).isEqualTo(TrainingJobStatus.TRAINING_JOB_STATUS_CANCELLED);
        assertThat(job.getModelVersion()).isEmpty();
        // Cancelling a finished job returns it unchanged.
        assertThat(forecasts.cancelTrainingJob(CancelTrainingJobRequest.newBuilder().setJobId(jobId).build()).getJob()
                .getStatus()).isEqualTo(TrainingJobStatus.TRAINING_JOB_STATUS_CANCELLED);
        // No job is active any more: a new one may start (and is cancelled too).
        var next = forecasts.trainModel(TrainModelRequest.newBuilder().setHorizonDays(HORIZON).setEpochs(500).build());
        assertThat(forecasts.cancelTrainingJob(CancelTrainingJobRequest.newBuilder().setJobId(next.getJobId()).build())
                .getJob().getStatus()).isEqualTo(TrainingJobStatus.TRAINING_JOB_STATUS_CANCELLED);
        // The champion still serves.
        var f = forecasts.forecast(ForecastRequest.newBuilder().addSeries(key(1)).setHorizonDays(HORIZON).build());
        assertThat(f.getForecasts(0).getModel()).isEqualTo("champion");
    }

    @Test
    @Order(6)
    void aJobLeftRunningByAStoppedProcessIsFailedAsInterrupted() throws Exception {
        // Wait until the cancelled job's worker is done, then fake a job a crashed process left behind.
        long id;
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("INSERT INTO training_job"
                + " (status, horizon_days, seed, epochs, created_at, updated_at) VALUES ('RUNNING', 28, 0, 0, now(), now())"
                + " RETURNING id")) {
            try (var rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        assertThat(trainer.recover()).isEqualTo(1);
        var job = get(Long.toString(id));
        assertThat(job.getStatus()).isEqualTo(TrainingJobStatus.TRAINING_JOB_STATUS_FAILED);
        assertThat(job.getMessage()).contains("interrupted");
    }

    @Test
    @Order(7)
    void unknownJobsAreNotFound() {
        assertThatThrownBy(() -> forecasts.getTrainingJob(GetTrainingJobRequest.newBuilder().setJobId("999999").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(errorInfo(e).getReason()).isEqualTo("TRAINING_JOB_NOT_FOUND");
                });
        assertThatThrownBy(() -> forecasts.trainModel(TrainModelRequest.newBuilder().setHorizonDays(400).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(badRequest(e).getFieldViolations(0).getField()).isEqualTo("horizon_days"));
    }

    @Test
    @Order(8)
    void aDemandChangeReforecastsThatSeriesWithTheChampionAndPublishesIt() throws Exception {
        // Demand of the cutoff day is corrected: the champion's stored forecast is outdated.
        var original = DATA.get(7);
        var corrected = original.clone();
        corrected[DAYS - 1] += 25;
        features.putCatalogue(sku(7), "default", START, corrected);
        var props = io.stockwise.commons.kafka.KafkaSettings.consumer(bootstrapServers,
                "training-test-" + java.util.UUID.randomUUID(), "training-test", java.util.Map.of());
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(props)) {
            var partitions = consumer.partitionsFor("stockwise.forecasts.v1").stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            var event = io.stockwise.proto.v1.DemandUpdatedEvent.newBuilder().setSeries(key(7))
                    .setFirstChangedDate(ProtoDates.toProto(CUTOFF)).setLastChangedDate(ProtoDates.toProto(CUTOFF)).build();
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
                    io.stockwise.commons.kafka.KafkaSettings.producer(bootstrapServers, "training-test",
                            java.time.Duration.ofSeconds(20)))) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("stockwise.demand.v1",
                        sku(7) + "/default", event.toByteArray())).get(20, TimeUnit.SECONDS);
            }
            // A demand event in, a new champion forecast of that series out on stockwise.forecasts.v1.
            SeriesForecast published = null;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (published == null && System.nanoTime() < end) {
                for (var r : consumer.poll(java.time.Duration.ofMillis(500))) {
                    var f = io.stockwise.proto.v1.ForecastPublishedEvent.parseFrom(r.value()).getForecast();
                    if (f.getSeries().equals(key(7))) {
                        published = f;
                    }
                }
            }
            assertThat(published).as("a stockwise.forecasts.v1 record of " + sku(7)).isNotNull();
            assertThat(published.getModel()).isEqualTo("champion");
            assertThat(published.getModelVersion()).isEqualTo(firstChampion.get(7).getModelVersion());
            assertThat(published.getAsOfDate()).isEqualTo(ProtoDates.toProto(CUTOFF));
            assertThat(published.getDaysList()).isNotEqualTo(firstChampion.get(7).getDaysList());

            // Forecast now serves the refreshed forecast (from the store); other series keep theirs.
            var served = forecasts.forecast(ForecastRequest.newBuilder().addSeries(key(7)).setHorizonDays(HORIZON)
                    .build()).getForecasts(0);
            assertThat(served).isEqualTo(published);
            assertThat(forecasts.forecast(ForecastRequest.newBuilder().addSeries(key(8)).setHorizonDays(HORIZON).build())
                    .getForecasts(0)).isEqualTo(firstChampion.get(8));
        } finally {
            features.putCatalogue(sku(7), "default", START, original);
        }
        var text = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(gauge(text, "stockwise_forecast_refresh_forecasts_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(gauge(text, "stockwise_forecast_refresh_stale_forecasts_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(gauge(text, "stockwise_forecast_refresh_failures_total")).isZero();
    }

    @Test
    @Order(9)
    void retrainingWithTheSameSeedReproducesTheModelAndTheNewVersionServes() throws Exception {
        var jobId = forecasts.trainModel(TrainModelRequest.newBuilder().setHorizonDays(HORIZON).setSeed(7).build())
                .getJobId();
        var job = await(jobId, new LinkedHashSet<>(), 120);
        assertThat(job.getStatus()).as(job.getMessage()).isEqualTo(TrainingJobStatus.TRAINING_JOB_STATUS_SUCCEEDED);
        assertThat(job.getModelVersion()).isNotEqualTo(firstChampion.get(0).getModelVersion());

        var request = ForecastRequest.newBuilder().setHorizonDays(HORIZON);
        for (int i = 0; i < SERIES; i++) {
            request.addSeries(key(i));
        }
        var served = forecasts.forecast(request.build()).getForecastsList();
        for (int i = 0; i < SERIES; i++) {
            assertThat(served.get(i).getModelVersion()).isEqualTo(job.getModelVersion());
            assertThat(served.get(i).getDaysList()).as(sku(i)).isEqualTo(firstChampion.get(i).getDaysList());
        }

        // The registry, page by page: the new version is the champion, the first one no longer.
        var first = forecasts.listModels(ListModelsRequest.newBuilder().setPageSize(1).build());
        assertThat(first.getModels(0).getModelVersion()).isEqualTo(job.getModelVersion());
        assertThat(first.getModels(0).getChampion()).isTrue();
        assertThat(first.getNextPageToken()).isNotEmpty();
        var second = forecasts.listModels(ListModelsRequest.newBuilder().setPageSize(1)
                .setPageToken(first.getNextPageToken()).build());
        assertThat(second.getModels(0).getModelVersion()).isEqualTo(firstChampion.get(0).getModelVersion());
        assertThat(second.getModels(0).getChampion()).isFalse();
        assertThat(second.getNextPageToken()).isEmpty();
        assertThat(second.getModels(0).getMetricsList()).isEqualTo(first.getModels(0).getMetricsList());

        io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("stockwise_forecast_training_jobs_total{outcome=\"succeeded\"} 2.0"))
                .body(org.hamcrest.Matchers.containsString("stockwise_forecast_training_duration_seconds_count{outcome=\"cancelled\"}"))
                .body(org.hamcrest.Matchers.containsString("stockwise_forecast_refresh_stale_forecasts_total"));

        // Serving gauges: the new champion's info and backtest, fresh forecasts.
        servingMetrics.refresh();
        var champion = first.getModels(0).getMetricsList().stream().filter(m -> m.getModel().equals("champion"))
                .findFirst().orElseThrow();
        var text = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(text).containsPattern("\nstockwise_model_info\\{device=\"(cpu|gpu)\",model=\"champion\",version=\""
                + java.util.regex.Pattern.quote(job.getModelVersion()) + "\"} 1.0\n");
        assertThat(text).doesNotContain("version=\"" + firstChampion.get(0).getModelVersion() + "\"");
        assertThat(gauge(text, "stockwise_forecast_backtest_wspl")).isCloseTo(champion.getWspl(), within(1e-9));
        assertThat(gauge(text, "stockwise_forecast_backtest_wrmsse")).isCloseTo(champion.getWrmsse(), within(1e-9));
        assertThat(gauge(text, "stockwise_forecast_age_seconds")).isBetween(0.0, 600.0);
    }

    /** The value of an unlabelled gauge in a Prometheus text exposition. */
    private static double gauge(String text, String name) {
        var m = java.util.regex.Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(text);
        assertThat(m.find()).as(name).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static java.time.Instant instant(SeriesForecast f) {
        return java.time.Instant.ofEpochSecond(f.getCreateTime().getSeconds(), f.getCreateTime().getNanos());
    }

    private TrainingJob get(String jobId) {
        return forecasts.getTrainingJob(GetTrainingJobRequest.newBuilder().setJobId(jobId).build()).getJob();
    }

    private TrainingJob await(String jobId, java.util.Set<TrainingJobStatus> seen, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        double progress = 0;
        while (true) {
            var job = get(jobId);
            seen.add(job.getStatus());
            assertThat(job.getProgress()).isGreaterThanOrEqualTo(progress).isBetween(0.0, 1.0);
            progress = job.getProgress();
            if (job.getStatus() != TrainingJobStatus.TRAINING_JOB_STATUS_QUEUED
                    && job.getStatus() != TrainingJobStatus.TRAINING_JOB_STATUS_RUNNING) {
                return job;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("job " + jobId + " did not finish in " + seconds + " s: " + job);
            }
            Thread.sleep(100);
        }
    }

    private static ErrorInfo errorInfo(StatusRuntimeException e) throws RuntimeException {
        try {
            for (var d : StatusProto.fromThrowable(e).getDetailsList()) {
                if (d.is(ErrorInfo.class)) {
                    return d.unpack(ErrorInfo.class);
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException x) {
            throw new IllegalStateException(x);
        }
        throw new AssertionError("no ErrorInfo in " + e);
    }

    private static BadRequest badRequest(StatusRuntimeException e) {
        try {
            for (var d : StatusProto.fromThrowable(e).getDetailsList()) {
                if (d.is(BadRequest.class)) {
                    return d.unpack(BadRequest.class);
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException x) {
            throw new IllegalStateException(x);
        }
        throw new AssertionError("no BadRequest in " + e);
    }
}
