package io.stockwise.optimizer.grpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockwise.optimizer.domain.Plan;
import io.stockwise.optimizer.domain.PlanLine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * {@code stockwise_plan_lines_total{outcome="order|no_order"}} and
 * {@code stockwise_plan_duration_seconds} (time to make and store a plan, successful plans only).
 */
@ApplicationScoped
public class PlanMetrics {
    private final Counter orderLines;
    private final Counter noOrderLines;
    private final Timer duration;

    public PlanMetrics(MeterRegistry registry) {
        orderLines = lines(registry, "order");
        noOrderLines = lines(registry, "no_order");
        duration = Timer.builder("stockwise.plan.duration.seconds")
                .description("Time to make and store a replenishment plan")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }

    private static Counter lines(MeterRegistry registry, String outcome) {
        return Counter.builder("stockwise.plan.lines")
                .description("Plan lines made, by whether they order")
                .tag("outcome", outcome)
                .register(registry);
    }

    Timer.Sample start() {
        return Timer.start();
    }

    void planned(Plan plan, Timer.Sample sample) {
        sample.stop(duration);
        long orders = plan.lines().stream().filter(PlanLine::orders).count();
        orderLines.increment(orders);
        noOrderLines.increment(plan.lines().size() - orders);
    }
}
