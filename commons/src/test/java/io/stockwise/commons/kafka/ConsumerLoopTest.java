package io.stockwise.commons.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockwise.embedded.StockwiseInfra;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The loop against a real broker: poison records are dead-lettered, transient failures retried, nothing skipped. */
class ConsumerLoopTest {
    private final StockwiseInfra infra = StockwiseInfra.shared();

    @Test
    void deadLettersWhatCanNeverBeProcessedAndRetriesTheRest() throws Exception {
        var topic = "stockwise.looptest" + UUID.randomUUID().toString().substring(0, 8) + ".v1";
        infra.kafka().createTopics(Map.of(topic, 1));
        var values = List.of("good-1", "poison", "good-2", "flaky", "bad-sql", "good-3");
        try (var producer = new KafkaProducer<String, byte[]>(KafkaSettings.producer(infra.bootstrapServers(), "loop-test",
                Duration.ofSeconds(10)), new StringSerializer(), new ByteArraySerializer())) {
            for (var v : values) {
                producer.send(new ProducerRecord<>(topic, "k", v.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        var handled = Collections.synchronizedList(new ArrayList<String>());
        var flakyFailures = new AtomicInteger();
        ConsumerLoop.BatchHandler handler = records -> {
            var batch = new ArrayList<String>();
            for (var r : records) {
                var v = new String(r.value(), StandardCharsets.UTF_8);
                switch (v) {
                    case "poison" -> throw new PoisonRecord("INVALID_EVENT", "no series in " + v);
                    case "bad-sql" -> throw new IllegalStateException("store failed",
                            new SQLException("invalid byte sequence for encoding UTF8: 0x00", "22021"));
                    // Fails twice (a database away), then works: retried, never dead-lettered.
                    case "flaky" -> {
                        if (flakyFailures.getAndIncrement() < 2) {
                            throw new IllegalStateException("connection refused");
                        }
                    }
                    default -> { }
                }
                batch.add(v);
            }
            handled.addAll(batch);
        };
        var group = "loop-test-" + UUID.randomUUID();
        var props = KafkaSettings.consumer(infra.bootstrapServers(), group, "loop-test", Map.of());
        try (var dlq = DeadLetters.create(infra.bootstrapServers(), "loop-test", Duration.ofSeconds(10));
                var loop = new ConsumerLoop("loop-test", () -> new KafkaConsumer<String, byte[]>(props), List.of(topic), handler,
                        dlq, Duration.ofMillis(100), Duration.ofMillis(200))) {
            loop.start();
            await("every good record handled").atMost(Duration.ofSeconds(60)).until(() -> handled.contains("good-3"));
            await("the group committed past the last record").atMost(Duration.ofSeconds(30)).until(() -> committed(group, topic) == 6);
        }
        // Records handled in a failed batch are handled again (idempotent handlers); each good one at least once.
        assertThat(handled).contains("good-1", "good-2", "flaky", "good-3").doesNotContain("poison", "bad-sql");
        assertThat(flakyFailures.get()).isGreaterThanOrEqualTo(3);
        var letters = readAll(DeadLetters.topicFor(topic), 2);
        assertThat(letters).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("poison", "bad-sql");
        assertThat(letters).extracting(r -> header(r, "stockwise.reason")).containsExactly("INVALID_EVENT", "DATA_EXCEPTION");
        assertThat(header(letters.get(0), "stockwise.source")).isEqualTo(topic + "-0@1");
        assertThat(header(letters.get(0), "stockwise.consumer")).isEqualTo("loop-test");
        assertThat(DeadLetters.topicFor(topic)).endsWith(".dlq.v1");
    }

    @Test
    void classifiesFailures() {
        assertThat(ConsumerLoop.isPermanent(new PoisonRecord("X", "x"))).isTrue();
        assertThat(ConsumerLoop.isPermanent(new RuntimeException(new com.google.protobuf.InvalidProtocolBufferException("bad")))).isTrue();
        assertThat(ConsumerLoop.isPermanent(new RuntimeException(new SQLException("dup", "23505")))).isTrue();
        assertThat(ConsumerLoop.isPermanent(new RuntimeException(new SQLException("gone", "08006")))).isFalse();
        assertThat(ConsumerLoop.isPermanent(new IllegalStateException("connection refused"))).isFalse();
    }

    private long committed(String group, String topic) {
        try (var c = new KafkaConsumer<String, byte[]>(KafkaSettings.consumer(infra.bootstrapServers(), group, "probe", Map.of()))) {
            var tp = new TopicPartition(topic, 0);
            var o = c.committed(java.util.Set.of(tp)).get(tp);
            return o == null ? 0 : o.offset();
        }
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        var out = new ArrayList<ConsumerRecord<String, byte[]>>();
        try (var c = new KafkaConsumer<String, byte[]>(KafkaSettings.consumer(infra.bootstrapServers(),
                "reader-" + UUID.randomUUID(), "reader", Map.of()))) {
            c.subscribe(List.of(topic));
            await("the dead letters").atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= expected;
            });
        }
        return out;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String key) {
        return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
