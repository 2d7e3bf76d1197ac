package io.stockwise.feature.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the sales consumer should run but its loop has stopped. */
@Readiness
@ApplicationScoped
public class SalesConsumerHealthCheck implements HealthCheck {
    private final SalesConsumer consumer;

    public SalesConsumerHealthCheck(SalesConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sales-consumer").status(consumer.isHealthy()).build();
    }
}
