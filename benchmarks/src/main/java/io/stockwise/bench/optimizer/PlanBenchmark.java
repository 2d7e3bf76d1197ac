package io.stockwise.bench.optimizer;

import io.stockwise.optimizer.domain.ConstraintGroup;
import io.stockwise.optimizer.domain.DailyDemand;
import io.stockwise.optimizer.domain.DemandForecast;
import io.stockwise.optimizer.domain.ForecastDay;
import io.stockwise.optimizer.domain.ItemOptions;
import io.stockwise.optimizer.domain.MonteCarloDemandSum;
import io.stockwise.optimizer.domain.OrderUpToPolicy;
import io.stockwise.optimizer.domain.Plan;
import io.stockwise.optimizer.domain.PlanRequest;
import io.stockwise.optimizer.domain.ReplenishmentItem;
import io.stockwise.optimizer.domain.ReplenishmentPlanner;
import io.stockwise.optimizer.domain.SeriesId;
import io.stockwise.optimizer.domain.StockPosition;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Plans a synthetic catalog with budgets, minimum orders and case packs through the optimizer's
 * domain (no database, no gRPC: the planning itself), and compares it with the round-1 baseline
 * (20,000-scenario Monte Carlo per series, no constraints) on the same machine in the same run.
 *
 * <p>Usage: {@code ./bench io.stockwise.bench.optimizer.PlanBenchmark [skus] [samples] [runs] [budgetShare]}
 * (defaults 30000, 1000, 5, 0.7). Catalog: 30% intermittent and 70% smooth series with 9 decile
 * quantiles per day, lead times 2 to 14 days (a third uncertain), review periods 1 to 7 days, case
 * packs 1 to 24, minimum orders for 40% of the series, 20 suppliers each with a budget of
 * {@code budgetShare} x what its series would order unconstrained.
 */
public final class PlanBenchmark {
    private static final double[] LEVELS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    private static final LocalDate DAY = LocalDate.of(2026, 1, 5);

    public static void main(String[] args) {
        int skus = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double share = args.length > 3 ? Double.parseDouble(args[3]) : 0.7;
        System.out.printf("optimizer plan benchmark: %d SKUs, %d scenarios per series, %d runs, budgets %.0f%% of"
                + " unconstrained spend, %d cores%n", skus, samples, runs, share * 100, Runtime.getRuntime().availableProcessors());

        var random = new SplittableRandom(2026);
        var items = new ArrayList<ReplenishmentItem>(skus);
        int suppliers = 20;
        for (int i = 0; i < skus; i++) {
            items.add(item(random, i, "supplier-" + (i % suppliers)));
        }
        var free = new ArrayList<ConstraintGroup>();
        for (int g = 0; g < suppliers; g++) {
            free.add(new ConstraintGroup("supplier-" + g, OptionalDouble.empty(), OptionalDouble.empty()));
        }
        var planner = planner(samples);
        long t0 = System.nanoTime();
        Plan unconstrained = planner.make(new PlanRequest(items, free, false, Optional.of(DAY)));
        System.out.printf("first (cold) unconstrained plan: %.0f ms%n", (System.nanoTime() - t0) / 1e6);

        var spend = new double[suppliers];
        for (int i = 0; i < skus; i++) {
            spend[i % suppliers] += unconstrained.lines().get(i).orderValue();
        }
        var groups = new ArrayList<ConstraintGroup>();
        for (int g = 0; g < suppliers; g++) {
            groups.add(new ConstraintGroup("supplier-" + g, OptionalDouble.of(share * spend[g]), OptionalDouble.empty()));
        }
        var request = new PlanRequest(items, groups, false, Optional.of(DAY));

        var unconstrainedMs = new double[runs];
        var constrainedMs = new double[runs];
        var unconstrainedCpuMs = new double[runs];
        var constrainedCpuMs = new double[runs];
        Plan plan = null;
        for (int r = 0; r < runs; r++) {
            long ca = cpuNanos();
            long a = System.nanoTime();
            planner.make(new PlanRequest(items, free, false, Optional.of(DAY)));
            long b = System.nanoTime();
            long cb = cpuNanos();
            plan = planner.make(request);
            long c = System.nanoTime();
            long cc = cpuNanos();
            unconstrainedMs[r] = (b - a) / 1e6;
            constrainedMs[r] = (c - b) / 1e6;
            unconstrainedCpuMs[r] = (cb - ca) / 1e6;
            constrainedCpuMs[r] = (cc - cb) / 1e6;
        }
        // CPU time of the whole process (planning threads, GC, JIT) is what the plan costs whatever
        // else runs on the machine; on 2 idle cores the wall time is at least half of it.
        System.out.printf("CPU time (process): unconstrained median %.0f ms (runs %s), constrained median %.0f ms (runs %s)%n",
                median(unconstrainedCpuMs), Arrays.toString(round(unconstrainedCpuMs)), median(constrainedCpuMs),
                Arrays.toString(round(constrainedCpuMs)));
        var costs = plan.costs();
        System.out.printf("unconstrained plan (per-series optimum): median %.0f ms (runs %s)%n", median(unconstrainedMs),
                Arrays.toString(round(unconstrainedMs)));
        System.out.printf("constrained plan (budgets, MOQ, packs):  median %.0f ms (runs %s)%n", median(constrainedMs),
                Arrays.toString(round(constrainedMs)));
        System.out.printf("expected cycle cost: constrained %.2f, unconstrained %.2f, price of constraints %.2f (%.2f%%)%n",
                costs.expectedCost(), costs.unconstrainedExpectedCost(), costs.priceOfConstraints(),
                100 * costs.priceOfConstraints() / costs.unconstrainedExpectedCost());
        System.out.printf("order value: constrained %.2f, unconstrained %.2f; lower bound %.2f, optimality gap %.4f%%%n",
                costs.orderValue(), costs.unconstrainedOrderValue(), costs.costLowerBound(), 100 * costs.optimalityGap());
        long cut = plan.lines().stream().filter(l -> !l.economics().bindingConstraintGroupId().isEmpty()).count();
        System.out.printf("lines cut by a budget: %d of %d; every budget kept: %s%n", cut, skus, budgetsKept(plan, groups));

        // Baseline: round 1 planned every series with a 20,000-scenario Monte Carlo, no constraints.
        int baselineSkus = Math.min(skus, 3_000);
        var baseline = new MonteCarloDemandSum(20_000, MonteCarloDemandSum.DEFAULT_SEED);
        var accurate = new OrderUpToPolicy(baseline);
        double baselineMs = 0;
        double baselineCpuMs = 0;
        double relError = 0;
        int compared = 0;
        for (int rep = 0; rep < 2; rep++) {
            long ca = cpuNanos();
            long a = System.nanoTime();
            for (int i = 0; i < baselineSkus; i++) {
                var it = items.get(i);
                var f = it.forecast().get();
                var days = new ArrayList<DailyDemand>();
                for (int d = 0; d < it.protectionIntervalDays(); d++) {
                    days.add(f.dailyDemand(d));
                }
                baseline.quantiles(days, it.leadTimeDays(), it.terms().cycleServiceLevel());
            }
            baselineMs = (System.nanoTime() - a) / 1e6;
            baselineCpuMs = (cpuNanos() - ca) / 1e6;
        }
        for (int i = 0; i < baselineSkus; i += 3) {
            var it = items.get(i);
            if (it.options().leadTimeSdDays() > 0 || it.options().shortagePenalty() > 0) {
                continue;
            }
            var exact = accurate.plan(it.series(), it.terms(), it.stock(), it.forecast().get());
            var line = unconstrained.lines().get(i);
            double sd = Math.max(1e-9, Math.abs(exact.safetyStock()) + 1);
            relError += Math.abs(line.orderUpToLevel() - exact.orderUpToLevel()) / sd;
            compared++;
        }
        System.out.printf("baseline (round 1, 20,000 scenarios, one series at a time, no constraints): %.0f ms for %d SKUs"
                + " = %.3f ms per SKU, %.0f ms extrapolated to %d SKUs%n", baselineMs, baselineSkus, baselineMs / baselineSkus,
                baselineMs / baselineSkus * skus, skus);
        System.out.printf("baseline CPU time (process): %.0f ms for %d SKUs, %.0f ms extrapolated to %d SKUs%n",
                baselineCpuMs, baselineSkus, baselineCpuMs / baselineSkus * skus, skus);
        System.out.printf("accuracy vs 20,000 scenarios (fixed lead times, %d series): mean |S - S_20000| / (|safety stock| + 1)"
                + " = %.4f%n", compared, relError / compared);
    }

    private static long cpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static boolean budgetsKept(Plan plan, List<ConstraintGroup> groups) {
        for (var u : plan.usage()) {
            var g = groups.stream().filter(x -> x.id().equals(u.groupId())).findFirst().orElseThrow();
            if (u.budgetUsed() > g.budget().getAsDouble() * (1 + 1e-9)) {
                return false;
            }
        }
        return true;
    }

    private static ReplenishmentPlanner planner(int samples) {
        return new ReplenishmentPlanner((s, h) -> Map.of(), p -> {}, new OrderUpToPolicy(new MonteCarloDemandSum(samples,
                MonteCarloDemandSum.DEFAULT_SEED)), Clock.systemUTC(), UUID::randomUUID);
    }

    private static ReplenishmentItem item(SplittableRandom random, int i, String supplier) {
        int lead = random.nextInt(2, 15);
        int review = random.nextInt(1, 8);
        boolean intermittent = random.nextInt(10) < 3;
        double level = intermittent ? random.nextDouble(0.05, 1.5) : random.nextDouble(2, 80);
        double sdLead = random.nextInt(3) == 0 ? random.nextDouble(0.5, 3) : 0;
        int horizon = lead + (int) Math.ceil(4 * sdLead) + review + 1;
        var days = new ArrayList<ForecastDay>(horizon);
        for (int d = 0; d < horizon; d++) {
            double season = 1 + 0.3 * Math.sin(2 * Math.PI * d / 7);
            double mean = level * season;
            var q = new double[LEVELS.length];
            for (int j = 0; j < LEVELS.length; j++) {
                if (intermittent) {
                    // Mostly zero days, with a skewed upper tail.
                    double u = LEVELS[j];
                    q[j] = u < 0.6 ? 0 : mean * 2.5 * (u - 0.6) / 0.4 * (1 + 2 * (u - 0.6));
                } else {
                    q[j] = Math.max(0, mean + 0.4 * mean * INV[j]);
                }
            }
            days.add(new ForecastDay(mean, q));
        }
        var forecast = new DemandForecast(Optional.empty(), "bench", "1", LEVELS, days);
        long pack = new long[] {1, 1, 2, 4, 6, 6, 12, 12, 24}[random.nextInt(9)];
        double moq = random.nextInt(10) < 4 ? pack * random.nextInt(1, 6) : 0;
        double unitCost = random.nextDouble(0.5, 60);
        double penalty = random.nextBoolean() ? unitCost * random.nextDouble(0.2, 2) : 0;
        var options = new ItemOptions(List.of(), sdLead, Optional.empty(), 0, 0.25, penalty, 0, 0, 0, List.of(supplier));
        var stock = new StockPosition(random.nextDouble(0, level * lead), random.nextDouble(0, level * 2), 0);
        return new ReplenishmentItem(new SeriesId("SKU" + i, "dc-1"), stock, lead, review, penalty > 0 ? 0 : 0.95, pack, moq,
                unitCost, Optional.of(forecast), options);
    }

    /** Standard normal quantiles of the deciles. */
    private static final double[] INV = {-1.2816, -0.8416, -0.5244, -0.2533, 0, 0.2533, 0.5244, 0.8416, 1.2816};

    private static double median(double[] values) {
        var v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }
}
