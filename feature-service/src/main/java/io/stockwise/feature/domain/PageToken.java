package io.stockwise.feature.domain;

import io.stockwise.commons.error.StockwiseException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque page token of {@code ListSeries}: the last series of the previous page, so the next
 * page starts right after it (keyset pagination, stable while series are added). Clients must not
 * parse it; its form may change with a new version prefix.
 */
public final class PageToken {
    private static final String VERSION = "s1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private PageToken() {}

    /** The token for the page after {@code last}. */
    public static String encode(SeriesId last) {
        var plain = VERSION + "/" + last.skuId() + "/" + last.locationId();
        return ENCODER.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The series a token continues after; empty for the empty token (the first page).
     *
     * @throws StockwiseException {@code INVALID_ARGUMENT} on {@code field} when the token is not one of ours
     */
    public static Optional<SeriesId> decode(String token, String field) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String plain;
        try {
            plain = new String(DECODER.decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(field);
        }
        var parts = plain.split("/", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw invalid(field);
        }
        try {
            return Optional.of(SeriesId.of(parts[1], parts[2], field));
        } catch (StockwiseException e) {
            throw invalid(field);
        }
    }

    private static StockwiseException invalid(String field) {
        return StockwiseException.invalid(field, "INVALID_FORMAT", "is not a page token returned by this service");
    }
}
