package io.stockwise.optimizer.grpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.Gauge;
import io.stockwise.optimizer.domain.ConstraintGroup;
import io.stockwise.optimizer.domain.Plan;
import io.stockwise.optimizer.domain.PlanLine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code stockwise_plan_lines_total{outcome="order|no_order"}} and
 * {@code stockwise_plan_duration_seconds} (time to make and store a plan, successful plans only),
 * {@code stockwise_plan_series_at_risk} (series of the latest plan whose inventory position is below their
 * reorder point) and {@code stockwise_plan_budget_used_ratio} (spend / budget of the latest plan that had a
 * budgeted constraint group, the maximum over its groups; 0 until such a plan). No group or series labels:
 * group ids are caller-chosen and unbounded.
 */
@ApplicationScoped
public class PlanMetrics {
    private final Counter orderLines;
    private final Counter noOrderLines;
    private final Timer duration;
    private final AtomicLong seriesAtRisk = new AtomicLong();
    // double bits: Micrometer gauges read a number, and an AtomicLong of bits is lock-free
    private final AtomicLong budgetUsedRatioBits = new AtomicLong(Double.doubleToLongBits(0));

    public PlanMetrics(MeterRegistry registry) {
        orderLines = lines(registry, "order");
        noOrderLines = lines(registry, "no_order");
        duration = Timer.builder("stockwise.plan.duration.seconds")
                .description("Time to make and store a replenishment plan")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        Gauge.builder("stockwise.plan.series.at.risk", seriesAtRisk, AtomicLong::get)
                .description("Series of the latest plan whose inventory position is below the reorder point")
                .register(registry);
        Gauge.builder("stockwise.plan.budget.used.ratio", budgetUsedRatioBits, b -> Double.longBitsToDouble(b.get()))
                .description("Spend / budget of the latest budget-constrained plan, the maximum over its groups")
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

    void planned(Plan plan, List<ConstraintGroup> groups, Timer.Sample sample) {
        sample.stop(duration);
        latest(plan, groups);
        long orders = plan.lines().stream().filter(PlanLine::orders).count();
        orderLines.increment(orders);
        noOrderLines.increment(plan.lines().size() - orders);
    }

    /** Updates the latest-plan gauges (re-planning calls it too: its plans have no groups). */
    public void latest(Plan plan, List<ConstraintGroup> groups) {
        seriesAtRisk.set(atRisk(plan));
        budgetUsedRatio(plan, groups).ifPresent(r -> budgetUsedRatioBits.set(Double.doubleToLongBits(r)));
    }

    static long atRisk(Plan plan) {
        return plan.lines().stream().filter(l -> l.inventoryPosition() < l.reorderPoint()).count();
    }

    /** The largest spend / budget over the plan's groups with a positive budget; empty when none has one. */
    static java.util.OptionalDouble budgetUsedRatio(Plan plan, List<ConstraintGroup> groups) {
        var budgets = new HashMap<String, Double>();
        for (var g : groups) {
            if (g.budget().isPresent() && g.budget().getAsDouble() > 0) {
                budgets.put(g.id(), g.budget().getAsDouble());
            }
        }
        return plan.usage().stream().filter(u -> budgets.containsKey(u.groupId()))
                .mapToDouble(u -> u.budgetUsed() / budgets.get(u.groupId())).max();
    }
}
