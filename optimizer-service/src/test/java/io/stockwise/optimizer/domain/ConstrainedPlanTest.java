package io.stockwise.optimizer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Budgets and capacities: never broken, cut at the least cost, with an honest optimality gap. */
class ConstrainedPlanTest {
    private static final LocalDate DAY = LocalDate.of(2025, 3, 1);
    private final ReplenishmentPlanner planner = new ReplenishmentPlanner((s, h) -> java.util.Map.of(), p -> {},
            new OrderUpToPolicy(new MonteCarloDemandSum(2000, 1)), Clock.fixed(Instant.parse("2025-03-01T08:00:00Z"),
                    ZoneOffset.UTC), UUID::randomUUID);

    static ReplenishmentItem item(String sku, double mu, double onHand, long pack, double moq, double unitCost,
            double volume, double penalty, double maxOrder, List<String> groups) {
        var options = new ItemOptions(List.of(), 0, Optional.empty(), 0, 0, penalty, 0, maxOrder, volume, groups);
        return new ReplenishmentItem(new SeriesId(sku, "s"), new StockPosition(onHand, 0, 0), 3, 2, 0, pack, moq,
                unitCost, Optional.of(Forecasts.normal(5, mu, mu / 3, Forecasts.twentieths())), options);
    }

    private static List<ReplenishmentItem> randomItems(SplittableRandom random, int n, List<String> groupIds) {
        var items = new ArrayList<ReplenishmentItem>();
        for (int i = 0; i < n; i++) {
            long pack = random.nextInt(3) == 0 ? 1 : random.nextInt(2, 13);
            double moq = random.nextBoolean() ? 0 : random.nextInt(1, 40);
            double maxOrder = random.nextInt(4) == 0 ? Math.ceil(Math.max(moq, pack) / pack) * pack + random.nextInt(0, 60) : 0;
            var groups = new ArrayList<String>();
            for (var g : groupIds) {
                if (random.nextInt(3) > 0) {
                    groups.add(g);
                }
            }
            items.add(item("I" + i, random.nextDouble(1, 30), random.nextDouble(0, 40), pack, moq,
                    random.nextDouble(0.5, 20), random.nextDouble(0, 3), random.nextBoolean() ? 0 : random.nextDouble(1, 30),
                    maxOrder, groups));
        }
        return items;
    }

    @Test
    void constraintsPacksMinimaAndMaximaAlwaysHold() {
        var random = new SplittableRandom(11);
        for (int round = 0; round < 40; round++) {
            var groupIds = List.of("A", "B", "C").subList(0, random.nextInt(1, 4));
            var items = randomItems(random, random.nextInt(2, 40), groupIds);
            var free = planner.make(unlimited(items, groupIds));
            var groups = new ArrayList<ConstraintGroup>();
            for (var g : groupIds) {
                double spend = 0;
                double volume = 0;
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i).options().constraintGroupIds().contains(g)) {
                        spend += free.lines().get(i).orderValue();
                        volume += free.lines().get(i).orderQuantity() * items.get(i).options().unitVolume();
                    }
                }
                groups.add(new ConstraintGroup(g, random.nextBoolean() ? OptionalDouble.of(spend * random.nextDouble(0, 1.1)) : OptionalDouble.empty(),
                        random.nextBoolean() ? OptionalDouble.of(volume * random.nextDouble(0, 1.1)) : OptionalDouble.empty()));
            }
            var plan = planner.make(new PlanRequest(items, groups, false, Optional.of(DAY)));

            for (var group : groups) {
                double spend = 0;
                double volume = 0;
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i).options().constraintGroupIds().contains(group.id())) {
                        spend += plan.lines().get(i).orderValue();
                        volume += plan.lines().get(i).orderQuantity() * items.get(i).options().unitVolume();
                    }
                }
                if (group.budget().isPresent()) {
                    assertThat(spend).as("round %d budget of %s", round, group.id()).isLessThanOrEqualTo(group.budget().getAsDouble() * (1 + 1e-9) + 1e-9);
                }
                if (group.volumeCapacity().isPresent()) {
                    assertThat(volume).as("round %d volume of %s", round, group.id()).isLessThanOrEqualTo(group.volumeCapacity().getAsDouble() * (1 + 1e-9) + 1e-9);
                }
            }
            for (int i = 0; i < items.size(); i++) {
                var line = plan.lines().get(i);
                var item = items.get(i);
                double q = line.orderQuantity();
                assertThat(q).isLessThanOrEqualTo(line.economics().unconstrainedOrderQuantity());
                assertThat(line.economics().unconstrainedOrderQuantity()).isEqualTo(free.lines().get(i).orderQuantity());
                if (q > 0) {
                    assertThat(q % Math.max(1, item.casePack())).isZero();
                    assertThat(q).isGreaterThanOrEqualTo(item.minOrderQuantity());
                    if (item.options().maxOrderQuantity() > 0) {
                        assertThat(q).isLessThanOrEqualTo(item.options().maxOrderQuantity());
                    }
                }
                if (q < line.economics().unconstrainedOrderQuantity()) {
                    assertThat(line.economics().bindingConstraintGroupId()).isNotEmpty();
                    assertThat(line.explanation()).contains("cut the order");
                }
            }
            var costs = plan.costs();
            assertThat(costs.costLowerBound()).isLessThanOrEqualTo(costs.expectedCost() + 1e-9);
            assertThat(costs.optimalityGap()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void lowerBoundAndCostBracketTheBruteForceOptimum() {
        var random = new SplittableRandom(5);
        for (int round = 0; round < 25; round++) {
            var items = randomItems(random, 3, List.of("A"));
            items = items.stream().map(it -> withGroups(it, List.of("A"))).toList();
            var free = planner.make(unlimited(items, List.of("A")));
            double spend = free.lines().stream().mapToDouble(PlanLine::orderValue).sum();
            double budget = spend * random.nextDouble(0.1, 0.9);
            var plan = planner.make(new PlanRequest(items, List.of(new ConstraintGroup("A", OptionalDouble.of(budget),
                    OptionalDouble.empty())), false, Optional.of(DAY)));

            double best = bruteForce(items, free, budget);
            assertThat(plan.costs().costLowerBound()).as("round %d", round).isLessThanOrEqualTo(best + 1e-6);
            assertThat(plan.costs().expectedCost()).as("round %d", round).isGreaterThanOrEqualTo(best - 1e-6);
            assertThat(plan.costs().priceOfConstraints()).isEqualTo(plan.costs().expectedCost() - plan.costs().unconstrainedExpectedCost());
        }
    }

    private static PlanRequest unlimited(List<ReplenishmentItem> items, List<String> groupIds) {
        return new PlanRequest(items, groupIds.stream().map(g -> new ConstraintGroup(g, OptionalDouble.empty(),
                OptionalDouble.empty())).toList(), false, Optional.of(DAY));
    }

    private static ReplenishmentItem withGroups(ReplenishmentItem it, List<String> groups) {
        var o = it.options();
        return new ReplenishmentItem(it.series(), it.stock(), it.leadTimeDays(), it.reviewPeriodDays(),
                it.targetCycleServiceLevel(), it.casePack(), it.minOrderQuantity(), it.unitCost(), it.forecast(),
                new ItemOptions(o.openOrders(), 0, Optional.empty(), 0, 0, o.shortagePenalty(), 0, o.maxOrderQuantity(),
                        o.unitVolume(), groups));
    }

    /** The cheapest combination of allowed orders within the budget, by enumeration. */
    private double bruteForce(List<ReplenishmentItem> items, Plan free, double budget) {
        var policy = new OrderUpToPolicy(new MonteCarloDemandSum(2000, 1));
        var models = new ArrayList<SeriesModel>();
        var options = new ArrayList<List<Double>>();
        for (int i = 0; i < items.size(); i++) {
            var m = policy.model(i, items.get(i), items.get(i).forecast().get(), DAY);
            models.add(m);
            var qs = new ArrayList<Double>();
            qs.add(0.0);
            for (double q = m.next(0); !Double.isNaN(q); q = m.next(q)) {
                qs.add(q);
            }
            options.add(qs);
        }
        return search(models, options, 0, budget, 0);
    }

    private double search(List<SeriesModel> models, List<List<Double>> options, int i, double room, double cost) {
        if (i == models.size()) {
            return cost;
        }
        double best = Double.POSITIVE_INFINITY;
        var m = models.get(i);
        for (double q : options.get(i)) {
            double spend = q * m.unitCost;
            if (spend <= room + 1e-9) {
                best = Math.min(best, search(models, options, i + 1, room - spend, cost + m.cost(q)));
            }
        }
        return best;
    }

    @Test
    void aBudgetThatFitsChangesNothingAndCostsNothing() {
        var items = List.of(item("A", 10, 0, 6, 0, 2, 1, 0, 0, List.of("G")), item("B", 5, 3, 1, 0, 4, 1, 0, 0, List.of("G")));
        var plan = planner.make(new PlanRequest(items, List.of(new ConstraintGroup("G", OptionalDouble.of(1e9),
                OptionalDouble.of(1e9))), false, Optional.of(DAY)));

        assertThat(plan.costs().priceOfConstraints()).isZero();
        assertThat(plan.costs().optimalityGap()).isZero();
        assertThat(plan.usage()).singleElement().satisfies(u -> assertThat(u.binding()).isFalse());
        assertThat(plan.lines()).allSatisfy(l -> assertThat(l.economics().bindingConstraintGroupId()).isEmpty());
    }

    @Test
    void aZeroBudgetOrdersNothingAndSaysWhy() {
        var items = List.of(item("A", 10, 0, 6, 0, 2, 1, 0, 0, List.of("G")));
        var plan = planner.make(new PlanRequest(items, List.of(new ConstraintGroup("G", OptionalDouble.of(0),
                OptionalDouble.empty())), false, Optional.of(DAY)));

        var line = plan.lines().get(0);
        assertThat(line.orderQuantity()).isZero();
        assertThat(line.economics().bindingConstraintGroupId()).isEqualTo("G");
        assertThat(line.explanation()).contains("The budget of constraint group G cut the order from");
        assertThat(plan.costs().priceOfConstraints()).isPositive();
        assertThat(plan.usage().get(0).binding()).isTrue();
    }

    @Test
    void budgetGoesToTheSeriesWhereAUnitSavesMost() {
        // Same demand and cost; B's shortage penalty is ten times A's, so B keeps its order.
        var a = item("A", 10, 0, 1, 0, 1, 0, 5, 0, List.of("G"));
        var b = item("B", 10, 0, 1, 0, 1, 0, 50, 0, List.of("G"));
        var free = planner.make(unlimited(List.of(a, b), List.of("G")));
        double budget = free.lines().get(1).orderValue();
        var plan = planner.make(new PlanRequest(List.of(a, b), List.of(new ConstraintGroup("G", OptionalDouble.of(budget),
                OptionalDouble.empty())), false, Optional.of(DAY)));

        assertThat(plan.lines().get(1).orderQuantity()).isGreaterThan(plan.lines().get(0).orderQuantity());
        assertThat(plan.costs().optimalityGap()).isLessThan(0.05);
        assertThat(plan.costs().orderValue()).isLessThanOrEqualTo(budget);
        assertThat(plan.costs().unconstrainedOrderValue()).isCloseTo(free.costs().orderValue(), within(1e-9));
    }
}
