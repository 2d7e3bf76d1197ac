package io.stockwise.optimizer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shortage penalties, fill-rate targets, uncertain lead times and open orders. */
class ServiceTargetsTest {
    private static final LocalDate DAY = LocalDate.of(2025, 3, 1);
    private final OrderUpToPolicy policy = new OrderUpToPolicy(new MonteCarloDemandSum(20_000, 3));

    private static ItemOptions options(double penalty, double fillRate, double holding) {
        return new ItemOptions(List.of(), 0, Optional.empty(), holding, 0, penalty, fillRate, 0, 0, List.of());
    }

    private static ReplenishmentItem item(int lead, int review, double csl, ItemOptions options, DemandForecast f) {
        return new ReplenishmentItem(new SeriesId("A", "s"), new StockPosition(0, 0, 0), lead, review, csl, 1, 0, 10,
                Optional.of(f), options);
    }

    @Test
    void shortagePenaltySetsTheCriticalRatioQuantile() {
        var forecast = Forecasts.normal(10, 100, 20, Forecasts.twentieths());
        // h = 0.5 a day, R = 2: hR = 1; p = 9 gives the ratio 0.9.
        var m = policy.model(0, item(6, 2, 0, options(9, 0, 0.5), forecast), forecast, DAY);
        double s = 800 + Normal.inverse(0.9) * 20 * Math.sqrt(8);
        assertThat(m.level).isCloseTo(0.9, within(1e-12));
        assertThat(m.orderUpTo).isCloseTo(s, within(0.01 * s));
        double previous = 0;
        for (double p : new double[] {0.5, 1, 3, 9, 30, 99}) {
            var higher = policy.model(0, item(6, 2, 0, options(p, 0, 0.5), forecast), forecast, DAY);
            assertThat(higher.orderUpTo).isGreaterThanOrEqualTo(previous);
            previous = higher.orderUpTo;
        }
    }

    @Test
    void theOrderUpToLevelMinimisesTheCycleCost() {
        var forecast = Forecasts.normal(10, 100, 20, Forecasts.twentieths());
        var m = policy.model(0, item(6, 2, 0, options(9, 0, 0.5), forecast), forecast, DAY);
        double atS = m.cost(m.orderUpTo);
        for (double delta : new double[] {-20, -5, -1, 1, 5, 20}) {
            assertThat(m.cost(m.orderUpTo + delta)).isGreaterThanOrEqualTo(atS - 1e-9);
        }
    }

    @Test
    void fillRateTargetIsReachedAndNeverLowersS() {
        var forecast = Forecasts.normal(12, 30, 12, Forecasts.twentieths());
        double previous = -1;
        for (double target : new double[] {0.5, 0.8, 0.9, 0.95, 0.98, 0.99}) {
            var item = item(4, 3, 0, options(0, target, 0), forecast);
            var m = policy.model(0, item, forecast, DAY);
            var line = policy.line(item, m, forecast, m.unconstrainedOrder, "", "");
            // The target is a steady-state rate of the cycle; from an empty shelf the whole interval,
            // lead-time days included, is served less well.
            assertThat(m.cycleFillRate(m.orderUpTo)).as("target %s", target).isGreaterThanOrEqualTo(target);
            assertThat(line.economics().expectedFillRate()).isLessThanOrEqualTo(m.cycleFillRate(m.orderUpTo));
            assertThat(m.orderUpTo).isGreaterThanOrEqualTo(previous);
            assertThat(line.explanation()).contains("fill rate reaches the " + PlanExplanation.percent(target) + " target");
            previous = m.orderUpTo;
        }
    }

    @Test
    void fillRateMatchesTheNormalLossFormula() {
        // Type 2 service of (R, S) with normal demand: 1 - sigma_P L(z) / (mu R) when the lead-time term is negligible.
        var forecast = Forecasts.normal(10, 100, 20, Forecasts.twentieths());
        var item = item(6, 2, 0.95, ItemOptions.NONE, forecast);
        var m = policy.model(0, item, forecast, DAY);
        double sigmaP = 20 * Math.sqrt(8);
        double z = (m.orderUpTo - 800) / sigmaP;
        double expected = 1 - sigmaP * Gaussian.loss(z) / 200;
        assertThat(m.cycleFillRate(m.orderUpTo)).isCloseTo(expected, within(0.003));
    }

    @Test
    void uncertainLeadTimeWidensTheOrderUpToLevel() {
        var forecast = Forecasts.normal(30, 50, 10, Forecasts.twentieths());
        var certain = policy.model(0, item(8, 2, 0.95, ItemOptions.NONE, forecast), forecast, DAY);
        var uncertainOptions = new ItemOptions(List.of(), 2, Optional.empty(), 0, 0, 0, 0, 0, 0, List.of());
        var uncertain = policy.model(0, item(8, 2, 0.95, uncertainOptions, forecast), forecast, DAY);
        // Textbook: sigma_P^2 = E[L + R] sigma^2 + mu^2 Var(L).
        double s = 50 * 10 + Normal.inverse(0.95) * Math.sqrt(10 * 100 + 2500 * 4);
        assertThat(uncertain.orderUpTo).isGreaterThan(certain.orderUpTo);
        assertThat(uncertain.orderUpTo).isCloseTo(s, within(0.03 * s));
        assertThat(uncertain.expectedDemand).isCloseTo(500, within(1.0));
    }

    @Test
    void empiricalLeadTimeMixesTheIntervals() {
        var forecast = Forecasts.deterministic(10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
        var options = new ItemOptions(List.of(), 0, Optional.of(List.of(new ItemOptions.LeadTimePoint(2, 0.5),
                new ItemOptions.LeadTimePoint(6, 0.5))), 0, 0, 0, 0, 0, 0, List.of());
        var item = item(0, 2, 0.9, options, forecast);
        assertThat(item.forecastDaysNeeded()).isEqualTo(8);
        var m = policy.model(0, item, forecast, DAY);
        // Half the scenarios need 40 units, half 80: the 90% quantile is 80, the mean 60.
        assertThat(m.orderUpTo).isEqualTo(80.0);
        assertThat(m.expectedDemand).isEqualTo(60.0);
    }

    @Test
    void openOrdersCountOnlyWhenTheyArriveWithinTheProtectionInterval() {
        var forecast = Forecasts.deterministic(10, 10, 10, 10, 10, 10);
        var options = new ItemOptions(List.of(new OpenOrder(7, Optional.of(DAY.plusDays(2))),
                new OpenOrder(100, Optional.of(DAY.plusDays(5)))), 0, Optional.empty(), 0, 0, 0, 0, 0, 0, List.of());
        var m = policy.model(0, item(3, 2, 0.95, options, forecast), forecast, DAY);
        // only the 7 arriving on day 2 count (before day L + R = 5; the 100 on day 5 do not);
        // S = 5 days x 10 = 50, so the order is 50 - 7
        assertThat(m.position).isEqualTo(7.0);
        assertThat(m.unconstrainedOrder).isEqualTo(50 - 7);
    }

    @Test
    void maximumOrderCapsInWholePacks() {
        var forecast = Forecasts.deterministic(10, 10, 10, 10, 10);
        var options = new ItemOptions(List.of(), 0, Optional.empty(), 0, 0, 0, 0, 25, 0, List.of());
        var item = new ReplenishmentItem(new SeriesId("A", "s"), new StockPosition(0, 0, 0), 3, 2, 0, 6, 0, 1,
                Optional.of(forecast), options);
        var m = policy.model(0, item, forecast, DAY);
        var line = policy.line(item, m, forecast, m.unconstrainedOrder, "", "");
        // S = 50 needs 9 cases of 6; the cap of 25 allows floor(25 / 6) = 4 cases
        assertThat(line.orderQuantity()).isEqualTo(Math.floor(25 / 6.0) * 6);
        assertThat(line.rounding()).isEqualTo(OrderRounding.MAX_ORDER_QUANTITY);
        assertThat(line.explanation()).contains("capped at the maximum order quantity of 25 units");
    }

    @Test
    void zeroDemandOrdersNothingInEveryMode() {
        var forecast = Forecasts.deterministic(0, 0, 0, 0, 0, 0);
        for (var options : List.of(options(5, 0, 0), options(0, 0.9, 0), ItemOptions.NONE)) {
            var m = policy.model(0, item(3, 2, 0, options, forecast), forecast, DAY);
            assertThat(m.unconstrainedOrder).isZero();
            assertThat(m.fillRate(0)).isEqualTo(1.0);
        }
    }
}
