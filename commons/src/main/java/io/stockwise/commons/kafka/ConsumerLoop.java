package io.stockwise.commons.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Polls topics on its own thread, hands each batch to a handler and commits the batch's offsets
 * only after the handler returned, so a record is never marked consumed before its effect is
 * stored. Handlers are idempotent (upserts keyed by event id), so a batch may be handled again.
 *
 * <p>When the handler fails for a transient reason (a database or broker away) the batch is read
 * again after a back-off, for as long as it takes. When it fails for a permanent one (a
 * {@link PoisonRecord}, an unreadable protobuf, an SQL data or integrity error: {@link #isPermanent})
 * the loop isolates the culprit: it handles the batch's records one at a time, sends each record
 * that fails permanently on its own to its dead-letter topic ({@link DeadLetters}) and commits past
 * it, so one bad record never stops its partition and none is skipped silently.
 */
public final class ConsumerLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class.getName());

    /** Stores the effect of a batch of records; throws to have the batch retried. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception;
    }

    private final Supplier<Consumer<String, byte[]>> consumerFactory;
    private final Collection<String> topics;
    private final BatchHandler handler;
    private final Duration pollTimeout;
    private final Duration retryBackoff;
    private final DeadLetters deadLetters;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Thread thread;
    private volatile Consumer<String, byte[]> consumer;

    /**
     * @param deadLetters where records that fail permanently go; {@code null} retries every failure
     *     (for handlers that dead-letter everything themselves)
     */
    public ConsumerLoop(String name, Supplier<Consumer<String, byte[]>> consumerFactory, Collection<String> topics,
            BatchHandler handler, DeadLetters deadLetters, Duration pollTimeout, Duration retryBackoff) {
        this.deadLetters = deadLetters;
        this.consumerFactory = consumerFactory;
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.pollTimeout = pollTimeout;
        this.retryBackoff = retryBackoff;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Starts polling on the loop's thread. */
    public void start() {
        if (running.compareAndSet(false, true)) {
            thread.start();
        }
    }

    private void run() {
        try (var c = consumerFactory.get()) {
            consumer = c;
            c.subscribe(topics);
            while (running.get()) {
                var polled = c.poll(pollTimeout);
                if (polled.isEmpty()) {
                    continue;
                }
                var batch = new ArrayList<ConsumerRecord<String, byte[]>>(polled.count());
                polled.forEach(batch::add);
                try {
                    handler.handle(batch);
                    c.commitSync(nextOffsets(batch));
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    if (deadLetters != null && isPermanent(e)) {
                        isolate(c, batch);
                    } else {
                        LOG.log(Level.WARNING, "Batch of " + batch.size() + " records failed; retrying in " + retryBackoff, e);
                        rewind(c, batch);
                        sleep(retryBackoff);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                LOG.log(Level.SEVERE, "Consumer woken up while running", e);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Consumer loop " + thread.getName() + " stopped", e);
        } finally {
            consumer = null;
        }
    }

    /**
     * Handles the records of a failed batch one at a time, dead-lettering each one that fails
     * permanently and committing after each; on a transient failure it rewinds to the record that
     * failed and backs off.
     */
    private void isolate(Consumer<String, byte[]> c, List<ConsumerRecord<String, byte[]>> batch) {
        for (int i = 0; i < batch.size(); i++) {
            var one = List.of(batch.get(i));
            try {
                try {
                    handler.handle(one);
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    if (!isPermanent(e)) {
                        throw e;
                    }
                    deadLetters.send(batch.get(i), reason(e), String.valueOf(e.getMessage()));
                }
                c.commitSync(nextOffsets(one));
            } catch (WakeupException e) {
                throw e;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Record " + batch.get(i).topic() + "@" + batch.get(i).offset() + " failed; retrying in "
                        + retryBackoff, e);
                rewind(c, batch.subList(i, batch.size()));
                sleep(retryBackoff);
                return;
            }
        }
    }

    /**
     * Whether {@code e} (or a cause) says the record can never be processed: a {@link PoisonRecord},
     * an unreadable protobuf, or an SQL data exception (class 22) or integrity violation (class 23).
     */
    public static boolean isPermanent(Throwable e) {
        return reasonOrNull(e) != null;
    }

    static String reason(Throwable e) {
        var r = reasonOrNull(e);
        return r == null ? "FAILED" : r;
    }

    private static String reasonOrNull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonRecord p) {
                return p.reason();
            }
            if (t instanceof com.google.protobuf.InvalidProtocolBufferException) {
                return "UNREADABLE";
            }
            if (t instanceof java.sql.SQLException s && s.getSQLState() != null) {
                if (s.getSQLState().startsWith("22")) {
                    return "DATA_EXCEPTION";
                }
                if (s.getSQLState().startsWith("23")) {
                    return "CONSTRAINT_VIOLATION";
                }
            }
        }
        return null;
    }

    static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, byte[]>> batch) {
        var offsets = new HashMap<TopicPartition, OffsetAndMetadata>();
        for (var r : batch) {
            offsets.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    private static void rewind(Consumer<String, byte[]> c, List<ConsumerRecord<String, byte[]>> batch) {
        var first = new HashMap<TopicPartition, Long>();
        for (var r : batch) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        var assigned = c.assignment();
        first.forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                c.seek(tp, offset);
            }
        });
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    /** True while the loop's thread runs. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Stops polling, waits for the current batch to finish and closes the consumer. */
    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        var c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
