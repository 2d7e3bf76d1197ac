package io.stockwise.commons.outbox;

import io.stockwise.commons.error.Text;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Kafka record waiting in a service's outbox table.
 *
 * @param topic the topic it goes to
 * @param key the record key (the series key, so one series keeps its order on one partition);
 *     made storable {@link Text} of at most {@value #MAX_KEY_LENGTH} characters
 * @param payload the record value, a serialized {@code stockwise.v1} event
 * @param headers record headers (the reason of a dead letter, for example); may be empty; values
 *     made storable text of at most {@value #MAX_HEADER_LENGTH} characters
 */
public record OutboxRecord(String topic, String key, byte[] payload, Map<String, String> headers) {
    /** Longest record key kept, in characters (longer keys are cut, with a trailing "…"). */
    public static final int MAX_KEY_LENGTH = 256;
    /** Longest header value kept, in characters. */
    public static final int MAX_HEADER_LENGTH = 1024;

    public OutboxRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        // A dead letter's key and reason come from rejected input: keep them storable and bounded
        // (valid series keys are at most 129 characters of text and pass unchanged).
        key = Text.storable(key, MAX_KEY_LENGTH);
        var bounded = new LinkedHashMap<String, String>();
        headers.forEach((k, v) -> bounded.put(k, Text.storable(v, MAX_HEADER_LENGTH)));
        headers = Collections.unmodifiableMap(bounded);
    }

    public OutboxRecord(String topic, String key, byte[] payload) {
        this(topic, key, payload, Map.of());
    }
}
