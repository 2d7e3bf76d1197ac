package io.stockwise.optimizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class DynamicAndLostSalesTest {
    @Test
    void finiteHorizonDpMatchesAnIndependentRecursion() {
        // Reference: a memoised recursion over (t, x) trying every order-up-to level (python/scipy).
        double[] means = {3, 5, 4, 6};
        double[] k = {10, 0, 15, 10};
        double[] c = {1, 1.5, 1, 2};
        double[] h = {1, 1, 2, 1};
        double[] p = {5, 5, 5, 8};
        var periods = new ArrayList<FiniteHorizonStochastic.Period>();
        for (int t = 0; t < 4; t++) {
            periods.add(new FiniteHorizonStochastic.Period(IntegerPmf.poisson(means[t]), k[t], c[t], h[t], p[t]));
        }
        var s = FiniteHorizonStochastic.solve(periods, 0, "dp");
        assertThat(s.expectedCost()).isCloseTo(68.31636382911046, within(1e-9));
        assertThat(s.periods()).hasSize(4);
        // K = 0 in period 2: a base-stock period, s = S - 1
        var second = s.periods().get(1);
        assertThat(second.reorderPoint().getAsDouble()).isEqualTo(second.orderUpToLevel().getAsDouble() - 1);
    }

    @Test
    void lostSalesBaseStockByExactChainEvaluation() {
        // Reference: stationary distribution of the pipeline chain by a linear solve (numpy), S = 0..19.
        var demand = IntegerPmf.poisson(3);
        assertThat(LostSalesBaseStock.evaluate(demand, 2, 1, 9, 10)[0]).isCloseTo(5.430089422988924, within(1e-9));
        var s = LostSalesBaseStock.best(demand, 2, 1, 9, "ls");
        assertThat(s.orderUpToLevel().getAsDouble()).isEqualTo(12);
        assertThat(s.expectedCost()).isCloseTo(4.908953860643138, within(1e-9));
        // L = 0 is a repeated newsvendor
        var zero = LostSalesBaseStock.best(demand, 0, 1, 9, "ls");
        var newsvendor = Newsvendor.poisson(3, Newsvendor.Costs.costForm(1, 9, "c"), "n");
        assertThat(zero.orderUpToLevel()).isEqualTo(newsvendor.orderUpToLevel());
        assertThat(zero.expectedCost()).isCloseTo(newsvendor.expectedCost(), within(1e-12));
    }
}
