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
        // Snyder & Shen, 2nd ed., Example 4.1 (inputs as in Snyder's stockpyl instance example_4_1):
        // h = 0.18, p = 0.70, D ~ N(50, 8^2); the book's S* = 56.6. Expected figures: the closed forms
        // S* = mu + sigma z*, z* = Phi^-1(p / (p + h)), g(S*) = (p + h) sigma phi(z*), fill rate
        // 1 - sigma L(z*) / mu, with Phi from ReferenceNormal (independent of NormalMath).
        double fractile = 0.70 / 0.88;
        double z = ReferenceNormal.inverseCdf(fractile);
        var s = Newsvendor.normal(50, 8, COSTS, "n");
        assertThat(s.orderUpToLevel().getAsDouble()).isCloseTo(50 + 8 * z, within(1e-9));
        assertThat(s.orderUpToLevel().getAsDouble()).isCloseTo(56.6, within(0.05)); // the book's figure
        assertThat(s.expectedCost()).isCloseTo(0.88 * 8 * ReferenceNormal.pdf(z), within(1e-9));
        assertThat(s.criticalFractile().getAsDouble()).isCloseTo(fractile, within(1e-15));
        assertThat(s.cycleServiceLevel().getAsDouble()).isCloseTo(fractile, within(1e-12));
        assertThat(s.fillRate().getAsDouble()).isCloseTo(1 - 8 * ReferenceNormal.loss(z) / 50, within(1e-9));
        assertThat(s.safetyStock().getAsDouble()).isCloseTo(8 * z, within(1e-9));
        assertThat(s.exact()).isTrue();
    }

    @Test
    void profitFormIsTheCostFormWithMargins() {
        // Snyder & Shen, 2nd ed., Example 4.2 (stockpyl instance example_4_2): price 1.00, cost 0.30,
        // salvage 0.12 -> h = c - v = 0.18, p = r - c = 0.70; profit = (r - c) E[D] - g(S*) (closed form).
        double z = ReferenceNormal.inverseCdf(0.70 / 0.88);
        var s = Newsvendor.normal(50, 8, Newsvendor.Costs.profitForm(1.0, 0.30, 0.12, "p"), "n");
        assertThat(s.orderUpToLevel().getAsDouble()).isCloseTo(50 + 8 * z, within(1e-9));
        assertThat(s.expectedProfit().getAsDouble()).isCloseTo(0.7 * 50 - 0.88 * 8 * ReferenceNormal.pdf(z),
                within(1e-9));
    }

    @Test
    void lognormalDemand() {
        // ln D ~ N(3, 0.4^2). Closed forms: S* = exp(mu + sigma z*); with E[D] = exp(mu + sigma^2 / 2),
        // E[(S - D)+] = S Phi(w) - E[D] Phi(w - sigma), w = (ln S - mu) / sigma, and
        // E[(D - S)+] = E[D] - S + E[(S - D)+].
        double z = ReferenceNormal.inverseCdf(0.70 / 0.88);
        double level = Math.exp(3.0 + 0.4 * z);
        double mean = Math.exp(3.0 + 0.08);
        double leftover = level * ReferenceNormal.cdf(z) - mean * ReferenceNormal.cdf(z - 0.4);
        double shortage = mean - level + leftover;
        var s = Newsvendor.lognormal(3.0, 0.4, COSTS, "l");
        assertThat(s.orderUpToLevel().getAsDouble()).isCloseTo(level, within(1e-9));
        assertThat(s.expectedCost()).isCloseTo(0.18 * leftover + 0.70 * shortage, within(1e-8));
        var m = Newsvendor.lognormalFromMoments(mean, mean * Math.sqrt(Math.exp(0.16) - 1), COSTS, "l");
        assertThat(m.orderUpToLevel().getAsDouble()).isCloseTo(level, within(1e-9));
    }

    @Test
    void poissonDemandExactSums() {
        // Enumeration: S* is the smallest S with P(D <= S) >= p / (p + h); g(S*) summed over d = 0..199.
        double[] pmf = poisson(12, 200);
        int level = 0;
        double cdf = pmf[0];
        while (cdf < 0.70 / 0.88) {
            cdf += pmf[++level];
        }
        double cost = 0;
        for (int d = 0; d < pmf.length; d++) {
            cost += pmf[d] * (d <= level ? 0.18 * (level - d) : 0.70 * (d - level));
        }
        var s = Newsvendor.poisson(12, COSTS, "p");
        assertThat(level).isEqualTo(15);
        assertThat(s.orderUpToLevel().getAsDouble()).isEqualTo(level);
        assertThat(s.expectedCost()).isCloseTo(cost, within(1e-12));
    }

    /** Poisson probabilities of 0..n-1 by the recursion p(d) = p(d - 1) mean / d. */
    static double[] poisson(double mean, int n) {
        double[] pmf = new double[n];
        pmf[0] = Math.exp(-mean);
        for (int d = 1; d < n; d++) {
            pmf[d] = pmf[d - 1] * mean / d;
        }
        return pmf;
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
