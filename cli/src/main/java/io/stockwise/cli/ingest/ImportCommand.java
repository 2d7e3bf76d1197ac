package io.stockwise.cli.ingest;

import io.stockwise.cli.StockwiseCommand;
import io.stockwise.cli.UsageException;
import io.stockwise.cli.demo.OnlineRetailReader;
import io.stockwise.cli.grpc.Channels;
import io.stockwise.proto.v1.IngestSalesResponse;
import io.stockwise.proto.v1.RecordRejection;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stockwise import FILE --target HOST:PORT}: streams a sales file to a running
 * ingestion-service, with a progress line on standard error and a summary on standard output.
 */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = StockwiseCommand.VersionProvider.class,
        description = {
            "Streams a sales file (CSV, or .csv.gz) to a running ingestion-service's IngestSales, showing progress",
            "(rows/s, ETA) on standard error, then prints what was accepted, skipped as duplicates and rejected by reason.",
            "Importing the same file again stores nothing new.",
            "Formats:",
            "  online-retail  the UCI Online Retail invoice lines (InvoiceNo,StockCode,Description,Quantity,",
            "                 InvoiceDate,UnitPrice,CustomerID,Country); see ingestion-service/README.md for the mapping",
            "  long           date,sku,location,quantity[,unit_price][,on_promotion], one daily total per row",
            "                 (optional header; ISO dates; a negative quantity is a return; zero rows are skipped),",
            "                 or with the header series_id,period,value: days (sales of that day), ISO weeks YYYY-Www or",
            "                 months YYYY-MM (each total one sale dated on the period's last day); series_id is sku/location",
            "                 or a sku at location 'default'"})
public class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to import (CSV or gzipped CSV).")
    Path file;

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT", description = "The ingestion-service gRPC address, e.g. 127.0.0.1:8081.")
    String target;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "online-retail or long.")
    String format;

    @Option(names = "--batch-size", defaultValue = "2000", description = "Records per message, 1 to 10,000 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--deadline", defaultValue = "3600", description = "Seconds the whole stream may take (default: ${DEFAULT-VALUE}).")
    long deadlineSeconds;

    @Option(names = "--no-progress", description = "Do not print the progress line.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no such file: " + file);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new UsageException("--batch-size must be between 1 and 10000");
        }
        if (!format.equals("online-retail") && !format.equals("long")) {
            throw new UsageException("--format must be online-retail or long, was '" + format + "'");
        }
        try {
            Channels.parse(target);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--target: " + e.getMessage());
        }
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var channel = Channels.plaintext(target);
        var local = new TreeMap<String, Long>();
        var parseErrors = new ArrayList<String>();
        long started = System.nanoTime();
        IngestSalesResponse response;
        long sent;
        try (var uploader = new SalesUploader(channel, batchSize, deadlineSeconds)) {
            var progress = new Progress(err, !noProgress, started);
            if (format.equals("online-retail")) {
                var read = OnlineRetailReader.read(file);
                local.put("non-product code (skipped)", (long) read.nonProduct());
                local.put("zero quantity (skipped)", (long) read.zeroQuantity());
                var records = read.records();
                for (int i = 0; i < records.size(); i++) {
                    uploader.add(records.get(i));
                    progress.update(uploader.sent(), (double) i / records.size());
                }
            } else {
                var bytes = new AtomicLong();
                long size = Files.size(file);
                try (var reader = open(file, bytes)) {
                    var csv = new LongCsvReader(reader);
                    LongCsvReader.Row row;
                    while ((row = csv.next()) != null) {
                        if (row.record() != null) {
                            uploader.add(row.record());
                        } else if (row.zeroQuantity()) {
                            local.merge("zero quantity (skipped)", 1L, Long::sum);
                        } else {
                            local.merge("unparseable row (not sent)", 1L, Long::sum);
                            if (parseErrors.size() < 10) {
                                parseErrors.add("line " + row.lineNumber() + ": " + row.error());
                            }
                        }
                        progress.update(uploader.sent(), size == 0 ? 1 : (double) bytes.get() / size);
                    }
                }
            }
            response = uploader.finish();
            sent = uploader.sent();
            progress.done(sent);
        } finally {
            Channels.close(channel);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("Imported %s (%s) into %s in %.1f s (%,.0f rows/s)%n", file, format, target, seconds, sent / Math.max(seconds, 1e-9));
        out.printf("  sent       %,12d%n", response.getReceivedCount());
        out.printf("  accepted   %,12d%n", response.getAcceptedCount());
        out.printf("  duplicates %,12d  (already stored: skipped)%n", response.getDuplicateCount());
        out.printf("  rejected   %,12d%n", response.getRejectedCount());
        for (var e : rejectedByReason(response).entrySet()) {
            out.printf("    %-40s %,10d%n", e.getKey(), e.getValue());
        }
        if (response.getRejectedCount() > response.getRejectionsCount()) {
            out.printf("    (reasons of the first %,d rejections; the server reports at most that many)%n", response.getRejectionsCount());
        }
        for (var e : local.entrySet()) {
            out.printf("  %-42s %,10d%n", e.getKey(), e.getValue());
        }
        for (var p : parseErrors) {
            out.println("    " + p);
        }
        for (var r : response.getRejectionsList().subList(0, Math.min(5, response.getRejectionsCount()))) {
            out.printf("    e.g. record %d: %s %s: %s%n", r.getPosition(), r.getField(), r.getReason(), r.getDescription());
        }
        out.flush();
        return StockwiseCommand.EXIT_OK;
    }

    /** Rejections of the summary counted by {@code field reason}. */
    static Map<String, Long> rejectedByReason(IngestSalesResponse response) {
        var byReason = new TreeMap<String, Long>();
        for (RecordRejection r : response.getRejectionsList()) {
            byReason.merge(r.getField() + " " + r.getReason(), 1L, Long::sum);
        }
        return byReason;
    }

    private static BufferedReader open(Path file, AtomicLong bytesRead) throws IOException {
        InputStream raw = new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    bytesRead.addAndGet(n);
                }
                return n;
            }
        };
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** The progress line, redrawn at most every half second: rows sent, rows/s, ETA. */
    static final class Progress {
        private final PrintWriter err;
        private final boolean enabled;
        private final long started;
        private long lastDraw;

        Progress(PrintWriter err, boolean enabled, long started) {
            this.err = err;
            this.enabled = enabled;
            this.started = started;
        }

        void update(long rows, double fraction) {
            long now = System.nanoTime();
            if (!enabled || now - lastDraw < 500_000_000L) {
                return;
            }
            lastDraw = now;
            double seconds = (now - started) / 1e9;
            double rate = rows / Math.max(seconds, 1e-9);
            String eta = fraction > 0.001 ? clock(seconds * (1 - fraction) / fraction) : "--:--";
            err.printf("\r%s %5.1f%%  %,12d rows  %,10.0f rows/s  ETA %s   ", bar(fraction), fraction * 100, rows, rate, eta);
            err.flush();
        }

        void done(long rows) {
            if (enabled) {
                double seconds = (System.nanoTime() - started) / 1e9;
                err.printf("\r%s 100.0%%  %,12d rows  %,10.0f rows/s  done in %s%n", bar(1), rows, rows / Math.max(seconds, 1e-9),
                        clock(seconds));
                err.flush();
            }
        }

        private static String bar(double fraction) {
            int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * 20);
            return "[" + "#".repeat(filled) + "-".repeat(20 - filled) + "]";
        }

        static String clock(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
        }
    }
}
