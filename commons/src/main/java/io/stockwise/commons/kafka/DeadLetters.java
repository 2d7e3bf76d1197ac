package io.stockwise.commons.kafka;

import io.micrometer.core.instrument.Metrics;
import io.stockwise.commons.error.Text;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Where every consumer puts a record it can never process: the dead-letter topic of the record's
 * topic ({@link #topicFor}), with the record's key and value unchanged and the headers
 * {@code stockwise.reason}, {@code stockwise.description}, {@code stockwise.source}
 * (topic-partition@offset) and {@code stockwise.consumer}. A send waits for Kafka's
 * acknowledgement and throws when it fails, so the consumer retries and never skips a record
 * silently. Each dead letter counts in {@code stockwise_consumer_dead_letters_total{consumer,reason}}.
 */
public final class DeadLetters implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private final Producer<String, byte[]> producer;
    private final String consumer;
    private final Duration timeout;

    /** Reasons every consumer can meet; their counters start at 0, so the first dead letter shows as an increase. */
    static final List<String> COMMON_REASONS = List.of("UNREADABLE", "INVALID_EVENT", "DATA_EXCEPTION", "CONSTRAINT_VIOLATION");

    public DeadLetters(Producer<String, byte[]> producer, String consumer, Duration timeout) {
        this.producer = producer;
        this.consumer = consumer;
        this.timeout = timeout;
        COMMON_REASONS.forEach(reason -> counter(reason));
    }

    private io.micrometer.core.instrument.Counter counter(String reason) {
        return Metrics.counter("stockwise.consumer.dead.letters", "consumer", consumer, "reason", reason);
    }

    /** Dead letters for {@code consumer} through an idempotent producer of its own. */
    public static DeadLetters create(String bootstrapServers, String consumer, Duration timeout) {
        var p = KafkaSettings.producer(bootstrapServers, consumer + "-dlq", timeout);
        return new DeadLetters(new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer()), consumer, timeout);
    }

    /** The dead-letter topic of {@code topic}: {@code stockwise.x.v1} goes to {@code stockwise.x.dlq.v1}. */
    public static String topicFor(String topic) {
        return topic.endsWith(".v1") ? topic.substring(0, topic.length() - 3) + ".dlq.v1" : topic + ".dlq";
    }

    /**
     * Sends {@code record} to its dead-letter topic and waits for the acknowledgement.
     *
     * @param reason a stable upper-case reason, e.g. {@code UNREADABLE}
     * @param description what went wrong, in words
     * @throws IllegalStateException when Kafka does not acknowledge it in time (the caller retries)
     */
    public void send(ConsumerRecord<String, byte[]> record, String reason, String description) {
        var out = new ProducerRecord<String, byte[]>(topicFor(record.topic()), record.key(), record.value());
        header(out, "stockwise.reason", reason);
        header(out, "stockwise.description", description == null ? "" : description);
        header(out, "stockwise.source", record.topic() + "-" + record.partition() + "@" + record.offset());
        header(out, "stockwise.consumer", consumer);
        try {
            producer.send(out).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + record.topic() + "@" + record.offset(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + ": " + e.getMessage(), e);
        }
        counter(reason).increment();
        LOG.warnf("%s dead-lettered %s-%d@%d to %s: %s %s", consumer, record.topic(), record.partition(), record.offset(),
                out.topic(), reason, description);
    }

    private static void header(ProducerRecord<String, byte[]> r, String key, String value) {
        r.headers().add(new RecordHeader(key, Text.storable(value, 1024).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
