package io.stockwise.ingestion.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives a record's source id from its content when the client gives none, so that sending the
 * same line twice stores it once. The id is {@code sha256:} and the first 32 hex digits of the
 * SHA-256 of the fields that define the line, separated by a unit separator.
 */
public final class SourceIds {
    private SourceIds() {}

    public static String derive(SaleLine line) {
        var canonical = String.join("\u001f", line.skuId(), line.locationId(), line.businessDate().toString(),
                line.eventTime() == null ? "" : line.eventTime().toString(), Double.toString(line.quantity()),
                Double.toString(line.unitPrice()), line.currencyCode(), line.kind().name(),
                Boolean.toString(line.onPromotion()), line.orderId(), line.customerId());
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
