package io.stockwise.feature.domain;

import io.stockwise.commons.error.Validator;
import java.util.Objects;

/**
 * One demand series: one SKU at one location. Identifiers are matched exactly (ingestion already
 * upper-cases SKUs). Series are ordered by SKU, then location, both by Unicode code point: the
 * order of every list and stream this service returns.
 *
 * @param skuId the SKU code; 1 to {@value #MAX_ID_LENGTH} characters, no {@code '/'}
 * @param locationId the location; 1 to {@value #MAX_ID_LENGTH} characters, no {@code '/'}
 */
public record SeriesId(String skuId, String locationId) implements Comparable<SeriesId> {
    /** Longest SKU or location identifier, in characters. */
    public static final int MAX_ID_LENGTH = 64;

    public SeriesId {
        Objects.requireNonNull(skuId, "skuId");
        Objects.requireNonNull(locationId, "locationId");
    }

    /** A valid series, or an {@code INVALID_ARGUMENT} failure naming {@code field.sku_id} etc. */
    public static SeriesId of(String skuId, String locationId, String field) {
        var v = new Validator();
        var id = check(v, field, skuId, locationId);
        v.throwIfInvalid();
        return id;
    }

    /**
     * Checks a series from a request, recording violations under {@code field} (e.g. {@code series}
     * gives {@code series.sku_id}) in {@code v}.
     *
     * @return the series, or {@code null} when it is invalid
     */
    public static SeriesId check(Validator v, String field, String skuId, String locationId) {
        boolean ok = checkId(v, field + ".sku_id", skuId);
        ok &= checkId(v, field + ".location_id", locationId);
        return ok ? new SeriesId(skuId, locationId) : null;
    }

    private static boolean checkId(Validator v, String field, String value) {
        if (value == null || value.isBlank()) {
            v.add(field, "REQUIRED", "is required");
            return false;
        }
        if (value.length() > MAX_ID_LENGTH) {
            v.add(field, "TOO_LONG", "must be at most " + MAX_ID_LENGTH + " characters, was " + value.length());
            return false;
        }
        if (value.indexOf('/') >= 0) {
            v.add(field, "INVALID_FORMAT", "must not contain '/'");
            return false;
        }
        return true;
    }

    /** The series key {@code <sku_id>/<location_id>}, the Kafka record key. */
    public String key() {
        return skuId + "/" + locationId;
    }

    @Override
    public int compareTo(SeriesId other) {
        int c = compareCodePoints(skuId, other.skuId);
        return c != 0 ? c : compareCodePoints(locationId, other.locationId);
    }

    /** Code-point order, as PostgreSQL's "C" collation orders UTF-8 text (String.compareTo uses UTF-16 units). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @Override
    public String toString() {
        return key();
    }
}
