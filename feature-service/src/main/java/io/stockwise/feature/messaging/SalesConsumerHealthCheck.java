package io.stockwise.feature.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the sales consumer should run but its loop has stopped; reports the calendar loop too. */
@Readiness
@ApplicationScoped
public class SalesConsumerHealthCheck implements HealthCheck {
    private final SalesConsumer consumer;
    private final CalendarConsumer calendar;

    public SalesConsumerHealthCheck(SalesConsumer consumer, CalendarConsumer calendar) {
        this.consumer = consumer;
        this.calendar = calendar;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sales-consumer").status(consumer.isHealthy())
                .withData("calendar-consumer", calendar.isHealthy()).build();
    }
}
