package io.stockwise.forecast.core.data;

import io.stockwise.forecast.core.DemandSeries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Daily demand per SKU from a file in the UCI "Online Retail" invoice-line format (CSV with
 * header {@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country},
 * optionally gzipped). Demand follows the feature service's definition: units ordered on lines
 * that are not cancellations (invoice not starting with {@code C}), with quantity &gt; 0 and unit
 * price &gt; 0, for product codes only (stock codes starting with five digits), per calendar day of
 * the invoice time; the series id is the stock code upper-cased. Every series covers the same
 * days, from the file's first to its last invoice day (or {@code until}), with the day's
 * quantity-weighted average unit price (0 on days without sales).
 */
public final class OnlineRetail {
    private OnlineRetail() {}

    /** Reads the whole file. */
    public static List<DemandSeries> read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads the file, ignoring every line dated after {@code until} when given (so nothing after a
     * cutoff is even held in memory).
     */
    public static List<DemandSeries> read(Path file, LocalDate until) throws IOException {
        var in = Files.newInputStream(file);
        var stream = file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
        record Line(String code, int day, double qty, double price) {}
        var lines = new ArrayList<Line>();
        long minDay = Long.MAX_VALUE;
        long maxDay = Long.MIN_VALUE;
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16)) {
            var header = reader.readLine();
            if (header == null || !header.replace("\"", "").startsWith("InvoiceNo,StockCode")) {
                throw new IOException(file + " is not in the Online Retail format (header InvoiceNo,StockCode,...)");
            }
            String row;
            int n = 1;
            while ((row = reader.readLine()) != null) {
                n++;
                if (row.isBlank()) {
                    continue;
                }
                var f = CsvLine.fields(row);
                if (f.size() != 8) {
                    throw new IOException(file + " line " + n + ": expected 8 fields, found " + f.size());
                }
                var date = LocalDate.parse(f.get(4).substring(0, 10));
                minDay = Math.min(minDay, date.toEpochDay());
                if (until != null && date.isAfter(until)) {
                    continue;
                }
                maxDay = Math.max(maxDay, date.toEpochDay());
                if (f.get(0).startsWith("C") || f.get(0).startsWith("c")) {
                    continue;
                }
                var code = f.get(1).trim().toUpperCase(Locale.ROOT);
                if (code.length() < 5 || !code.substring(0, 5).chars().allMatch(Character::isDigit)) {
                    continue;
                }
                double qty = Double.parseDouble(f.get(3));
                double price = Double.parseDouble(f.get(5));
                if (qty <= 0 || price <= 0) {
                    continue;
                }
                lines.add(new Line(code, (int) date.toEpochDay(), qty, price));
            }
        }
        if (lines.isEmpty()) {
            return List.of();
        }
        var first = LocalDate.ofEpochDay(minDay);
        int len = (int) (maxDay - minDay + 1);
        var qty = new TreeMap<String, double[]>();
        var revenue = new TreeMap<String, double[]>();
        for (var l : lines) {
            int i = (int) (l.day() - minDay);
            qty.computeIfAbsent(l.code(), c -> new double[len])[i] += l.qty();
            revenue.computeIfAbsent(l.code(), c -> new double[len])[i] += l.qty() * l.price();
        }
        var out = new ArrayList<DemandSeries>(qty.size());
        for (var e : qty.entrySet()) {
            var y = e.getValue();
            var rev = revenue.get(e.getKey());
            var price = new double[len];
            for (int i = 0; i < len; i++) {
                price[i] = y[i] > 0 ? rev[i] / y[i] : 0;
            }
            out.add(new DemandSeries(e.getKey(), first, y, price, null));
        }
        return out;
    }
}
