package io.stockwise.bench.feature;

import io.stockwise.bench.BenchSupport;
import io.stockwise.cli.demo.ServiceProcess;
import io.stockwise.cli.demo.SampleCatalog;
import io.stockwise.cli.grpc.Channels;
import io.stockwise.embedded.StockwiseInfra;
import io.stockwise.proto.v1.FeatureServiceGrpc;
import io.stockwise.proto.v1.SaleEvent;
import io.stockwise.proto.v1.SaleRecord;
import io.stockwise.proto.v1.StreamDemandHistoryRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
 * feature-service on a generated catalog, each figure against its plain-PostgreSQL baseline in the
 * same run on the same database: (1) aggregation throughput from {@code stockwise.sales.v1}
 * (a real feature-service process consumes the pre-produced topic into daily demand) vs reading the
 * same stored lines over JDBC and summing them per series and day in Java; (2) the bulk history
 * stream ({@code StreamDemandHistory} of every series) vs reading the same {@code daily_demand} rows
 * over JDBC and assembling the same dense histories.
 */
@Command(name = "FeatureBenchmark", mixinStandardHelpOptions = true,
        description = "feature-service aggregation from Kafka and bulk history stream vs JDBC reads of the same rows.")
public class FeatureBenchmark implements Callable<Integer> {
    private static final String SALES = "stockwise.sales.v1";

    @Option(names = "--series", defaultValue = "1500", description = "Generated series (SKUs x 3 locations) (default: ${DEFAULT-VALUE}).")
    int series;

    @Option(names = "--days", defaultValue = "1900", description = "Days per generated series (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--batch-size", defaultValue = "1000", description = "Histories per stream message (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--work-dir", description = "Data and logs (default: <home>/.stockwise/bench-feature, wiped first).")
    Path workDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FeatureBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        var home = Path.of(System.getProperty("stockwise.home", ".")).toAbsolutePath().normalize();
        var dir = workDir != null ? workDir : home.resolve(".stockwise/bench-feature");
        ServiceProcess.deleteTree(dir);
        var jar = ServiceProcess.jar(home, "feature-service");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -q -B -o -pl feature-service install -DskipTests");
        }
        System.out.printf("machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(), BenchSupport.loadAverage());
        try (var infra = StockwiseInfra.start(dir.resolve("data"))) {
            infra.kafka().createTopics(Map.of(SALES, 3, "stockwise.sales.dlq.v1", 1, "stockwise.demand.v1", 3));
            int skus = Math.max(1, series / 3);
            long t0 = System.nanoTime();
            var produced = produce(infra.bootstrapServers(), skus);
            double produceSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("catalog: %,d series x %,d days: %,d sales lines (%,.0f units) produced to %s in %.1f s%n",
                    skus * 3, days, produced.lines, produced.units, SALES, produceSeconds);

            int port = ServiceProcess.freePort();
            long launch = System.nanoTime();
            var log = dir.resolve("logs/feature-service.log");
            var service = ServiceProcess.start(home, "feature-service", infra, port, Map.of(), "1g", log);
            var channel = Channels.plaintext("127.0.0.1:" + port);
            try {
                ServiceProcess.awaitReady("feature-service", port, service, log, Duration.ofSeconds(120));
                long ready = System.nanoTime();
                awaitConsumed(infra.bootstrapServers(), produced.lines, service, dir);
                long done = System.nanoTime();
                double fromLaunch = (done - launch) / 1e9;
                double fromReady = (done - ready) / 1e9;
                System.out.printf("feature-service: %,d lines into daily demand in %.1f s from launch (%.1f s from ready)%n",
                        produced.lines, fromLaunch, fromReady);

                try (var db = DriverManager.getConnection(infra.jdbcUrl(), infra.username(), infra.password())) {
                    long j0 = System.nanoTime();
                    var jdbcAgg = jdbcAggregate(db);
                    double jdbcAggSeconds = (System.nanoTime() - j0) / 1e9;
                    System.out.printf("JDBC: read %,d stored lines and summed them into %,d series-days in %.1f s%n",
                            jdbcAgg[0], jdbcAgg[1], jdbcAggSeconds);

                    var stub = FeatureServiceGrpc.newBlockingStub(channel);
                    // One warm-up pass over a small part, then the measured full stream.
                    stub.withDeadlineAfter(60, TimeUnit.SECONDS).streamDemandHistory(StreamDemandHistoryRequest.newBuilder()
                            .setBatchSize(10).build()).next();
                    long s0 = System.nanoTime();
                    long streamSeries = 0;
                    long streamValues = 0;
                    long streamBytes = 0;
                    double streamUnits = 0;
                    var it = stub.withDeadlineAfter(1, TimeUnit.HOURS)
                            .streamDemandHistory(StreamDemandHistoryRequest.newBuilder().setBatchSize(batchSize).build());
                    while (it.hasNext()) {
                        var m = it.next();
                        streamBytes += m.getSerializedSize();
                        for (var h : m.getHistoriesList()) {
                            streamSeries++;
                            streamValues += h.getQuantitiesCount();
                            for (double q : h.getQuantitiesList()) {
                                streamUnits += q;
                            }
                        }
                    }
                    double streamSeconds = (System.nanoTime() - s0) / 1e9;
                    System.out.printf("StreamDemandHistory: %,d series, %,d daily values, %,.1f MB, %,.0f units in %.2f s%n",
                            streamSeries, streamValues, streamBytes / 1e6, streamUnits, streamSeconds);

                    long d0 = System.nanoTime();
                    var dense = jdbcDense(db);
                    double denseSeconds = (System.nanoTime() - d0) / 1e9;
                    System.out.printf("JDBC daily_demand: %,d series, %,d daily values (%,.1f MB as 8-byte doubles), %,d rows in %.2f s%n",
                            dense[0], dense[1], dense[1] * 8 / 1e6, dense[2], denseSeconds);
                    if (Math.abs(streamUnits - produced.units) > 1e-6 * produced.units || streamSeries != skus * 3L) {
                        System.out.printf("WARNING: stream differs from the catalog (%,.0f vs %,.0f units, %,d vs %,d series)%n",
                                streamUnits, produced.units, streamSeries, skus * 3L);
                    }

                    System.out.println();
                    System.out.println("| measure | feature-service | JDBC baseline | ratio |");
                    System.out.println("| --- | ---: | ---: | ---: |");
                    System.out.printf("| aggregation, lines/s (%,d lines) | %,.0f (from ready; %,.0f from launch) | %,.0f | %.2fx |%n",
                            produced.lines, produced.lines / fromReady, produced.lines / fromLaunch, jdbcAgg[0] / jdbcAggSeconds,
                            (produced.lines / fromReady) / (jdbcAgg[0] / jdbcAggSeconds));
                    System.out.printf("| history stream, series/s (%,d series) | %,.0f | %,.0f | %.2fx |%n", streamSeries,
                            streamSeries / streamSeconds, dense[0] / denseSeconds, (streamSeries / streamSeconds) / (dense[0] / denseSeconds));
                    System.out.printf("| history stream, MB/s | %,.1f (protobuf) | %,.1f (dense doubles) | %.2fx |%n",
                            streamBytes / 1e6 / streamSeconds, dense[1] * 8 / 1e6 / denseSeconds,
                            (streamBytes / streamSeconds) / (dense[1] * 8 / denseSeconds));
                    System.out.printf("load average after: %s%n", BenchSupport.loadAverage());
                }
            } finally {
                Channels.close(channel);
                service.destroy();
                if (!service.waitFor(20, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
        }
        return 0;
    }

    private record Produced(long lines, double units) {}

    /** The catalog, 100 SKUs at a time (never all in memory), as SaleEvents keyed by series. */
    private Produced produce(String bootstrap, int skus) throws Exception {
        var p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        long lines = 0;
        double units = 0;
        try (var producer = new KafkaProducer<String, byte[]>(p)) {
            for (int chunk = 0; chunk * 100 < skus; chunk++) {
                int n = Math.min(100, skus - chunk * 100);
                var catalog = SampleCatalog.generate(new SampleCatalog.Options(n, 3, days, LocalDate.of(2026, 6, 30), 1000 + chunk));
                var prefix = "C" + chunk + "-";
                for (SaleRecord r : SampleCatalog.records(catalog)) {
                    var event = SaleEvent.newBuilder()
                            .setEventId(prefix + r.getSourceId())
                            .setSeries(r.getSeries().toBuilder().setSkuId(prefix + r.getSeries().getSkuId()))
                            .setBusinessDate(r.getBusinessDate())
                            .setQuantity(r.getQuantity())
                            .setUnitPrice(r.getUnitPrice())
                            .setCurrencyCode(r.getCurrencyCode())
                            .setKind(r.getKind())
                            .setOnPromotion(r.getOnPromotion())
                            .build();
                    var key = event.getSeries().getSkuId() + "/" + event.getSeries().getLocationId();
                    producer.send(new ProducerRecord<>(SALES, key, event.toByteArray()));
                    lines++;
                    units += r.getQuantity();
                }
            }
            producer.flush();
        }
        return new Produced(lines, units);
    }

    /** Waits until the feature-service group has committed every record of the sales topic. */
    private static void awaitConsumed(String bootstrap, long total, Process service, Path dir) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var request = new HashMap<TopicPartition, OffsetSpec>();
            for (int partition = 0; partition < 3; partition++) {
                request.put(new TopicPartition(SALES, partition), OffsetSpec.latest());
            }
            long end = 0;
            for (var info : admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values()) {
                end += info.offset();
            }
            long lastLog = System.nanoTime();
            while (true) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("feature-service exited; see " + dir.resolve("logs"));
                }
                long committed = 0;
                for (var o : admin.listConsumerGroupOffsets("feature-service").partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS).values()) {
                    committed += o == null ? 0 : o.offset();
                }
                if (committed >= end) {
                    return;
                }
                if (System.nanoTime() - lastLog > Duration.ofSeconds(10).toNanos()) {
                    lastLog = System.nanoTime();
                    System.out.printf("  consumed %,d of %,d%n", committed, end);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Reads every stored line and sums the demand ones per series and day: {lines, series-days}. */
    private static long[] jdbcAggregate(Connection db) throws Exception {
        db.setAutoCommit(false);
        var sums = new HashMap<String, Map<Integer, Double>>();
        long lines = 0;
        try (var st = db.createStatement()) {
            st.setFetchSize(10_000);
            try (var rs = st.executeQuery("SELECT sku_id, location_id, business_date, quantity, counted FROM feature.sale_event")) {
                while (rs.next()) {
                    lines++;
                    if (rs.getBoolean(5)) {
                        sums.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new HashMap<>())
                                .merge((int) rs.getDate(3).toLocalDate().toEpochDay(), rs.getDouble(4), Double::sum);
                    }
                }
            }
        } finally {
            db.rollback();
            db.setAutoCommit(true);
        }
        long cells = sums.values().stream().mapToLong(Map::size).sum();
        return new long[] {lines, cells};
    }

    /** Reads daily_demand in series order and builds each series' dense history: {series, values, rows}. */
    private static long[] jdbcDense(Connection db) throws Exception {
        db.setAutoCommit(false);
        long seriesCount = 0;
        long values = 0;
        long rows = 0;
        try (var st = db.createStatement()) {
            st.setFetchSize(10_000);
            try (var rs = st.executeQuery("SELECT sku_id, location_id, demand_date, quantity FROM feature.daily_demand"
                    + " ORDER BY sku_id, location_id, demand_date")) {
                String current = null;
                var days = new ArrayList<long[]>();
                while (rs.next()) {
                    rows++;
                    var key = rs.getString(1) + "/" + rs.getString(2);
                    if (!key.equals(current)) {
                        values += dense(days);
                        seriesCount++;
                        current = key;
                        days.clear();
                    }
                    days.add(new long[] {rs.getDate(3).toLocalDate().toEpochDay(), Double.doubleToLongBits(rs.getDouble(4))});
                }
                values += dense(days);
            }
        } finally {
            db.rollback();
            db.setAutoCommit(true);
        }
        return new long[] {seriesCount, values, rows};
    }

    private static long dense(List<long[]> days) {
        if (days.isEmpty()) {
            return 0;
        }
        long first = days.get(0)[0];
        var out = new double[(int) (days.get(days.size() - 1)[0] - first + 1)];
        for (var d : days) {
            out[(int) (d[0] - first)] = Double.longBitsToDouble(d[1]);
        }
        return out.length;
    }

}
