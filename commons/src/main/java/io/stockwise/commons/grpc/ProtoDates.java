package io.stockwise.commons.grpc;

import com.google.protobuf.Timestamp;
import io.stockwise.commons.error.FieldViolation;
import io.stockwise.proto.v1.Date;
import io.stockwise.proto.v1.SeriesKey;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** Conversions between the contract's value types and java.time / domain strings. */
public final class ProtoDates {
    private ProtoDates() {}

    /** True when the date is unset (all zero), which contracts read as "not given". */
    public static boolean isUnset(Date date) {
        return date == null || (date.getYear() == 0 && date.getMonth() == 0 && date.getDay() == 0);
    }

    public static Date toProto(LocalDate date) {
        return Date.newBuilder().setYear(date.getYear()).setMonth(date.getMonthValue()).setDay(date.getDayOfMonth()).build();
    }

    /** The date, or a violation naming {@code field} when it is not a valid calendar day. */
    public static LocalDate toLocalDate(Date date, String field) {
        try {
            return LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
        } catch (DateTimeException e) {
            throw io.stockwise.commons.error.StockwiseException.invalid(field, "INVALID_FORMAT",
                    "is not a valid calendar date: " + date.getYear() + "-" + date.getMonth() + "-" + date.getDay());
        }
    }

    /** The date if set and valid; empty if unset; a violation if set but invalid. */
    public static Optional<LocalDate> optional(Date date, String field) {
        return isUnset(date) ? Optional.empty() : Optional.of(toLocalDate(date, field));
    }

    /** Checks a date without throwing: empty when valid. */
    public static Optional<FieldViolation> check(Date date, String field, LocalDate min, LocalDate max) {
        if (isUnset(date)) {
            return Optional.of(new FieldViolation(field, "REQUIRED", "is required"));
        }
        LocalDate d;
        try {
            d = LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
        } catch (DateTimeException e) {
            return Optional.of(new FieldViolation(field, "INVALID_FORMAT", "is not a valid calendar date"));
        }
        if (d.isBefore(min) || d.isAfter(max)) {
            return Optional.of(new FieldViolation(field, "OUT_OF_RANGE", "must be between " + min + " and " + max + ", was " + d));
        }
        return Optional.empty();
    }

    public static Timestamp toProto(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** The series key's string form {@code <sku_id>/<location_id>}, used as Kafka key. */
    public static String seriesKey(SeriesKey key) {
        return key.getSkuId() + "/" + key.getLocationId();
    }

    /** Parses {@code <sku_id>/<location_id>}. */
    public static SeriesKey parseSeriesKey(String key) {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw io.stockwise.commons.error.StockwiseException.invalid("series_key", "INVALID_FORMAT",
                    "must be <sku_id>/<location_id>, was '" + key + "'");
        }
        return SeriesKey.newBuilder().setSkuId(key.substring(0, slash)).setLocationId(key.substring(slash + 1)).build();
    }
}
