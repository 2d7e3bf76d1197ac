package io.stockwise.commons.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stockwise.commons.kafka.KafkaSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the {@link OutboxRelay} of the service on a background thread from startup to shutdown,
 * backing off while Kafka or the database is unreachable, and exports
 * {@code stockwise_outbox_backlog_records}, {@code stockwise_outbox_age_seconds} and
 * {@code stockwise_outbox_published_records_total}.
 */
@ApplicationScoped
public class OutboxRelayWorker {
    private static final Logger LOG = Logger.getLogger(OutboxRelayWorker.class);
    private static final long BACKLOG_REFRESH_NANOS = Duration.ofSeconds(2).toNanos();

    private final OutboxConfig config;
    private final DataSource dataSource;
    private final String bootstrapServers;
    private final String clientId;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong backlogRows = new AtomicLong();
    private final AtomicLong backlogAgeMillis = new AtomicLong();
    private volatile Thread thread;
    private volatile Thread sleeper;

    public OutboxRelayWorker(OutboxConfig config, DataSource dataSource,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String applicationName, MeterRegistry registry) {
        this.config = config;
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
        this.clientId = applicationName + "-outbox";
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled() || !running.compareAndSet(false, true)) {
            return;
        }
        Gauge.builder("stockwise.outbox.backlog.records", backlogRows, AtomicLong::get)
                .description("Outbox rows not yet published to Kafka").register(registry);
        Gauge.builder("stockwise.outbox.age.seconds", backlogAgeMillis, a -> a.get() / 1000.0)
                .description("Age of the oldest unpublished outbox row").register(registry);
        var published = Counter.builder("stockwise.outbox.published.records")
                .description("Outbox rows published to Kafka").register(registry);
        var relay = new OutboxRelay(dataSource, config.table(), config.batchSize(), config.sendTimeout());
        thread = new Thread(() -> loop(relay, published), "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Wakes the relay now instead of at its next poll; writers call it after committing. */
    public void wake() {
        var t = sleeper;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void loop(OutboxRelay relay, Counter published) {
        Producer<String, byte[]> producer = null;
        long backoffMillis = 100;
        long nextBacklog = 0;
        while (running.get()) {
            try {
                if (producer == null) {
                    producer = new KafkaProducer<>(KafkaSettings.producer(bootstrapServers, clientId, config.sendTimeout()));
                }
                if (System.nanoTime() >= nextBacklog) {
                    var backlog = relay.backlog();
                    backlogRows.set(backlog.rows());
                    backlogAgeMillis.set((long) (backlog.oldestAgeSeconds() * 1000));
                    nextBacklog = System.nanoTime() + BACKLOG_REFRESH_NANOS;
                }
                int n = relay.publishBatch(producer);
                published.increment(n);
                backoffMillis = 100;
                if (n < config.batchSize()) {
                    pause(config.pollInterval().toMillis());
                }
            } catch (Exception e) {
                LOG.warnf("Outbox relay could not publish (%s); retrying in %d ms", e.getMessage(), backoffMillis);
                if (producer != null) {
                    // A producer whose sends failed may hold broken idempotence state: start afresh.
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

    void onStop(@Observes ShutdownEvent event) {
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
}
