package io.stockwise.bench.ingest;

import io.stockwise.bench.BenchSupport;
import io.stockwise.cli.demo.ServiceProcess;
import io.grpc.ManagedChannel;
import io.stockwise.cli.demo.OnlineRetailReader;
import io.stockwise.cli.demo.SampleCatalog;
import io.stockwise.cli.grpc.Channels;
import io.stockwise.cli.ingest.SalesUploader;
import io.stockwise.embedded.StockwiseInfra;
import io.stockwise.proto.v1.IngestSalesResponse;
import io.stockwise.proto.v1.SaleRecord;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ingests the Online Retail file and a generated catalog end to end (gRPC in, stored, published:
 * until the outbox and the sale event batches are drained) through a real ingestion-service
 * process and, interleaved with it in rounds on the same PostgreSQL, COPYs the same rows into a
 * table shaped like {@code ingestion.sale}; prints rows/s of both and their ratio.
 */
@Command(name = "IngestBenchmark", mixinStandardHelpOptions = true,
        description = "Ingestion end to end vs a plain COPY of the same rows, in the same run on the same PostgreSQL.")
public class IngestBenchmark implements Callable<Integer> {
    @Option(names = "--transactions", description = "Online Retail file (default: <home>/../shared/data/online-retail/transactions.csv.gz).")
    Path transactions;

    @Option(names = "--series", defaultValue = "1500", description = "Generated series (SKU x 3 locations) (default: ${DEFAULT-VALUE}).")
    int series;

    @Option(names = "--days", defaultValue = "1900", description = "Days per generated series (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--batch-size", defaultValue = "5000", description = "Records per gRPC message (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--warm-up-series", defaultValue = "150", description = "Generated series ingested and COPYed first, not counted"
            + " (0: none) (default: ${DEFAULT-VALUE}).")
    int warmUpSeries;

    @Option(names = "--rounds", defaultValue = "4", description = "Slices per dataset, ingested and COPYed alternately (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--service-jvm-options", description = "Extra JVM options of the service process (JAVA_TOOL_OPTIONS),"
            + " e.g. -XX:StartFlightRecording=filename=/tmp/ingest.jfr,settings=profile to profile it.")
    String serviceJvmOptions;

    @Option(names = "--work-dir", description = "Data and logs (default: <home>/.stockwise/bench-ingest, wiped first).")
    Path workDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngestBenchmark()).execute(args));
    }

    record Figure(String dataset, long rows, double ingestSeconds, double storedSeconds, double copySeconds) {
        double ingestRate() {
            return rows / ingestSeconds;
        }

        double copyRate() {
            return rows / copySeconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        var home = Path.of(System.getProperty("stockwise.home", ".")).toAbsolutePath().normalize();
        var file = transactions != null ? transactions : home.resolve("../shared/data/online-retail/transactions.csv.gz").normalize();
        var dir = workDir != null ? workDir : home.resolve(".stockwise/bench-ingest");
        ServiceProcess.deleteTree(dir);
        var jar = ServiceProcess.jar(home, "ingestion-service");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -q -B -o -pl ingestion-service install -DskipTests");
        }
        System.out.printf("machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(), BenchSupport.loadAverage());
        try (var infra = StockwiseInfra.start(dir.resolve("data"))) {
            infra.kafka().createTopics(Map.of("stockwise.sales.v1", 3, "stockwise.sales.dlq.v1", 1));
            int port = ServiceProcess.freePort();
            var log = dir.resolve("logs/ingestion-service.log");
            var service = ServiceProcess.start(home, "ingestion-service", infra, port,
                    serviceJvmOptions == null ? Map.of() : Map.of("JAVA_TOOL_OPTIONS", serviceJvmOptions), "1g", log);
            var channel = Channels.plaintext("127.0.0.1:" + port);
            try {
                ServiceProcess.awaitReady("ingestion-service", port, service, log, Duration.ofSeconds(120));
                try (var db = DriverManager.getConnection(infra.jdbcUrl(), infra.username(), infra.password())) {
                    try (var st = db.createStatement()) {
                        st.execute("CREATE SCHEMA bench");
                        st.execute("CREATE TABLE bench.sale_copy (LIKE ingestion.sale INCLUDING ALL)");
                    }
                    if (warmUpSeries > 0) {
                        // Not counted: both sides' code paths compiled (the service's JIT, the benchmark's COPY formatting).
                        var warm = new ArrayList<SaleRecord>();
                        new CatalogSlice(Math.max(1, warmUpSeries / 3), days, "W").iterator().forEachRemaining(warm::add);
                        var w = measure("warm-up (not counted)", warm, channel, db);
                        System.out.printf("warm-up: %,d records, ingest %.1f s, COPY %.1f s%n", w.rows(), w.ingestSeconds(), w.copySeconds());
                    }
                    var figures = new ArrayList<Figure>();
                    var retail = OnlineRetailReader.read(file).records();
                    System.out.printf("Online Retail: %,d records from %s%n", retail.size(), file);
                    figures.add(measure("online-retail", retail, channel, db));

                    int skus = Math.max(1, series / 3);
                    // Generated up front so that neither side's time includes the generation.
                    var slice = new ArrayList<SaleRecord>();
                    new CatalogSlice(skus, days).iterator().forEachRemaining(slice::add);
                    System.out.printf("catalog slice: %,d series x %,d days, %,d records with demand%n", skus * 3, days, slice.size());
                    figures.add(measure("catalog " + (skus * 3) + "x" + days, slice, channel, db));

                    System.out.println();
                    System.out.println("| dataset | rows | ingest end to end (s) | stored (s) | ingest rows/s | COPY (s) | COPY rows/s | ratio |");
                    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
                    for (var f : figures) {
                        System.out.printf("| %s | %,d | %.1f | %.1f | %,.0f | %.1f | %,.0f | %.2fx |%n", f.dataset(), f.rows(), f.ingestSeconds(),
                                f.storedSeconds(), f.ingestRate(), f.copySeconds(), f.copyRate(), f.ingestRate() / f.copyRate());
                    }
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

    /**
     * Interleaves the two sides: the records are cut into {@code --rounds} consecutive slices, and
     * each slice is ingested (until published) and COPYed, alternating which goes first, each after
     * a {@link #settle}. Both tables grow alike, and a change of the machine's load during the run
     * (other work on shared cores) hits both sides instead of one. The times are the sums.
     */
    private Figure measure(String name, List<SaleRecord> records, ManagedChannel channel, Connection db) throws Exception {
        try (var st = db.createStatement()) {
            st.execute("TRUNCATE bench.sale_copy");
        }
        double ingest = 0;
        double stored = 0;
        double copy = 0;
        long accepted = 0;
        int n = records.size();
        for (int r = 0; r < rounds; r++) {
            var part = records.subList((int) ((long) n * r / rounds), (int) ((long) n * (r + 1) / rounds));
            double[] in;
            double c;
            if (r % 2 == 0) {
                c = copy(part, db);
                in = ingest(part, channel, db);
            } else {
                in = ingest(part, channel, db);
                c = copy(part, db);
            }
            System.out.printf("%s round %d: %,d records; ingest %.1f s (stored %.1f s, accepted %,d), COPY %.1f s; load %s%n", name, r + 1,
                    part.size(), in[0], in[1], (long) in[2], c, BenchSupport.loadAverage());
            ingest += in[0];
            stored += in[1];
            accepted += (long) in[2];
            copy += c;
        }
        if (accepted != n) {
            throw new IllegalStateException(name + ": ingest accepted " + accepted + " of " + n + " records");
        }
        return new Figure(name, n, ingest, stored, copy);
    }

    /** Streams the records through IngestSales and waits until they are published; {seconds, stored seconds, accepted}. */
    private double[] ingest(List<SaleRecord> records, ManagedChannel channel, Connection db) throws Exception {
        settle(db);
        long t0 = System.nanoTime();
        IngestSalesResponse response;
        try (var up = new SalesUploader(channel, batchSize, 3600)) {
            for (var r : records) {
                up.add(r);
            }
            response = up.finish();
        }
        double stored = (System.nanoTime() - t0) / 1e9;
        // Drained = published: the relays delete a row only once Kafka acknowledged it. Polled with a
        // cheap query (GetIngestionStats also counts the whole sale table, which would slow the relay).
        try (var st = db.createStatement()) {
            while (true) {
                try (var rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM ingestion.outbox)"
                        + " OR EXISTS (SELECT 1 FROM ingestion.sale_event_batch)")) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        break;
                    }
                }
                Thread.sleep(20);
            }
        }
        return new double[] {(System.nanoTime() - t0) / 1e9, stored, response.getAcceptedCount()};
    }

    /**
     * Lets the previous phase's writes reach the disk before the next phase starts (a checkpoint,
     * then {@code sync}), so that neither side pays for the other's write-back.
     */
    private static void settle(Connection db) throws Exception {
        try (var st = db.createStatement()) {
            st.execute("CHECKPOINT");
        }
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    /** COPYs the records (text format, one transaction) into bench.sale_copy; the seconds it took. */
    private static double copy(List<SaleRecord> records, Connection db) throws Exception {
        settle(db);
        db.setAutoCommit(false);
        long t1 = System.nanoTime();
        var copy = db.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn("COPY bench.sale_copy (source_id, sku_id, location_id, business_date, event_time, quantity, unit_price,"
                + " currency_code, kind, on_promotion, order_id, customer_id) FROM STDIN", new CopyText(records.iterator()));
        db.commit();
        db.setAutoCommit(true);
        return (System.nanoTime() - t1) / 1e9;
    }

    /** The records as COPY text rows, produced on demand (the formatting counts toward COPY's time, as it would for a client). */
    static final class CopyText extends Reader {
        private final Iterator<SaleRecord> rows;
        private final StringBuilder buf = new StringBuilder();
        private int pos;

        CopyText(Iterator<SaleRecord> rows) {
            this.rows = rows;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            while (pos >= buf.length()) {
                if (!rows.hasNext()) {
                    return -1;
                }
                buf.setLength(0);
                pos = 0;
                for (int i = 0; i < 1000 && rows.hasNext(); i++) {
                    append(rows.next());
                }
            }
            int n = Math.min(len, buf.length() - pos);
            buf.getChars(pos, pos + n, cbuf, off);
            pos += n;
            return n;
        }

        private void append(SaleRecord r) {
            var d = r.getBusinessDate();
            buf.append(esc(r.getSourceId())).append('\t').append(esc(r.getSeries().getSkuId().toUpperCase())).append('\t')
                    .append(esc(r.getSeries().getLocationId())).append('\t')
                    .append(LocalDate.of(d.getYear(), d.getMonth(), d.getDay())).append('\t')
                    .append(r.hasEventTime() ? Instant.ofEpochSecond(r.getEventTime().getSeconds()).atOffset(ZoneOffset.UTC).toString() : "\\N")
                    .append('\t').append(r.getQuantity()).append('\t').append(r.getUnitPrice()).append('\t').append(esc(r.getCurrencyCode()))
                    .append('\t').append(Math.max(1, r.getKindValue())).append('\t').append(r.getOnPromotion()).append('\t')
                    .append(esc(r.getOrderId())).append('\t').append(esc(r.getCustomerId())).append('\n');
        }

        private static String esc(String s) {
            if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
                return s;
            }
            return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }

        @Override
        public void close() {}
    }

    /**
     * {@code skus} x 3 locations of SampleCatalog, generated 100 SKUs at a time (so the slice never
     * sits in memory at once); each chunk's SKUs are prefixed with the chunk number to stay distinct.
     */
    static final class CatalogSlice {
        private static final int CHUNK = 100;
        private final int skus;
        private final int days;

        private final String tag;

        CatalogSlice(int skus, int days) {
            this(skus, days, "C");
        }

        /** @param tag prefixes source ids and SKUs, so slices with different tags never collide */
        CatalogSlice(int skus, int days, String tag) {
            this.skus = skus;
            this.days = days;
            this.tag = tag;
        }

        Iterator<SaleRecord> iterator() {
            return new Iterator<>() {
                private int chunk;
                private Iterator<SaleRecord> current = List.<SaleRecord>of().iterator();

                @Override
                public boolean hasNext() {
                    while (!current.hasNext() && chunk * CHUNK < skus) {
                        int n = Math.min(CHUNK, skus - chunk * CHUNK);
                        var catalog = SampleCatalog.generate(new SampleCatalog.Options(n, 3, days, LocalDate.of(2026, 6, 30), 1000 + chunk));
                        var prefix = tag + chunk + "-";
                        current = SampleCatalog.records(catalog).stream()
                                .map(r -> r.toBuilder().setSourceId(prefix + r.getSourceId())
                                        .setSeries(r.getSeries().toBuilder().setSkuId(prefix + r.getSeries().getSkuId())).build())
                                .iterator();
                        chunk++;
                    }
                    return current.hasNext();
                }

                @Override
                public SaleRecord next() {
                    hasNext();
                    return current.next();
                }
            };
        }
    }

}
