package io.stockwise.feature.messaging;

import io.stockwise.commons.kafka.ConsumerLoop;
import io.stockwise.commons.kafka.DeadLetters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One sales consumer: a commons {@link ConsumerLoop} over a Kafka consumer that, after every poll
 * (on the loop's thread, the only one allowed to touch it), publishes its assignment, positions and
 * per-partition lag. Several loops with one group id split the partitions, like several instances.
 */
public final class SalesLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SalesLoop.class);

    private final String groupId;
    private final ConsumerLoop loop;
    private final DeadLetters deadLetters;
    private volatile Set<Integer> assigned = Set.of();
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private final AtomicLong handled = new AtomicLong();

    SalesLoop(String name, String groupId, String topic, Properties consumerProperties, ConsumerLoop.BatchHandler handler,
            DeadLetters deadLetters, Duration pollTimeout, Duration retryBackoff, Consumer<Map<Integer, Long>> lagSink) {
        this.groupId = groupId;
        this.deadLetters = deadLetters;
        this.loop = new ConsumerLoop(name, () -> new KafkaConsumer<String, byte[]>(consumerProperties) {
            @Override
            public ConsumerRecords<String, byte[]> poll(Duration timeout) {
                var records = super.poll(timeout);
                try {
                    observe(this, lagSink);
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Observing is best effort: a slow offset lookup must never stop consumption.
                    LOG.debugf(e, "Could not observe the positions of %s", name);
                }
                return records;
            }
        }, List.of(topic), records -> {
            handler.handle(records);
            handled.addAndGet(records.size());
        }, deadLetters, pollTimeout, retryBackoff);
    }

    private void observe(KafkaConsumer<String, byte[]> consumer, Consumer<Map<Integer, Long>> lagSink) {
        var partitions = new TreeSet<Integer>();
        var lags = new ConcurrentHashMap<Integer, Long>();
        for (TopicPartition tp : consumer.assignment()) {
            partitions.add(tp.partition());
            consumer.currentLag(tp).ifPresent(lag -> lags.put(tp.partition(), lag));
            positions.put(tp.partition(), consumer.position(tp, Duration.ofSeconds(1)));
        }
        positions.keySet().retainAll(partitions);
        assigned = Set.copyOf(partitions);
        lagSink.accept(lags);
    }

    /** The consumer group. */
    public String groupId() {
        return groupId;
    }

    /** Starts consuming. */
    public void start() {
        loop.start();
    }

    /** Whether the loop's thread runs. */
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** The partitions assigned at the last poll. */
    public Set<Integer> assignedPartitions() {
        return assigned;
    }

    /** The next offset to read of each assigned partition, at the last poll. */
    public Map<Integer, Long> positions() {
        return Map.copyOf(positions);
    }

    /** Records handed to the handler and stored (redeliveries included). */
    public long recordsHandled() {
        return handled.get();
    }

    /** Stops consuming after the current batch and leaves the group (its partitions go to the others). */
    @Override
    public void close() {
        loop.close();
        deadLetters.close();
    }
}
