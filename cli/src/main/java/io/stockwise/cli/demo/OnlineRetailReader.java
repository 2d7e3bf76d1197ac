package io.stockwise.cli.demo;

import io.stockwise.forecast.core.data.CsvLine;
import io.stockwise.proto.v1.Date;
import io.stockwise.proto.v1.SaleKind;
import io.stockwise.proto.v1.SaleRecord;
import io.stockwise.proto.v1.SeriesKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads a file in the UCI "Online Retail" invoice-line format (CSV, optionally gzipped) into sales
 * records for one location, {@value #LOCATION}. How each quirk of that data maps:
 *
 * <ul>
 *   <li>stock codes are upper-cased ({@code 85014b} and {@code 85014B} are one SKU);
 *   <li>codes that do not start with five digits (postage, fees, manual lines, vouchers) are not
 *       products and are skipped, counted as {@code nonProduct};
 *   <li>invoices starting with {@code C} are cancellations: kind CANCELLATION, positive quantity;
 *   <li>other negative quantities are stock write-offs: kind ADJUSTMENT, positive quantity;
 *   <li>zero-quantity lines are skipped; zero-price lines are kept with price 0 (the feature
 *       service does not count them as demand);
 *   <li>exact duplicate lines are kept: each line's source id is its invoice number and its
 *       position within the invoice, so re-reading the file yields the same ids;
 *   <li>times are naive UK local times; the business date is their calendar day.
 * </ul>
 */
public final class OnlineRetailReader {
    public static final String LOCATION = "online";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId UK = ZoneId.of("Europe/London");

    /** The records and what was skipped. */
    public record Result(List<SaleRecord> records, int lines, int nonProduct, int zeroQuantity) {}

    private OnlineRetailReader() {}

    public static Result read(Path file) throws IOException {
        var in = Files.newInputStream(file);
        var stream = file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16)) {
            var header = reader.readLine();
            if (header == null || !header.startsWith("\"InvoiceNo\",\"StockCode\"")) {
                throw new IOException(file + " is not in the Online Retail format (header: InvoiceNo,StockCode,Description,...)");
            }
            var out = new ArrayList<SaleRecord>();
            var lineInInvoice = new HashMap<String, Integer>();
            int lines = 0;
            int nonProduct = 0;
            int zero = 0;
            String row;
            while ((row = reader.readLine()) != null) {
                lines++;
                var f = CsvLine.fields(row);
                if (f.size() != 8) {
                    throw new IOException(file + " line " + (lines + 1) + ": expected 8 fields, found " + f.size());
                }
                var invoice = f.get(0);
                var code = f.get(1).toUpperCase(Locale.ROOT);
                int n = lineInInvoice.merge(invoice, 1, Integer::sum);
                if (code.length() < 5 || !code.substring(0, 5).chars().allMatch(Character::isDigit)) {
                    nonProduct++;
                    continue;
                }
                double qty = Double.parseDouble(f.get(3));
                if (qty == 0) {
                    zero++;
                    continue;
                }
                var kind = invoice.startsWith("C") ? SaleKind.SALE_KIND_CANCELLATION
                        : qty < 0 ? SaleKind.SALE_KIND_ADJUSTMENT : SaleKind.SALE_KIND_SALE;
                var time = LocalDateTime.parse(f.get(4), TIME);
                var instant = time.atZone(UK).toInstant();
                out.add(SaleRecord.newBuilder()
                        .setSourceId("online-retail:" + invoice + "#" + n)
                        .setSeries(SeriesKey.newBuilder().setSkuId(code).setLocationId(LOCATION))
                        .setBusinessDate(Date.newBuilder().setYear(time.getYear()).setMonth(time.getMonthValue()).setDay(time.getDayOfMonth()))
                        .setEventTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(instant.getEpochSecond()))
                        .setQuantity(Math.abs(qty))
                        .setUnitPrice(Math.max(0, Double.parseDouble(f.get(5))))
                        .setCurrencyCode("GBP")
                        .setKind(kind)
                        .setOrderId(invoice)
                        .setCustomerId(f.get(6))
                        .build());
            }
            return new Result(out, lines, nonProduct, zero);
        }
    }
}
