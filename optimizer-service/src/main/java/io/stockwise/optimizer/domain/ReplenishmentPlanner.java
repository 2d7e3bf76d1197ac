package io.stockwise.optimizer.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Makes replenishment plans: checks the request, fetches the forecasts it does not carry (one
 * request to {@link ForecastSource} for all of them, with the longest protection interval as
 * horizon), plans every series with the {@link OrderUpToPolicy}, and stores the plan with its events.
 */
public final class ReplenishmentPlanner {
    /** Requests at least this large are planned on several cores; every line is independent. */
    private static final int PARALLEL_THRESHOLD = 64;

    private final ForecastSource forecasts;
    private final PlanStore store;
    private final OrderUpToPolicy policy;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public ReplenishmentPlanner(ForecastSource forecasts, PlanStore store, OrderUpToPolicy policy, Clock clock,
            Supplier<UUID> ids) {
        this.forecasts = Objects.requireNonNull(forecasts, "forecasts");
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Plans the items, stores the plan and queues its events.
     *
     * @throws InvalidPlanRequest when an item is invalid
     * @throws SeriesNotFound when an item has no forecast and forecast-service cannot make one
     * @throws ForecastUnavailable when forecast-service is needed and down
     * @throws ForecastUnusable when forecast-service answers with a forecast the plan cannot use
     */
    public Plan plan(List<ReplenishmentItem> items) {
        PlanRequestValidator.validate(items);
        var resolved = resolveForecasts(items);
        var lines = new PlanLine[items.size()];
        var range = IntStream.range(0, items.size());
        (items.size() >= PARALLEL_THRESHOLD ? range.parallel() : range).forEach(i -> {
            var item = items.get(i);
            lines[i] = policy.plan(item.series(), item.terms(), item.stock(), resolved.get(i));
        });
        var plan = new Plan(ids.get(), clock.instant(), List.of(lines));
        store.save(plan);
        return plan;
    }

    private List<DemandForecast> resolveForecasts(List<ReplenishmentItem> items) {
        var missing = new LinkedHashMap<SeriesId, Integer>();
        int horizon = 0;
        for (var item : items) {
            if (item.forecast().isEmpty()) {
                missing.put(item.series(), item.protectionIntervalDays());
                horizon = Math.max(horizon, item.protectionIntervalDays());
            }
        }
        Map<SeriesId, DemandForecast> fetched = missing.isEmpty()
                ? Map.of()
                : forecasts.forecasts(List.copyOf(missing.keySet()), horizon);
        var out = new ArrayList<DemandForecast>(items.size());
        for (var item : items) {
            if (item.forecast().isPresent()) {
                out.add(item.forecast().get());
                continue;
            }
            var forecast = fetched.get(item.series());
            if (forecast == null) {
                throw new SeriesNotFound(item.series());
            }
            var problems = ForecastChecks.violations(forecast, item.protectionIntervalDays());
            if (!problems.isEmpty()) {
                var first = problems.get(0);
                throw new ForecastUnusable("forecast-service's forecast for " + item.series() + " cannot be planned from: "
                        + first.field() + " " + first.description());
            }
            out.add(forecast);
        }
        return out;
    }
}
