package io.stockwise.optimizer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicySimulatorTest {
    private static PolicySimulator.Request orderUpTo(double s, int lead, int review, double[] path,
            Optional<DemandForecast> forecast, int scenarios, int warmup) {
        return new PolicySimulator.Request(Optional.of(PolicySimulator.Kind.ORDER_UP_TO), s, 0, 0, lead, review, 0, warmup,
                s, path, forecast, scenarios, 42, 1, 10, 0, false);
    }

    @Test
    void simulatedFillRateAgreesWithTheAnalyticOneWithinSamplingError() {
        int lead = 3;
        int review = 2;
        var forecast = Forecasts.normal(400, 20, 8, Forecasts.twentieths());
        var policy = new OrderUpToPolicy(new MonteCarloDemandSum(20_000, 9));
        for (double csl : new double[] {0.7, 0.9, 0.97}) {
            var item = new ReplenishmentItem(new SeriesId("A", "s"), new StockPosition(0, 0, 0), lead, review, csl, 1, 0, 1,
                    Optional.of(forecast));
            var m = policy.model(0, item, forecast, LocalDate.EPOCH);
            double analytic = m.cycleFillRate(m.orderUpTo);

            var result = PolicySimulator.simulate(orderUpTo(m.orderUpTo, lead, review, new double[0], Optional.of(forecast),
                    400, 20));

            assertThat(result.scenarios()).isEqualTo(400);
            assertThat(result.fillRate()).as("CSL %s: analytic %s", csl, analytic)
                    .isCloseTo(analytic, within(4 * result.fillRateStandardError() + 0.002));
            assertThat(result.cycleServiceLevel()).as("CSL %s", csl).isCloseTo(csl, within(0.02));
        }
    }

    @Test
    void aGivenPathIsReplayedExactly() {
        // S = 10, L = 1, R = 1: each day orders what the position lacks, arriving the next morning.
        var result = PolicySimulator.simulate(orderUpTo(10, 1, 1, new double[] {4, 4, 12, 0}, Optional.empty(), 0, 0));
        // Day 0: on hand 10, order 0, demand 4 -> 6. Day 1: order 4 (arrives day 2), demand 4 -> 2.
        // Day 2: 4 arrive -> 6, order 4, demand 12 -> 6 served, 6 backordered. Day 3: 4 arrive -> -2, order 12.
        assertThat(result.fillRate()).isCloseTo(14.0 / 20, within(1e-12));
        assertThat(result.stockoutDays()).isEqualTo(1.0); // day 2
        assertThat(result.averageOnHand()).isCloseTo((6 + 2 + 0 + 0) / 4.0, within(1e-12));
        assertThat(result.averageBackordered()).isCloseTo((0 + 0 + 6 + 2) / 4.0, within(1e-12));
        // 6 units short on day 2 at the shortage cost of 10 per unit short
        assertThat(result.shortageCost()).isCloseTo(6 * 10, within(1e-9));
        assertThat(result.scenarios()).isEqualTo(1);
    }

    @Test
    void lostSalesDropUnmetDemand() {
        var r = new PolicySimulator.Request(Optional.of(PolicySimulator.Kind.REORDER_POINT_QUANTITY), 0, 2, 5, 2, 1, 0, 0, 3,
                new double[] {3, 3, 3, 3}, Optional.empty(), 0, 1, 0, 0, 7, true);
        var result = PolicySimulator.simulate(r);
        assertThat(result.averageBackordered()).isZero();
        assertThat(result.orders()).isPositive();
        assertThat(result.orderingCost()).isEqualTo(7 * result.orders());
    }

    @Test
    void badInputNamesTheField() {
        var empty = new DemandForecast(Optional.empty(), "m", "1", Forecasts.DECILES, java.util.List.of());
        assertThatThrownBy(() -> PolicySimulator.simulate(orderUpTo(10, 1, 1, new double[0], Optional.of(empty), 0, 0)))
                .isInstanceOfSatisfying(InvalidPlanRequest.class, e -> assertThat(e.violations())
                        .anySatisfy(v -> assertThat(v.field()).isEqualTo("forecast.days")));
        var noKind = new PolicySimulator.Request(Optional.empty(), 1, 0, 0, 1, 1, 0, 0, 0, new double[] {1}, Optional.empty(),
                0, 0, -1, 0, 0, false);
        assertThatThrownBy(() -> PolicySimulator.simulate(noKind))
                .isInstanceOfSatisfying(InvalidPlanRequest.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).contains("kind", "holding_cost_per_unit_day"));
        assertThatThrownBy(() -> PolicySimulator.simulate(orderUpTo(10, 1, 1, new double[0], Optional.empty(), 0, 0)))
                .isInstanceOfSatisfying(InvalidPlanRequest.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).contains("demand_path"));
    }
}
