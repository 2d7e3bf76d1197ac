package io.stockwise.optimizer.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 * horizon), plans every series with the {@link OrderUpToPolicy}, cuts orders to the constraint groups
 * ({@link ConstrainedAllocator}), and stores the plan with its events.
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

    /** Plans items without constraint groups, as of today; see {@link #plan(PlanRequest)}. */
    public Plan plan(List<ReplenishmentItem> items) {
        return plan(PlanRequest.of(items));
    }

    /**
     * Plans the items, cuts orders to the constraint groups, stores the plan and queues its events.
     *
     * @throws InvalidPlanRequest when an item or group is invalid
     * @throws SeriesNotFound when an item has no forecast and forecast-service cannot make one
     * @throws ForecastUnavailable when forecast-service is needed and down
     * @throws ForecastUnusable when forecast-service answers with a forecast the plan cannot use
     */
    public Plan plan(PlanRequest request) {
        var plan = make(request);
        store.save(plan);
        return plan;
    }

    /** Makes the plan without storing it (benchmarks, re-planning previews). */
    public Plan make(PlanRequest request) {
        var items = request.items();
        PlanRequestValidator.validate(request);
        // A plan for a given day asks for forecasts as of the day before, so a series that stopped
        // selling long ago is forecast (and classified) from that day, not from its last sale.
        var resolved = resolveForecasts(items, request.planDate().map(d -> d.minusDays(1)));
        var asOf = resolved.stream().map(DemandForecast::asOfDate).flatMap(java.util.Optional::stream)
                .max(LocalDate::compareTo);
        // Dated by the data, not the machine: day 0 is the first forecast day unless the request says.
        var planDate = request.planDate()
                .orElse(asOf.map(d -> d.plusDays(1)).orElse(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
        var models = new SeriesModel[items.size()];
        var range = IntStream.range(0, items.size());
        (items.size() >= PARALLEL_THRESHOLD ? range.parallel() : range).forEach(i ->
                models[i] = policy.model(i, items.get(i), resolved.get(i), planDate));
        var modelList = List.of(models);

        var groups = request.groups();
        var groupIndex = new HashMap<String, Integer>();
        for (int g = 0; g < groups.size(); g++) {
            groupIndex.put(groups.get(g).id(), g);
        }
        var constraints = new ArrayList<ConstrainedAllocator.Constraint>();
        var membersByGroup = groups.isEmpty() ? new int[0][] : membersByGroup(items, groupIndex, groups.size());
        for (int g = 0; g < groups.size(); g++) {
            var group = groups.get(g);
            if (group.budget().isPresent()) {
                constraints.add(constraint(g, "budget", group.budget().getAsDouble(), membersByGroup, modelList, true));
            }
            if (group.volumeCapacity().isPresent()) {
                constraints.add(constraint(g, "volume capacity", group.volumeCapacity().getAsDouble(), membersByGroup,
                        modelList, false));
            }
        }
        var allocation = ConstrainedAllocator.allocate(modelList, constraints);
        var lines = new PlanLine[items.size()];
        (items.size() >= PARALLEL_THRESHOLD ? IntStream.range(0, items.size()).parallel() : IntStream.range(0, items.size()))
                .forEach(i -> {
                    int b = allocation.binding()[i];
                    var group = b < 0 ? "" : groups.get(constraints.get(b).group()).id();
                    var resource = b < 0 ? "" : constraints.get(b).resource();
                    lines[i] = policy.line(items.get(i), models[i], resolved.get(i), allocation.orders()[i], group, resource);
                });
        double unconstrainedCost = 0;
        double unconstrainedValue = 0;
        double value = 0;
        for (int i = 0; i < lines.length; i++) {
            unconstrainedCost += models[i].cost(models[i].unconstrainedOrder);
            unconstrainedValue += models[i].unconstrainedOrder * models[i].unitCost;
            value += lines[i].orderValue();
        }
        var costs = new Plan.Costs(allocation.cost(), unconstrainedCost, value, unconstrainedValue, allocation.lowerBound());
        var usage = new ArrayList<Plan.GroupUsage>();
        for (int g = 0; g < groups.size(); g++) {
            double budget = 0;
            double volume = 0;
            double freeBudget = 0;
            double freeVolume = 0;
            boolean binding = false;
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).options().constraintGroupIds().contains(groups.get(g).id())) {
                    budget += lines[i].orderValue();
                    volume += lines[i].orderQuantity() * models[i].unitVolume;
                    freeBudget += models[i].unconstrainedOrder * models[i].unitCost;
                    freeVolume += models[i].unconstrainedOrder * models[i].unitVolume;
                    binding |= lines[i].economics().bindingConstraintGroupId().equals(groups.get(g).id());
                }
            }
            usage.add(new Plan.GroupUsage(groups.get(g).id(), budget, volume, freeBudget, freeVolume, binding));
        }
        return new Plan(ids.get(), clock.instant(), List.of(lines), costs, usage, planDate, asOf);
    }

    private static ConstrainedAllocator.Constraint constraint(int g, String resource, double capacity,
            int[][] membersByGroup, List<SeriesModel> models, boolean budget) {
        int[] candidates = membersByGroup[g];
        var members = new int[candidates.length];
        var coefficients = new double[candidates.length];
        int count = 0;
        for (int i : candidates) {
            double a = budget ? models.get(i).unitCost : models.get(i).unitVolume;
            if (a > 0) {
                members[count] = i;
                coefficients[count++] = a;
            }
        }
        return new ConstrainedAllocator.Constraint(g, resource, capacity, Arrays.copyOf(members, count),
                Arrays.copyOf(coefficients, count));
    }

    /** The items of each group, ascending, each once: one pass over the items instead of one per group. */
    private static int[][] membersByGroup(List<ReplenishmentItem> items, Map<String, Integer> groupIndex, int groups) {
        var lists = new int[groups][];
        var sizes = new int[groups];
        for (int g = 0; g < groups; g++) {
            lists[g] = new int[16];
        }
        for (int i = 0; i < items.size(); i++) {
            for (var id : items.get(i).options().constraintGroupIds()) {
                int g = groupIndex.get(id);
                if (sizes[g] > 0 && lists[g][sizes[g] - 1] == i) {
                    continue;
                }
                if (sizes[g] == lists[g].length) {
                    lists[g] = Arrays.copyOf(lists[g], 2 * sizes[g]);
                }
                lists[g][sizes[g]++] = i;
            }
        }
        for (int g = 0; g < groups; g++) {
            lists[g] = Arrays.copyOf(lists[g], sizes[g]);
        }
        return lists;
    }

    private List<DemandForecast> resolveForecasts(List<ReplenishmentItem> items, java.util.Optional<LocalDate> asOf) {
        var missing = new LinkedHashMap<SeriesId, Integer>();
        int horizon = 0;
        for (var item : items) {
            if (item.forecast().isEmpty()) {
                missing.put(item.series(), item.forecastDaysNeeded());
                horizon = Math.max(horizon, item.forecastDaysNeeded());
            }
        }
        Map<SeriesId, DemandForecast> fetched = missing.isEmpty()
                ? Map.of()
                : forecasts.forecasts(List.copyOf(missing.keySet()), horizon, asOf);
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
            var problems = ForecastChecks.violations(forecast, item.forecastDaysNeeded());
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
