package io.stockwise.forecast.core.data;

import io.stockwise.forecast.core.Bucket;
import io.stockwise.forecast.core.DemandSeries;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Demand per series from a long CSV (optionally gzipped): header {@code series_id,period,value},
 * one row per series and period, {@code period} in one bucket's notation for the whole file
 * ({@code YYYY-MM-DD} days, {@code YYYY-Www} ISO weeks, {@code YYYY-MM} months; see
 * {@link Bucket}), {@code value} the non-negative demand of that period in units.
 *
 * <ul>
 *   <li>The bucket is the one given, or else the notation of the first data row.
 *   <li>A series runs from its first row to its last row; periods missing between them are zero
 *       demand. Rows may come in any order.
 *   <li>A series whose last row is before the last period of the file (up to the cutoff) has
 *       <b>ended</b>: its rows stop early, so it is discontinued, not a run of zeros. It is
 *       reported in {@link Result#ended()} and kept in {@link Result#series()} only up to its
 *       last row; forecasting tools skip it. To keep a series alive through quiet periods, give
 *       it a row with value 0 at the last period.
 *   <li>Rows after the cutoff (when given) are ignored before their value is read: nothing after
 *       it is held.
 *   <li>Every malformed row is rejected with its line number and reason, and the good rows around
 *       it are kept: a wrong number of fields, an empty series id, a period that is not a valid
 *       period of the bucket, a value that is not a finite non-negative number, and a second row
 *       for the same series and period.
 * </ul>
 * The series come out in bucket time ({@link Bucket}), sorted by id.
 */
public final class LongFormat {
    /** The header a long CSV starts with. */
    public static final String HEADER = "series_id,period,value";

    /** A rejected row: its 1-based line number in the file (the header is line 1) and why. */
    public record Rejected(long line, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }

    /**
     * What was read.
     *
     * @param bucket the bucket of the periods
     * @param series every series with at least one row on or before the cutoff, in bucket time, by id
     * @param lastPeriod the bucket-time date of the latest period read (on or before the cutoff)
     * @param ended ids of the series whose rows stop before {@code lastPeriod}
     * @param rejected the malformed rows, in file order
     * @param rows the rows kept
     */
    public record Result(Bucket bucket, List<DemandSeries> series, java.time.LocalDate lastPeriod, List<String> ended,
            List<Rejected> rejected, long rows) {
        /** The series still running at {@code lastPeriod}: those a forecast is for. */
        public List<DemandSeries> active() {
            var gone = new java.util.HashSet<>(ended);
            return series.stream().filter(s -> !gone.contains(s.id())).toList();
        }
    }

    private LongFormat() {}

    /** Reads a file ({@code .gz} decompressed); {@code bucket} and {@code cutoff} may be {@code null}. */
    public static Result read(Path file, Bucket bucket, String cutoff) throws IOException {
        var in = Files.newInputStream(file);
        var stream = file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
        try (var reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return read(reader, bucket, cutoff);
        }
    }

    /**
     * Reads long CSV text. {@code cutoff} is a period in the bucket's notation; {@code null} reads
     * everything.
     *
     * @throws IllegalArgumentException when the header is wrong, the cutoff is not a period of the
     *     bucket, or the bucket cannot be told (no data row)
     */
    public static Result read(Reader text, Bucket bucket, String cutoff) throws IOException {
        var reader = new BufferedReader(text, 1 << 16);
        var header = reader.readLine();
        if (header != null && header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (header == null || !header.trim().replace("\"", "").equals(HEADER)) {
            throw new IllegalArgumentException("line 1: the header must be " + HEADER + ", was '" + header + "'");
        }
        Bucket b = bucket;
        Long cut = null;
        var values = new HashMap<String, Map<Long, Double>>();
        var rejected = new ArrayList<Rejected>();
        long rows = 0;
        long maxIndex = Long.MIN_VALUE;
        String row;
        long line = 1;
        while ((row = reader.readLine()) != null) {
            line++;
            if (row.isBlank()) {
                continue;
            }
            var f = CsvLine.fields(row);
            if (f.size() != 3) {
                rejected.add(new Rejected(line, "expected 3 fields (series_id,period,value), found " + f.size()));
                continue;
            }
            var id = f.get(0).trim();
            if (id.isEmpty()) {
                rejected.add(new Rejected(line, "series_id is empty"));
                continue;
            }
            var period = f.get(1).trim();
            if (b == null) {
                b = Bucket.detect(period);
                if (b == null) {
                    rejected.add(new Rejected(line, "period '" + period + "' is none of YYYY-MM-DD, YYYY-Www, YYYY-MM"));
                    continue;
                }
            }
            if (cut == null && cutoff != null) {
                try {
                    cut = b.parse(cutoff.trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("cutoff: " + e.getMessage(), e);
                }
            }
            long index;
            try {
                index = b.parse(period);
            } catch (IllegalArgumentException e) {
                rejected.add(new Rejected(line, "period: " + e.getMessage()));
                continue;
            }
            if (cut != null && index > cut) {
                continue;
            }
            double v;
            var raw = f.get(2).trim();
            try {
                v = Double.parseDouble(raw);
            } catch (NumberFormatException e) {
                rejected.add(new Rejected(line, "value '" + raw + "' is not a number"));
                continue;
            }
            if (!Double.isFinite(v) || v < 0) {
                rejected.add(new Rejected(line, "value " + raw + " must be finite and non-negative"));
                continue;
            }
            var series = values.computeIfAbsent(id, k -> new HashMap<>());
            if (series.putIfAbsent(index, v) != null) {
                rejected.add(new Rejected(line, "a second row for series " + id + " and period " + period));
                continue;
            }
            maxIndex = Math.max(maxIndex, index);
            rows++;
        }
        if (b == null) {
            throw new IllegalArgumentException("no valid data row to tell the bucket from; give it with --bucket");
        }
        var ids = new ArrayList<>(values.keySet());
        java.util.Collections.sort(ids);
        var out = new ArrayList<DemandSeries>(ids.size());
        var ended = new ArrayList<String>();
        for (var id : ids) {
            var m = values.get(id);
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (long k : m.keySet()) {
                lo = Math.min(lo, k);
                hi = Math.max(hi, k);
            }
            var y = new double[(int) (hi - lo + 1)];
            for (var e : m.entrySet()) {
                y[(int) (e.getKey() - lo)] = e.getValue();
            }
            out.add(DemandSeries.of(id, Bucket.time(lo), y));
            if (hi < maxIndex) {
                ended.add(id);
            }
        }
        return new Result(b, out, out.isEmpty() ? null : Bucket.time(maxIndex), ended, rejected, rows);
    }

    /**
     * Daily series summed into {@code bucket}'s complete buckets ({@link Bucket#aggregate}), each
     * starting at the bucket of its first sale (earlier buckets dropped, so a series' rows begin
     * when it starts selling); series without a sale in a complete bucket are left out.
     */
    public static List<DemandSeries> fromDaily(List<DemandSeries> daily, Bucket bucket) {
        var out = new ArrayList<DemandSeries>(daily.size());
        for (var d : daily) {
            var b = bucket.aggregate(d);
            int first = b.firstSaleIndex();
            if (first < b.length()) {
                out.add(DemandSeries.of(b.id(), b.firstDate().plusDays(first),
                        java.util.Arrays.copyOfRange(b.demand(), first, b.length())));
            }
        }
        return out;
    }

    /** Writes series (in {@code bucket}'s bucket time) as a long CSV, gzipped when the name ends in {@code .gz}. */
    public static void write(Path out, Bucket bucket, List<DemandSeries> series) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        var os = Files.newOutputStream(out);
        try (var w = new BufferedWriter(new OutputStreamWriter(out.toString().endsWith(".gz") ? new GZIPOutputStream(os, 1 << 16) : os,
                StandardCharsets.UTF_8), 1 << 16)) {
            w.write(HEADER);
            w.write('\n');
            for (var s : series) {
                var y = s.demand();
                long first = s.firstDate().toEpochDay();
                for (int t = 0; t < y.length; t++) {
                    w.write(CsvLine.quote(s.id()));
                    w.write(',');
                    w.write(bucket.format(first + t));
                    w.write(',');
                    double v = y[t];
                    w.write(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
                    w.write('\n');
                }
            }
        }
    }
}
