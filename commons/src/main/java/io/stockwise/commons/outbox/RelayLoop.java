package io.stockwise.commons.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/**
 * Publishes a table of stored events to Kafka on one background thread, from {@link #start()} to
 * {@link #stop()}: batch after batch while there is work, a poll interval's pause when there is
 * none (or until {@link #wake()}), exponential back-off while Kafka or the database is
 * unreachable, and a fresh producer after a failed send (its idempotence state may be broken).
 * Exports {@code <prefix>.backlog.records}, {@code <prefix>.age.seconds} and
 * {@code <prefix>.published.records}.
 */
public final class RelayLoop {
    private static final Logger LOG = Logger.getLogger(RelayLoop.class);
    private static final long BACKLOG_REFRESH_NANOS = Duration.ofSeconds(2).toNanos();

    /** What a relay loop publishes: one transaction per call, deleting what Kafka acknowledged. */
    public interface Source {
        /**
         * Publishes the next batch.
         *
         * @return events published; 0 when there is nothing to publish or another instance holds the lock
         */
        int publishBatch(Producer<String, byte[]> producer) throws SQLException;

        /** Events waiting and the age of the oldest. */
        OutboxRelay.Backlog backlog() throws SQLException;

        /** Whether a batch of {@code published} events may have left more waiting right now. */
        boolean mayHaveMore(int published);
    }

    private final String name;
    private final Source source;
    private final Supplier<Properties> producerSettings;
    private final OutboxConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong backlogRecords = new AtomicLong();
    private final AtomicLong backlogAgeMillis = new AtomicLong();
    private final AtomicLong parkedRecords = new AtomicLong();
    private final Counter published;
    private volatile Thread thread;
    private volatile Thread sleeper;

    /**
     * @param name the thread's name, also used in log lines
     * @param metricPrefix e.g. {@code stockwise.outbox}
     * @param one what one event is called in the metrics' descriptions (e.g. "outbox row")
     * @param many the plural (e.g. "outbox rows")
     * @param producerSettings the settings of each producer the loop creates
     */
    public RelayLoop(String name, Source source, Supplier<Properties> producerSettings, OutboxConfig config,
            MeterRegistry registry, String metricPrefix, String one, String many) {
        this.name = name;
        this.source = source;
        this.producerSettings = producerSettings;
        this.config = config;
        Gauge.builder(metricPrefix + ".backlog.records", backlogRecords, AtomicLong::get)
                .description(capitalized(many) + " not yet published to Kafka").register(registry);
        Gauge.builder(metricPrefix + ".age.seconds", backlogAgeMillis, a -> a.get() / 1000.0)
                .description("Age of the oldest unpublished " + one).register(registry);
        Gauge.builder(metricPrefix + ".parked.records", parkedRecords, AtomicLong::get)
                .description(capitalized(many) + " Kafka refused for good, parked for a fix").register(registry);
        this.published = Counter.builder(metricPrefix + ".published.records")
                .description(capitalized(many) + " published to Kafka").register(registry);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Starts the thread; a second call does nothing. */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Wakes the loop now instead of at its next poll; writers call it after committing. */
    public void wake() {
        var t = sleeper;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Stops the thread, waiting up to 10 s for the batch in flight. */
    public void stop() {
        if (running.compareAndSet(true, false)) {
            var t = thread;
            if (t != null) {
                LockSupport.unpark(t);
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void loop() {
        Producer<String, byte[]> producer = null;
        long backoffMillis = 100;
        long nextBacklog = 0;
        while (running.get()) {
            try {
                if (producer == null) {
                    producer = new KafkaProducer<>(producerSettings.get());
                }
                if (System.nanoTime() >= nextBacklog) {
                    var backlog = source.backlog();
                    backlogRecords.set(backlog.rows());
                    backlogAgeMillis.set((long) (backlog.oldestAgeSeconds() * 1000));
                    parkedRecords.set(backlog.parked());
                    nextBacklog = System.nanoTime() + BACKLOG_REFRESH_NANOS;
                }
                int n = source.publishBatch(producer);
                published.increment(n);
                backoffMillis = 100;
                if (!source.mayHaveMore(n)) {
                    pause(config.pollInterval().toMillis());
                }
            } catch (Exception e) {
                LOG.warnf("%s could not publish (%s); retrying in %d ms", name, e.getMessage(), backoffMillis);
                if (producer != null) {
                    producer.close(Duration.ofSeconds(1));
                    producer = null;
                }
                pause(backoffMillis);
                backoffMillis = Math.min(config.maxBackoff().toMillis(), backoffMillis * 2);
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void pause(long millis) {
        sleeper = Thread.currentThread();
        LockSupport.parkNanos(Duration.ofMillis(millis).toNanos());
        sleeper = null;
    }
}
