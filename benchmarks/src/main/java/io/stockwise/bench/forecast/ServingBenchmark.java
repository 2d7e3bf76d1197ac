package io.stockwise.bench.forecast;

import io.grpc.ManagedChannel;
import io.stockwise.bench.BenchSupport;
import io.stockwise.cli.demo.SampleCatalog;
import io.stockwise.cli.demo.ServiceProcess;
import io.stockwise.cli.grpc.Channels;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.embedded.StockwiseInfra;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.neural.MqConfig;
import io.stockwise.forecast.core.neural.MqNetwork;
import io.stockwise.forecast.core.neural.MqPredictorPool;
import io.stockwise.forecast.core.neural.TrainingMonitor;
import io.stockwise.proto.v1.FeatureServiceGrpc;
import io.stockwise.proto.v1.ForecastRequest;
import io.stockwise.proto.v1.ForecastServiceGrpc;
import io.stockwise.proto.v1.SaleEvent;
import io.stockwise.proto.v1.SaleRecord;
import io.stockwise.proto.v1.StreamDemandHistoryRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Serving latency and throughput of {@code Forecast} for one series per call at 64 concurrent
 * callers on loopback, against real feature-service and forecast-service processes on an embedded
 * PostgreSQL and Kafka, compared in the same run with the same model's DJL predictors called
 * in-process from the same number of threads (a pool of one predictor per core, as the service
 * holds).
 *
 * <p>Steps: a generated catalogue is produced to {@code stockwise.sales.v1} and aggregated by
 * feature-service; the benchmark reads every history back ({@code StreamDemandHistory}), trains a
 * small network in-process on them and registers it in forecast-service's registry as the
 * champion with every segment routed to the network (so every call runs the network); the service
 * loads it into its predictor pool. After 30 s of warm-up calls (the service's code compiled),
 * for {@code --seconds} each:
 *
 * <ol>
 *   <li><b>gRPC, model seasonal_naive</b>: the same history read, store and publish, no network;
 *   <li><b>gRPC, computed on request</b>: every call asks for another (series, as-of day) pair, so
 *       nothing is served from the store: read the history from feature-service, run the network,
 *       store and publish the forecast;
 *   <li><b>gRPC, from the store</b>: the same pairs again (the stored champion forecasts);
 *   <li>feature-service's {@code GetDemandHistory} alone;
 *   <li><b>in-process</b>: the same (series, as-of day) histories through the pooled predictors.
 * </ol>
 */
@Command(name = "ServingBenchmark", mixinStandardHelpOptions = true,
        description = "Forecast over gRPC at N concurrent callers vs the DJL predictors in-process.")
public class ServingBenchmark implements Callable<Integer> {
    private static final String SALES = "stockwise.sales.v1";
    private static final String VERSION = "champion-bench";

    @Option(names = "--skus", defaultValue = "100", description = "Generated SKUs, 3 locations each (default: ${DEFAULT-VALUE}).")
    int skus;

    @Option(names = "--days", defaultValue = "365", description = "Days of history per series (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--callers", defaultValue = "64", description = "Concurrent callers (default: ${DEFAULT-VALUE}).")
    int callers;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds per phase (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--as-of-days", defaultValue = "180", description = "Distinct as-of days per series (default: ${DEFAULT-VALUE}).")
    int asOfDays;

    @Option(names = "--pool-size", defaultValue = "0",
            description = "forecast-service's predictor pool size (stockwise.forecast.serving.pool-size; 0: its default).")
    int poolSize;

    @Option(names = "--service-java-options", defaultValue = "",
            description = "JAVA_TOOL_OPTIONS of forecast-service, e.g. a flight recording (default: none).")
    String serviceJavaOptions;

    @Option(names = "--work-dir", description = "Data and logs (default: <home>/.stockwise/bench-serving, wiped first).")
    Path workDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServingBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        var home = Path.of(System.getProperty("stockwise.home", ".")).toAbsolutePath().normalize();
        var dir = workDir != null ? workDir : home.resolve(".stockwise/bench-serving");
        ServiceProcess.deleteTree(dir);
        for (var svc : List.of("feature-service", "forecast-service")) {
            if (!Files.isRegularFile(ServiceProcess.jar(home, svc))) {
                throw new IllegalStateException(ServiceProcess.jar(home, svc) + " is missing: ./mvnw -q -B -o -pl " + svc
                        + " install -DskipTests");
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("machine: %d cores, load average %s%n", cores, BenchSupport.loadAverage());
        var lastDay = LocalDate.of(2026, 6, 30);
        var processes = new ArrayList<Process>();
        ManagedChannel featureChannel = null;
        ManagedChannel forecastChannel = null;
        try (var infra = StockwiseInfra.start(dir.resolve("data"))) {
            infra.kafka().createTopics(Map.of(SALES, 3, "stockwise.sales.dlq.v1", 1, "stockwise.demand.v1", 3,
                    "stockwise.forecasts.v1", 3, "stockwise.calendar.v1", 1, "stockwise.prices.v1", 3));
            long lines = produce(infra.bootstrapServers(), lastDay);
            int featurePort = ServiceProcess.freePort();
            int forecastPort = ServiceProcess.freePort();
            processes.add(ServiceProcess.start(home, "feature-service", infra, featurePort, Map.of(), "1g",
                    dir.resolve("logs/feature-service.log")));
            ServiceProcess.awaitReady("feature-service", featurePort, processes.get(0), dir.resolve("logs/feature-service.log"),
                    Duration.ofSeconds(180));
            long t0 = System.nanoTime();
            awaitConsumed(infra.bootstrapServers(), SALES, "feature-service", Duration.ofMinutes(10));
            System.out.printf("feature-service aggregated %,d sales lines in %.1f s%n", lines, (System.nanoTime() - t0) / 1e9);

            featureChannel = Channels.plaintext("127.0.0.1:" + featurePort);
            var histories = readHistories(featureChannel);
            var end = histories.stream().map(DemandSeries::lastDate).max(LocalDate::compareTo).orElseThrow();
            var cut = histories.stream().map(s -> s.endingOn(end)).toList();
            System.out.printf("read %d series back, last day %s%n", cut.size(), end);

            // The champion: a small network trained in-process on exactly these histories.
            var config = MqConfig.defaults(28).withEpochs(2).withMaxSamples(20_000).withDevice("cpu");
            long t1 = System.nanoTime();
            byte[] artifact;
            try (var net = MqNetwork.train(cut, config, TrainingMonitor.NONE)) {
                artifact = net.toBytes();
            }
            System.out.printf("trained mq_mlp (%d x %d, %d epochs, %d windows) in %.1f s, artifact %,d bytes%n",
                    config.layers(), config.hidden(), config.epochs(), config.maxSamples(), (System.nanoTime() - t1) / 1e9,
                    artifact.length);

            var env = new HashMap<String, String>(Map.of(
                    "QUARKUS_GRPC_CLIENTS_FEATURE_HOST", "127.0.0.1",
                    "QUARKUS_GRPC_CLIENTS_FEATURE_PORT", Integer.toString(featurePort),
                    "STOCKWISE_FORECAST_SERVING_CHAMPION_CHECK_INTERVAL", "PT1S"));
            if (poolSize > 0) {
                env.put("STOCKWISE_FORECAST_SERVING_POOL_SIZE", Integer.toString(poolSize));
            }
            if (!serviceJavaOptions.isBlank()) {
                env.put("JAVA_TOOL_OPTIONS", serviceJavaOptions);
            }
            processes.add(ServiceProcess.start(home, "forecast-service", infra, forecastPort, env,
                    "1g", dir.resolve("logs/forecast-service.log")));
            ServiceProcess.awaitReady("forecast-service", forecastPort, processes.get(1),
                    dir.resolve("logs/forecast-service.log"), Duration.ofSeconds(180));
            // Let the refresh consumer work through the demand changes of the seeding first.
            awaitConsumed(infra.bootstrapServers(), "stockwise.demand.v1", "forecast-service", Duration.ofMinutes(5));
            register(infra, artifact, end, config);

            forecastChannel = Channels.plaintext("127.0.0.1:" + forecastPort);
            var stub = ForecastServiceGrpc.newBlockingStub(forecastChannel);
            int n = cut.size();
            LongFunction<ForecastRequest> request = k -> ForecastRequest.newBuilder()
                    .addSeries(SampleKeys.key(cut.get((int) (k % n)).id()))
                    .setHorizonDays(28)
                    .setAsOfDate(ProtoDates.toProto(end.minusDays((k / n) % asOfDays)))
                    .build();
            awaitServing(stub, request.apply(0));

            long pairs = (long) n * asOfDays;
            // Warm-up (JIT, connections), on pairs the measured phase does not use.
            var counter = new AtomicLong(pairs / 2);
            run("warm-up", 20, k -> stub.withDeadlineAfter(30, TimeUnit.SECONDS).forecast(request.apply(k)), counter);

            // A call of a baseline model: the same history read, store and publish, without the network
            // (first, so both gRPC paths are measured after their code is compiled).
            run("warm-up seasonal_naive", 10, k -> stub.withDeadlineAfter(30, TimeUnit.SECONDS).forecast(request.apply(k)
                    .toBuilder().setModel("seasonal_naive").build()), new AtomicLong(pairs / 2));
            var baseline = run("gRPC Forecast, model seasonal_naive (computed)", seconds,
                    k -> stub.withDeadlineAfter(30, TimeUnit.SECONDS).forecast(request.apply(k).toBuilder()
                            .setModel("seasonal_naive").build()), new AtomicLong());

            counter.set(0);
            var before = inferenceSeconds(forecastPort);
            var computed = run("gRPC Forecast, computed on request", seconds,
                    k -> stub.withDeadlineAfter(30, TimeUnit.SECONDS).forecast(request.apply(k)), counter);
            var after = inferenceSeconds(forecastPort);
            System.out.printf(Locale.ROOT, "  in the service: champion inference (predictor wait + forward pass) %.2f ms per call%n",
                    (after[0] - before[0]) / Math.max(1, after[1] - before[1]) * 1000);
            long distinct = Math.min(counter.get(), pairs / 2);
            if (counter.get() > pairs / 2) {
                System.out.printf("  WARNING: %,d calls for %,d distinct pairs: some were served from the store%n",
                        counter.get(), pairs / 2);
            }
            var onlyStored = new AtomicLong();
            var stored = run("gRPC Forecast, from the store", seconds,
                    k -> stub.withDeadlineAfter(30, TimeUnit.SECONDS).forecast(request.apply(k % distinct)), onlyStored);

            // Where the time of a computed call goes: the history read alone.
            var featureStub = FeatureServiceGrpc.newBlockingStub(featureChannel);
            var reads = run("feature-service GetDemandHistory alone", seconds, k -> featureStub
                    .withDeadlineAfter(30, TimeUnit.SECONDS).getDemandHistory(io.stockwise.proto.v1.GetDemandHistoryRequest
                            .newBuilder().setSeries(request.apply(k).getSeries(0)).setEndDate(request.apply(k).getAsOfDate())
                            .build()), new AtomicLong());

            // In-process: the same model (the artifact's bytes), a pool of one predictor per core.
            try (var pool = new MqPredictorPool(MqNetwork.fromBytes(artifact, "cpu"), cores, null)) {
                LongFunction<DemandSeries> history = k -> cut.get((int) (k % n)).endingOn(end.minusDays((k / n) % asOfDays));
                run("in-process warm-up", 3, k -> pool.forecast(List.of(history.apply(k))), new AtomicLong());
                var inProcess = run("in-process DJL predictors (pool of " + cores + ")", seconds,
                        k -> pool.forecast(List.of(history.apply(k))), new AtomicLong());

                System.out.println();
                System.out.printf("| path (%d callers, one series per call, horizon 28) | calls/s | p50 ms | p95 ms | p99 ms |%n", callers);
                System.out.println("| --- | ---: | ---: | ---: | ---: |");
                row("gRPC `Forecast`, computed on request (history read, network, store + publish)", computed);
                row("gRPC `Forecast`, served from the store", stored);
                row("gRPC `Forecast` with `model` seasonal_naive (history read, store + publish, no network)", baseline);
                row("feature-service `GetDemandHistory` alone", reads);
                row("in-process DJL predictors, pool of " + cores + " (baseline)", inProcess);
                System.out.printf(Locale.ROOT, "computed on request / in-process throughput: %.2f%n",
                        computed.rate() / inProcess.rate());
            }
            System.out.printf("load average after: %s%n", BenchSupport.loadAverage());
        } finally {
            if (forecastChannel != null) {
                Channels.close(forecastChannel);
            }
            if (featureChannel != null) {
                Channels.close(featureChannel);
            }
            for (var p : processes) {
                p.destroy();
            }
            for (var p : processes) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        return 0;
    }

    /** Series keys as the services spell them ({@code sku/location}). */
    private static final class SampleKeys {
        static io.stockwise.proto.v1.SeriesKey key(String id) {
            int slash = id.indexOf('/');
            return io.stockwise.proto.v1.SeriesKey.newBuilder().setSkuId(id.substring(0, slash))
                    .setLocationId(id.substring(slash + 1)).build();
        }
    }

    private record Result(long calls, double seconds, long[] nanos, long errors) {
        double rate() {
            return calls / seconds;
        }

        double percentile(double p) {
            return nanos.length == 0 ? Double.NaN : nanos[Math.min(nanos.length - 1, (int) Math.floor(p * nanos.length))] / 1e6;
        }
    }

    private static void row(String name, Result r) {
        System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2f | %.2f | %.2f |%n", name, r.rate(), r.percentile(0.5),
                r.percentile(0.95), r.percentile(0.99));
    }

    @FunctionalInterface
    private interface Call {
        void run(long k) throws Exception;
    }

    /** {@link #callers} threads call {@code call} with the next value of {@code counter} until {@code secs} pass. */
    private Result run(String name, int secs, Call call, AtomicLong counter) throws InterruptedException {
        var latencies = new ArrayList<long[]>();
        var counts = new int[callers];
        var errors = new AtomicLong();
        var start = new CountDownLatch(1);
        var done = new CountDownLatch(callers);
        long[] window = new long[2];
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < callers; c++) {
            var mine = new long[1 << 16];
            latencies.add(mine);
            int id = c;
            var t = new Thread(() -> {
                try {
                    start.await();
                    long stop = window[1];
                    long[] buf = latencies.get(id);
                    int i = 0;
                    while (System.nanoTime() < stop) {
                        long k = counter.getAndIncrement();
                        long s = System.nanoTime();
                        try {
                            call.run(k);
                        } catch (Exception e) {
                            if (errors.getAndIncrement() < 3) {
                                System.out.println("  error: " + e);
                            }
                            continue;
                        }
                        if (i == buf.length) {
                            buf = Arrays.copyOf(buf, buf.length * 2);
                            latencies.set(id, buf);
                        }
                        buf[i++] = System.nanoTime() - s;
                    }
                    counts[id] = i;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "caller-" + c);
            threads.add(t);
            t.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + TimeUnit.SECONDS.toNanos(secs);
        start.countDown();
        done.await();
        double elapsed = (System.nanoTime() - window[0]) / 1e9;
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        var all = new long[total];
        int pos = 0;
        for (int c = 0; c < callers; c++) {
            System.arraycopy(latencies.get(c), 0, all, pos, counts[c]);
            pos += counts[c];
        }
        Arrays.sort(all);
        var r = new Result(total, elapsed, all, errors.get());
        System.out.printf(Locale.ROOT, "%s: %,d calls in %.1f s = %,.0f calls/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, errors %d%n",
                name, total, elapsed, r.rate(), r.percentile(0.5), r.percentile(0.95), r.percentile(0.99), errors.get());
        return r;
    }

    /** The generated catalogue as SaleEvents keyed by series: {@code skus} x 3 series. */
    private long produce(String bootstrap, LocalDate lastDay) throws Exception {
        var p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long lines = 0;
        try (var producer = new KafkaProducer<String, byte[]>(p)) {
            var catalog = SampleCatalog.generate(new SampleCatalog.Options(skus, 3, days, lastDay, 7));
            for (SaleRecord r : SampleCatalog.records(catalog)) {
                var event = SaleEvent.newBuilder().setEventId(r.getSourceId()).setSeries(r.getSeries())
                        .setBusinessDate(r.getBusinessDate()).setQuantity(r.getQuantity()).setUnitPrice(r.getUnitPrice())
                        .setCurrencyCode(r.getCurrencyCode()).setKind(r.getKind()).setOnPromotion(r.getOnPromotion()).build();
                producer.send(new ProducerRecord<>(SALES, r.getSeries().getSkuId() + "/" + r.getSeries().getLocationId(),
                        event.toByteArray()));
                lines++;
            }
            producer.flush();
        }
        return lines;
    }

    /** Every history feature-service holds, as forecast-core series with id {@code sku/location}. */
    private static List<DemandSeries> readHistories(ManagedChannel channel) {
        var out = new ArrayList<DemandSeries>();
        var it = FeatureServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.MINUTES)
                .streamDemandHistory(StreamDemandHistoryRequest.newBuilder().setBatchSize(500).build());
        while (it.hasNext()) {
            for (var h : it.next().getHistoriesList()) {
                var q = new double[h.getQuantitiesCount()];
                for (int i = 0; i < q.length; i++) {
                    q[i] = h.getQuantities(i);
                }
                out.add(DemandSeries.of(h.getSeries().getSkuId() + "/" + h.getSeries().getLocationId(),
                        ProtoDates.toLocalDate(h.getStartDate(), "start_date"), q));
            }
        }
        return out;
    }

    /** Registers the network as the champion in forecast-service's registry, every segment routed to it. */
    private static void register(StockwiseInfra infra, byte[] artifact, LocalDate asOf, MqConfig config) throws Exception {
        try (var c = DriverManager.getConnection(infra.jdbcUrl(), infra.username(), infra.password())) {
            c.setAutoCommit(false);
            try (var off = c.prepareStatement("UPDATE forecast.model_version SET champion = false WHERE champion");
                    var ins = c.prepareStatement("INSERT INTO forecast.model_version (version, model, as_of_date, horizon_days,"
                            + " parameters, artifact, champion, created_at) VALUES (?, 'champion', ?, ?, ?::jsonb, ?, true, ?)")) {
                off.executeUpdate();
                ins.setString(1, VERSION);
                ins.setDate(2, java.sql.Date.valueOf(asOf));
                ins.setInt(3, config.horizon());
                ins.setString(4, "{\"benchmark\":true,\"hidden\":" + config.hidden() + ",\"layers\":" + config.layers()
                        + ",\"choice\":{\"FAST\":\"mq_mlp\",\"INTERMITTENT\":\"mq_mlp\",\"NEW\":\"mq_mlp\"}}");
                ins.setBytes(5, artifact);
                ins.setTimestamp(6, Timestamp.from(Instant.now()));
                ins.executeUpdate();
            }
            c.commit();
        }
    }

    /** {sum, count} of forecast-service's champion inference timer. */
    private static double[] inferenceSeconds(int port) throws Exception {
        var text = new String(java.net.URI.create("http://127.0.0.1:" + port + "/q/metrics").toURL().openStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        var out = new double[2];
        for (var line : text.split("\n")) {
            if (line.startsWith("stockwise_forecast_inference_duration_seconds_sum{model=\"champion\"")) {
                out[0] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("stockwise_forecast_inference_duration_seconds_count{model=\"champion\"")) {
                out[1] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return out;
    }

    /** Waits until forecast-service serves the registered champion. */
    private static void awaitServing(ForecastServiceGrpc.ForecastServiceBlockingStub stub, ForecastRequest request)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            var f = stub.withDeadlineAfter(30, TimeUnit.SECONDS).forecast(request).getForecasts(0);
            if (f.getModelVersion().equals(VERSION)) {
                System.out.println("forecast-service serves " + VERSION);
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("forecast-service did not load " + VERSION + " within 60 s");
    }

    /** Waits until {@code group} has committed every record of {@code topic} (gives up after {@code timeout}). */
    private static void awaitConsumed(String bootstrap, String topic, String group, Duration timeout) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions();
            var request = new HashMap<TopicPartition, OffsetSpec>();
            for (var p : partitions) {
                request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            }
            long end = 0;
            for (var info : admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values()) {
                end += info.offset();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastLog = System.nanoTime();
            while (System.nanoTime() < deadline) {
                long committed = 0;
                for (var o : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS).entrySet()) {
                    if (o.getKey().topic().equals(topic) && o.getValue() != null) {
                        committed += o.getValue().offset();
                    }
                }
                if (committed >= end) {
                    return;
                }
                if (System.nanoTime() - lastLog > Duration.ofSeconds(10).toNanos()) {
                    lastLog = System.nanoTime();
                    System.out.printf("  %s: %s consumed %,d of %,d%n", topic, group, committed, end);
                }
                Thread.sleep(200);
            }
            System.out.printf("  WARNING: %s has not consumed all of %s after %s%n", group, topic, timeout);
        }
    }
}
