package io.stockwise.commons.outbox;

import java.util.Map;
import java.util.Objects;

/**
 * One Kafka record waiting in a service's outbox table.
 *
 * @param topic the topic it goes to
 * @param key the record key (the series key, so one series keeps its order on one partition)
 * @param payload the record value, a serialized {@code stockwise.v1} event
 * @param headers record headers (the reason of a dead letter, for example); may be empty
 */
public record OutboxRecord(String topic, String key, byte[] payload, Map<String, String> headers) {
    public OutboxRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        headers = Map.copyOf(headers);
    }

    public OutboxRecord(String topic, String key, byte[] payload) {
        this(topic, key, payload, Map.of());
    }
}
