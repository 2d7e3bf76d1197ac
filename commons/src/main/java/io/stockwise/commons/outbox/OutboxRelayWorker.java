package io.stockwise.commons.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stockwise.commons.kafka.KafkaSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the {@link OutboxRelay} of the service on a background thread from startup to shutdown,
 * backing off while Kafka or the database is unreachable, and exports
 * {@code stockwise_outbox_backlog_records}, {@code stockwise_outbox_age_seconds} and
 * {@code stockwise_outbox_published_records_total}.
 */
@ApplicationScoped
public class OutboxRelayWorker {
    private final OutboxConfig config;
    private final DataSource dataSource;
    private final String bootstrapServers;
    private final String clientId;
    private final MeterRegistry registry;
    private volatile RelayLoop loop;

    public OutboxRelayWorker(OutboxConfig config, DataSource dataSource,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String applicationName, MeterRegistry registry) {
        this.config = config;
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
        this.clientId = applicationName + "-outbox";
        this.registry = registry;
    }

    synchronized void onStart(@Observes StartupEvent event) {
        if (!config.enabled() || loop != null) {
            return;
        }
        var relay = new OutboxRelay(dataSource, config.table(), config.batchSize(), config.sendTimeout());
        loop = new RelayLoop("outbox-relay", relay,
                () -> KafkaSettings.producer(bootstrapServers, clientId, config.sendTimeout()), config, registry,
                "stockwise.outbox", "outbox row", "outbox rows");
        loop.start();
    }

    /** Wakes the relay now instead of at its next poll; writers call it after committing. */
    public void wake() {
        var l = loop;
        if (l != null) {
            l.wake();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        var l = loop;
        if (l != null) {
            l.stop();
        }
    }
}
