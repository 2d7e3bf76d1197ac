package io.stockwise.ingestion.domain;

import java.util.Locale;

/**
 * The stored form of the ids in a series key: SKU ids are trimmed and upper-cased (so {@code 85014b}
 * and {@code 85014B} are one SKU), location ids trimmed. Validators check this form, never the raw
 * input, so what passes a length check is exactly what is stored (an upper-cased {@code ß} is two
 * characters).
 */
public final class Keys {
    private Keys() {}

    /** The stored SKU id, or {@code null} for {@code null}. */
    public static String sku(String raw) {
        return raw == null ? null : raw.trim().toUpperCase(Locale.ROOT);
    }

    /** The stored location id, or {@code null} for {@code null}. */
    public static String location(String raw) {
        return raw == null ? null : raw.trim();
    }
}
