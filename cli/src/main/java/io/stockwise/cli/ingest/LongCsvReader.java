package io.stockwise.cli.ingest;

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
 * Reads the generic long CSV format, one daily total of one series per row:
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
 * A row that cannot be parsed is not sent; {@link #next()} reports it as a {@link Row} with an error.
 */
final class LongCsvReader {
    /** One row: the record, a skip (zero quantity), or why it could not be parsed. */
    record Row(SaleRecord record, boolean zeroQuantity, String error, long lineNumber) {}

    private final BufferedReader reader;
    private long line;

    LongCsvReader(BufferedReader reader) {
        this.reader = reader;
    }

    /** The next row, or {@code null} at the end. */
    Row next() throws IOException {
        String text;
        while ((text = reader.readLine()) != null) {
            line++;
            if (text.isBlank() || (line == 1 && text.trim().toLowerCase(Locale.ROOT).startsWith("date"))) {
                continue;
            }
            return parse(text, line);
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
}
