package io.stockwise.commons.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code stockwise.outbox.*}: the relay that publishes a service's outbox table to Kafka. */
@ConfigMapping(prefix = "stockwise.outbox")
public interface OutboxConfig {
    /** Whether this instance runs the relay. Replicas may all run it: an advisory lock lets one publish at a time. */
    @WithDefault("true")
    boolean enabled();

    /** The outbox table, optionally schema-qualified. */
    @WithDefault("outbox")
    String table();

    /** Rows published per transaction. */
    @WithDefault("1000")
    int batchSize();

    /** How long the relay sleeps when the outbox is empty. */
    @WithDefault("PT0.1S")
    Duration pollInterval();

    /** How long to wait for Kafka to acknowledge a batch before the batch is retried. */
    @WithDefault("PT30S")
    Duration sendTimeout();

    /** The longest back-off between retries while Kafka or the database is down. */
    @WithDefault("PT5S")
    Duration maxBackoff();
}
