package io.stockwise.cli.ingest;

import io.stockwise.forecast.core.Bucket;
import io.stockwise.forecast.core.data.CsvLine;
import io.stockwise.proto.v1.Date;
import io.stockwise.proto.v1.SaleKind;
import io.stockwise.proto.v1.SaleRecord;
import io.stockwise.proto.v1.SeriesKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads the generic long CSV formats. The first: one daily total of one series per row,
 * {@code date,sku,location,quantity[,unit_price][,on_promotion]}.
 *
 * <ul>
 *   <li>an optional first line starting with {@code date} is a header and skipped;
 *   <li>{@code date} is ISO {@code yyyy-MM-dd}; {@code quantity} a decimal number; a negative
 *       quantity is a return (kind RETURN, positive quantity); a zero quantity is skipped;
 *   <li>{@code unit_price} is optional (empty or absent: 0, unknown); {@code on_promotion} is
 *       {@code true/false/1/0/yes/no} (empty or absent: false);
 *   <li>fields are not quoted (ids must not contain commas);
 *   <li>each row's source id is {@code long:<sku>/<location>@<date>}: a series has one total per day,
 *       so re-importing the file, or a second row for the same day, is a duplicate.
 * </ul>
 *
 * The second, the forecasting long format, is recognised by its header {@code series_id,period,value}
 * (the one {@code forecast-eval --format long} reads):
 *
 * <ul>
 *   <li>{@code series_id} is {@code <sku>/<location>} when it holds a {@code /} (split at the last
 *       one), otherwise the SKU at location {@value #DEFAULT_LOCATION};
 *   <li>{@code period} is a day {@code YYYY-MM-DD}, an ISO week {@code YYYY-Www} or a month
 *       {@code YYYY-MM}, the notation of the first data row throughout;
 *   <li>{@code value} is the period's demand in units, finite and non-negative; zero rows are skipped;
 *   <li>a day's value is that day's sales; a week's or a month's value is <b>one aggregate sale dated
 *       on the period's last day</b> (the Sunday, the month's last day): summed back into weeks or
 *       months (a weekly or monthly {@code Forecast}) it is exact, and the period counts as complete;
 *       read as days it is one spike per period, so forecast such data by week or month;
 *   <li>the source id is {@code long:<SKU>/<location>@<period>}: one total per series and period,
 *       so a re-import or a second row for the same period is a duplicate.
 * </ul>
 *
 * A row that cannot be parsed is not sent; {@link #next()} reports it as a {@link Row} with an error.
 */
final class LongCsvReader {
    /** One row: the record, a skip (zero quantity), or why it could not be parsed. */
    record Row(SaleRecord record, boolean zeroQuantity, String error, long lineNumber) {}

    /** The location of a {@code series_id} without one. */
    static final String DEFAULT_LOCATION = "default";
    private static final String PERIOD_HEADER = "series_id,period,value";

    private final BufferedReader reader;
    private long line;
    private boolean periods;
    private Bucket bucket;

    LongCsvReader(BufferedReader reader) {
        this.reader = reader;
    }

    /** The next row, or {@code null} at the end. */
    Row next() throws IOException {
        String text;
        while ((text = reader.readLine()) != null) {
            line++;
            if (line == 1 && text.replace("\uFEFF", "").replace("\"", "").trim().equals(PERIOD_HEADER)) {
                periods = true;
                continue;
            }
            if (text.isBlank() || (line == 1 && text.trim().toLowerCase(Locale.ROOT).startsWith("date"))) {
                continue;
            }
            return periods ? parsePeriod(text, line) : parse(text, line);
        }
        return null;
    }

    static Row parse(String text, long line) {
        var f = text.split(",", -1);
        if (f.length < 4 || f.length > 6) {
            return new Row(null, false, "expected 4 to 6 fields (date,sku,location,quantity[,unit_price][,on_promotion]), found " + f.length, line);
        }
        LocalDate date;
        try {
            date = LocalDate.parse(f[0].trim());
        } catch (DateTimeParseException e) {
            return new Row(null, false, "date: not yyyy-MM-dd: '" + f[0].trim() + "'", line);
        }
        double qty;
        double price = 0;
        try {
            qty = Double.parseDouble(f[3].trim());
        } catch (NumberFormatException e) {
            return new Row(null, false, "quantity: not a number: '" + f[3].trim() + "'", line);
        }
        if (f.length > 4 && !f[4].isBlank()) {
            try {
                price = Double.parseDouble(f[4].trim());
            } catch (NumberFormatException e) {
                return new Row(null, false, "unit_price: not a number: '" + f[4].trim() + "'", line);
            }
        }
        boolean promo = false;
        if (f.length > 5 && !f[5].isBlank()) {
            switch (f[5].trim().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "y" -> promo = true;
                case "false", "0", "no", "n" -> promo = false;
                default -> {
                    return new Row(null, false, "on_promotion: not true/false: '" + f[5].trim() + "'", line);
                }
            }
        }
        if (qty == 0) {
            return new Row(null, true, null, line);
        }
        var sku = f[1].trim();
        var location = f[2].trim();
        var record = SaleRecord.newBuilder()
                .setSourceId("long:" + sku.toUpperCase(Locale.ROOT) + "/" + location + "@" + date)
                .setSeries(SeriesKey.newBuilder().setSkuId(sku).setLocationId(location))
                .setBusinessDate(Date.newBuilder().setYear(date.getYear()).setMonth(date.getMonthValue()).setDay(date.getDayOfMonth()))
                .setQuantity(Math.abs(qty))
                .setUnitPrice(price)
                .setKind(qty < 0 ? SaleKind.SALE_KIND_RETURN : SaleKind.SALE_KIND_SALE)
                .setOnPromotion(promo)
                .build();
        return new Row(record, false, null, line);
    }

    private Row parsePeriod(String text, long line) {
        var f = CsvLine.fields(text);
        if (f.size() != 3) {
            return new Row(null, false, "expected 3 fields (series_id,period,value), found " + f.size(), line);
        }
        var id = f.get(0).trim();
        if (id.isEmpty()) {
            return new Row(null, false, "series_id: is empty", line);
        }
        var period = f.get(1).trim();
        if (bucket == null) {
            bucket = Bucket.detect(period);
            if (bucket == null) {
                return new Row(null, false, "period: '" + period + "' is none of YYYY-MM-DD, YYYY-Www, YYYY-MM", line);
            }
        }
        long index;
        try {
            index = bucket.parse(period);
        } catch (IllegalArgumentException e) {
            return new Row(null, false, "period: " + e.getMessage(), line);
        }
        double value;
        try {
            value = Double.parseDouble(f.get(2).trim());
        } catch (NumberFormatException e) {
            return new Row(null, false, "value: not a number: '" + f.get(2).trim() + "'", line);
        }
        if (!Double.isFinite(value) || value < 0) {
            return new Row(null, false, "value: must be finite and non-negative, was " + f.get(2).trim(), line);
        }
        if (value == 0) {
            return new Row(null, true, null, line);
        }
        int slash = id.lastIndexOf('/');
        var sku = slash >= 0 ? id.substring(0, slash).trim() : id;
        var location = slash >= 0 ? id.substring(slash + 1).trim() : DEFAULT_LOCATION;
        var day = bucket.end(index);
        var record = SaleRecord.newBuilder()
                .setSourceId("long:" + sku.toUpperCase(Locale.ROOT) + "/" + location + "@" + period)
                .setSeries(SeriesKey.newBuilder().setSkuId(sku).setLocationId(location))
                .setBusinessDate(Date.newBuilder().setYear(day.getYear()).setMonth(day.getMonthValue()).setDay(day.getDayOfMonth()))
                .setQuantity(value)
                .setKind(SaleKind.SALE_KIND_SALE)
                .build();
        return new Row(record, false, null, line);
    }
}
