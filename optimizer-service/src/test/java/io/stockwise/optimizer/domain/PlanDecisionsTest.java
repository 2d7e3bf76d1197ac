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
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Obsolete series, the whole-interval fill rate and plans dated by their data. */
class PlanDecisionsTest {
    private final OrderUpToPolicy policy = new OrderUpToPolicy(new MonteCarloDemandSum(20_000, 3));

    private static DemandForecast withState(DemandForecast f, Optional<LocalDate> asOf, int obsoleteDays) {
        return new DemandForecast(f.series(), f.model(), f.modelVersion(), f.quantileLevels(), f.days(), asOf,
                obsoleteDays);
    }

    private static ReplenishmentItem item(String sku, double onHand, DemandForecast f, ItemOptions options) {
        return new ReplenishmentItem(new SeriesId(sku, "s"), new StockPosition(onHand, 0, 0), 3, 4, 0.95, 0, 0, 2,
                Optional.of(f), options);
    }

    @Test
    void anObsoleteSeriesOrdersNothingAndSaysWhyUnlessAsked() {
        var f = withState(Forecasts.normal(10, 20, 5, Forecasts.twentieths()), Optional.empty(), 134);
        var line = policy.plan(new SeriesId("OLD", "s"), new ReplenishmentTerms(3, 4, 0.95, 1, 0, 2),
                new StockPosition(0, 0, 0), f);
        assertThat(line.orderQuantity()).isZero();
        assertThat(line.rounding()).isEqualTo(OrderRounding.NO_ORDER);
        assertThat(line.explanation()).startsWith("No order: no demand for 134 days");
        assertThat(line.obsoleteDaysWithoutDemand()).isEqualTo(134);

        var asked = new ItemOptions(List.of(), 0, Optional.empty(), 0, 0, 0, 0, 0, 0, List.of(), true);
        var it = item("OLD", 0, f, asked);
        var m = policy.model(0, it, f, LocalDate.EPOCH);
        var planned = policy.line(it, m, f, m.unconstrainedOrder, "", "");
        assertThat(planned.orderQuantity()).isPositive();
        assertThat(planned.explanation()).doesNotContain("no demand for");

        // A series the forecast does not mark obsolete plans as before.
        var alive = Forecasts.normal(10, 20, 5, Forecasts.twentieths());
        assertThat(policy.plan(new SeriesId("NEW", "s"), new ReplenishmentTerms(3, 4, 0.95, 1, 0, 2),
                new StockPosition(0, 0, 0), alive).orderQuantity()).isPositive();
    }

    @Test
    void theExpectedFillRateCoversEveryDayOfTheProtectionIntervalAsASimulationDoes() {
        int lead = 3;
        int review = 4;
        double mu = 100;
        double sigma = 20;
        var f = Forecasts.normal(lead + review, mu, sigma, Forecasts.twentieths());
        // Too little stock for the lead time: part of the shortage falls before the order arrives.
        for (double onHand : new double[] {150, 320, 900}) {
            var it = item("A", onHand, f, ItemOptions.NONE);
            var m = policy.model(0, it, f, LocalDate.EPOCH);
            double q = m.unconstrainedOrder;
            double expected = m.fillRate(q);

            // Day by day: on hand serves demand as it comes, the order arrives at the start of day L.
            var rnd = new SplittableRandom(11);
            double served = 0;
            double demanded = 0;
            int runs = 20_000;
            for (int s = 0; s < runs; s++) {
                double net = onHand;
                for (int d = 0; d < lead + review; d++) {
                    if (d == lead) {
                        net += q;
                    }
                    double x = Math.max(0, mu + sigma * rnd.nextGaussian());
                    served += Math.min(Math.max(net, 0), x);
                    demanded += x;
                    net -= x;
                }
            }
            assertThat(expected).as("on hand %s", onHand).isCloseTo(served / demanded, within(0.01));
        }
    }

    @Test
    void aPlanIsDatedByItsForecastsNotByTheMachineClock() {
        var saved = new ArrayList<Plan>();
        var clock = Clock.fixed(Instant.parse("2026-12-08T01:00:00Z"), ZoneOffset.UTC);
        var planner = new ReplenishmentPlanner((series, h) -> java.util.Map.of(), saved::add, policy, clock,
                () -> UUID.fromString("00000000-0000-0000-0000-000000000009"));
        var asOf = LocalDate.of(2011, 12, 9);
        var f = withState(Forecasts.normal(10, 20, 5, Forecasts.twentieths()), Optional.of(asOf), 0);
        var older = withState(Forecasts.normal(10, 20, 5, Forecasts.twentieths()), Optional.of(asOf.minusDays(1)), 0);
        var plan = planner.plan(PlanRequest.of(List.of(item("A", 0, f, ItemOptions.NONE), item("B", 0, older, ItemOptions.NONE))));
        assertThat(plan.planDate()).isEqualTo(asOf.plusDays(1));
        assertThat(plan.asOfDate()).contains(asOf);
        assertThat(plan.lines().get(0).asOfDate()).contains(asOf);
        assertThat(plan.lines().get(1).asOfDate()).contains(asOf.minusDays(1));
        assertThat(plan.orderLineCount()).isEqualTo(2);
        // A request's own plan date wins; without as-of dates the clock's day is used.
        var dated = planner.make(new PlanRequest(List.of(item("A", 0, f, ItemOptions.NONE)), List.of(), false,
                Optional.of(LocalDate.of(2011, 12, 12))));
        assertThat(dated.planDate()).isEqualTo(LocalDate.of(2011, 12, 12));
        var undated = planner.make(PlanRequest.of(List.of(item("A", 0, Forecasts.normal(10, 20, 5,
                Forecasts.twentieths()), ItemOptions.NONE))));
        assertThat(undated.planDate()).isEqualTo(LocalDate.of(2026, 12, 8));
        assertThat(undated.asOfDate()).isEmpty();
    }

    @Test
    void aPlanForAGivenDayAsksForForecastsAsOfTheDayBefore() {
        var asked = new ArrayList<Optional<LocalDate>>();
        var source = new ForecastSource() {
            @Override
            public java.util.Map<SeriesId, DemandForecast> forecasts(List<SeriesId> series, int horizonDays) {
                return forecasts(series, horizonDays, Optional.empty());
            }

            @Override
            public java.util.Map<SeriesId, DemandForecast> forecasts(List<SeriesId> series, int horizonDays,
                    Optional<LocalDate> asOfDate) {
                asked.add(asOfDate);
                var f = withState(Forecasts.normal(horizonDays, 20, 5, Forecasts.twentieths()), asOfDate, 0);
                return java.util.Map.of(series.get(0), f);
            }
        };
        var planner = new ReplenishmentPlanner(source, p -> { }, policy,
                Clock.fixed(Instant.parse("2026-12-08T01:00:00Z"), ZoneOffset.UTC), UUID::randomUUID);
        var item = new ReplenishmentItem(new SeriesId("A", "s"), new StockPosition(0, 0, 0), 3, 4, 0.95, 0, 0, 2,
                Optional.empty());
        var plan = planner.make(new PlanRequest(List.of(item), List.of(), false, Optional.of(LocalDate.of(2011, 11, 11))));
        assertThat(asked).containsExactly(Optional.of(LocalDate.of(2011, 11, 10)));
        assertThat(plan.lines().get(0).asOfDate()).contains(LocalDate.of(2011, 11, 10));
        planner.make(PlanRequest.of(List.of(item)));
        assertThat(asked).last().isEqualTo(Optional.empty());
    }
}
