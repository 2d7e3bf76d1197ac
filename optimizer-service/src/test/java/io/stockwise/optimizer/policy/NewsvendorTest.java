package io.stockwise.optimizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.commons.error.StockwiseException;
import org.junit.jupiter.api.Test;

class NewsvendorTest {
    private static final Newsvendor.Costs COSTS = Newsvendor.Costs.costForm(0.18, 0.70, "c");

    @Test
    void snyderShenExample41NormalDemand() {
        // Snyder & Shen Example 4.1/4.2: h = 0.18, p = 0.70, D ~ N(50, 8^2): S* ~ 56.6, g(S*) ~ 2.00.
        // Reference figures computed independently (scipy: ppf and numerical integration of g).
        var s = Newsvendor.normal(50, 8, COSTS, "n");
        assertThat(s.orderUpToLevel().getAsDouble()).isCloseTo(56.60395592743389, within(1e-9));
        assertThat(s.expectedCost()).isCloseTo(1.997605193176645, within(1e-9));
        assertThat(s.criticalFractile().getAsDouble()).isCloseTo(0.70 / 0.88, within(1e-15));
        assertThat(s.cycleServiceLevel().getAsDouble()).isCloseTo(0.70 / 0.88, within(1e-12));
        assertThat(s.fillRate().getAsDouble()).isCloseTo(0.9816160653127604, within(1e-9));
        assertThat(s.safetyStock().getAsDouble()).isCloseTo(6.60395592743389, within(1e-9));
        assertThat(s.exact()).isTrue();
    }

    @Test
    void profitFormIsTheCostFormWithMargins() {
        // price 1.00, cost 0.30, salvage 0.12 -> h = 0.18, p = 0.70; profit = 0.7 * 50 - g(S*)
        var s = Newsvendor.normal(50, 8, Newsvendor.Costs.profitForm(1.0, 0.30, 0.12, "p"), "n");
        assertThat(s.orderUpToLevel().getAsDouble()).isCloseTo(56.60395592743389, within(1e-9));
        assertThat(s.expectedProfit().getAsDouble()).isCloseTo(33.002394806823354, within(1e-9));
    }

    @Test
    void lognormalDemand() {
        var s = Newsvendor.lognormal(3.0, 0.4, COSTS, "l");
        assertThat(s.orderUpToLevel().getAsDouble()).isCloseTo(27.94386835241412, within(1e-9));
        assertThat(s.expectedCost()).isCloseTo(2.5024239417820975, within(1e-8));
        double mean = Math.exp(3.0 + 0.08);
        var m = Newsvendor.lognormalFromMoments(mean, mean * Math.sqrt(Math.exp(0.16) - 1), COSTS, "l");
        assertThat(m.orderUpToLevel().getAsDouble()).isCloseTo(27.94386835241412, within(1e-9));
    }

    @Test
    void poissonDemandExactSums() {
        var s = Newsvendor.poisson(12, COSTS, "p");
        assertThat(s.orderUpToLevel().getAsDouble()).isEqualTo(15);
        assertThat(s.expectedCost()).isCloseTo(0.8937075512169885, within(1e-12));
    }

    @Test
    void empiricalDistributionPicksTheFractileAndSumsExactly() {
        // equal weights on 10, 20, 30, 40: fractile 0.7955 -> S = 40 (F(30) = 0.75 < 0.7955)
        var d = DiscreteDistribution.of(new double[] {30, 10, 40, 20}, new double[0], "d");
        var s = Newsvendor.discrete(d, COSTS);
        assertThat(s.orderUpToLevel().getAsDouble()).isEqualTo(40);
        assertThat(s.expectedCost()).isCloseTo(0.18 * (30 + 20 + 10) / 4.0, within(1e-12));
        // h = p: fractile exactly 0.5 = F(20) -> S = 20 (smallest point reaching the fractile)
        var even = Newsvendor.discrete(d, Newsvendor.Costs.costForm(1, 1, "c"));
        assertThat(even.orderUpToLevel().getAsDouble()).isEqualTo(20);
        assertThat(even.expectedCost()).isCloseTo((10 + 10 + 20) / 4.0, within(1e-12));
    }

    @Test
    void higherShortageCostNeverLowersTheLevel() {
        double previous = Double.NEGATIVE_INFINITY;
        for (double p = 0.05; p < 20; p *= 1.3) {
            double s = Newsvendor.poisson(7.5, Newsvendor.Costs.costForm(1, p, "c"), "p").orderUpToLevel().getAsDouble();
            assertThat(s).isGreaterThanOrEqualTo(previous);
            previous = s;
        }
    }

    @Test
    void rejectsBadInputNamingTheField() {
        assertThatThrownBy(() -> Newsvendor.Costs.costForm(-1, 1, "newsvendor.cost"))
                .isInstanceOf(StockwiseException.class)
                .satisfies(e -> assertThat(((StockwiseException) e).violations().get(0).field())
                        .isEqualTo("newsvendor.cost.holding_cost"));
        assertThatThrownBy(() -> DiscreteDistribution.of(new double[0], new double[0], "newsvendor.discrete"))
                .satisfies(e -> assertThat(((StockwiseException) e).violations().get(0).field())
                        .isEqualTo("newsvendor.discrete.values"));
        assertThatThrownBy(() -> Newsvendor.Costs.profitForm(1, 2, 0, "newsvendor.profit"))
                .satisfies(e -> assertThat(((StockwiseException) e).violations().get(0).field())
                        .isEqualTo("newsvendor.profit.price"));
    }
}
