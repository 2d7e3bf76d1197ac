package io.stockwise.optimizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.commons.error.StockwiseException;
import org.junit.jupiter.api.Test;

class StochasticPolicyTest {
    @Test
    void baseStockNormalSpansLPlusOnePeriods() {
        // mean 10, sd 3 per period, L = 3: D over 4 periods ~ N(40, 6^2); fractile 0.9
        var s = BaseStock.normal(10, 3, BaseStock.Terms.of(1, 9, 3, 0, "b"), "b");
        assertThat(s.orderUpToLevel().getAsDouble()).isCloseTo(47.6893093932676, within(1e-9));
        assertThat(s.expectedCost()).isCloseTo(10.52989991594921, within(1e-9));
    }

    @Test
    void baseStockPoisson() {
        var s = BaseStock.poisson(5, BaseStock.Terms.of(1, 9, 3, 0, "b"), "b");
        assertThat(s.orderUpToLevel().getAsDouble()).isEqualTo(26);
        assertThat(s.expectedCost()).isCloseTo(8.18643145857536, within(1e-10));
        assertThat(s.cycleServiceLevel().getAsDouble()).isCloseTo(0.9221132189037747, within(1e-12));
    }

    @Test
    void higherServiceTargetNeverLowersTheLevel() {
        double previousNormal = Double.NEGATIVE_INFINITY;
        double previousPoisson = Double.NEGATIVE_INFINITY;
        for (double target = 0.05; target < 0.999; target += 0.01) {
            double normal = BaseStock.normal(10, 3, BaseStock.Terms.of(1, 1, 2, target, "b"), "b")
                    .orderUpToLevel().getAsDouble();
            double poisson = BaseStock.poisson(4, BaseStock.Terms.of(1, 1, 2, target, "b"), "b")
                    .orderUpToLevel().getAsDouble();
            assertThat(normal).isGreaterThanOrEqualTo(previousNormal);
            assertThat(poisson).isGreaterThanOrEqualTo(previousPoisson);
            previousNormal = normal;
            previousPoisson = poisson;
        }
    }

    @Test
    void impossibleServiceTargetIsRejected() {
        assertThatThrownBy(() -> BaseStock.Terms.of(1, 1, 0, 1.0, "base_stock"))
                .isInstanceOf(StockwiseException.class)
                .satisfies(e -> assertThat(((StockwiseException) e).violations().get(0).field())
                        .isEqualTo("base_stock.target_cycle_service_level"));
    }

    @Test
    void rqNormalExactMatchesDirectMinimisation() {
        // lambda 1300, K 175, h 2.5, p 25 per unit per unit time, lead-time demand N(100, 15^2);
        // reference: Nelder-Mead on the numerically integrated exact cost (scipy).
        var terms = ReorderPointQuantity.Terms.of(1300, 175, 2.5, 25, "rq");
        var s = ReorderPointQuantity.normalExact(100, 15, terms, "rq");
        assertThat(s.reorderPoint().getAsDouble()).isCloseTo(59.06430522, within(1e-5));
        assertThat(s.orderQuantity().getAsDouble()).isCloseTo(450.45164787, within(1e-5));
        assertThat(s.expectedCost()).isCloseTo(1023.7898935280892, within(1e-8));
    }

    /** S&S Examples 5.1-5.6: lambda 1300/yr, tau 150, L = 1/12 yr, h 0.225, p 7.5, K 8. */
    private static final double MU = 1300.0 / 12;
    private static final double SIGMA = 150 * Math.sqrt(1.0 / 12);

    @Test
    void snyderShenExample51ExactNormal() {
        var terms = ReorderPointQuantity.Terms.of(1300, 8, 0.225, 7.5, "rq");
        var s = ReorderPointQuantity.normalExact(MU, SIGMA, terms, "rq");
        // the book: r* = 126.8, Q* = 328.5, g = 78.07 (g(126.8, 328.5) = 78.07116250928294); the
        // exact optimum is r = 126.867, Q = 328.449, where the loss-function conditions hold exactly
        assertThat(s.reorderPoint().getAsDouble()).isCloseTo(126.8670634479628, within(1e-4));
        assertThat(s.orderQuantity().getAsDouble()).isCloseTo(328.4491421980451, within(1e-4));
        assertThat(s.expectedCost()).isLessThanOrEqualTo(78.07116250928294).isCloseTo(78.0712, within(1e-3));
    }

    @Test
    void snyderShenApproximations() {
        var terms = ReorderPointQuantity.Terms.of(1300, 8, 0.225, 7.5, "rq");
        var eil = ReorderPointQuantity.normalApproximation(MU, SIGMA, terms,
                ReorderPointQuantity.Approximation.EIL, "rq", "rq.method");
        assertThat(eil.reorderPoint().getAsDouble()).isCloseTo(213.97044213580244, within(1e-4));
        assertThat(eil.orderQuantity().getAsDouble()).isCloseTo(318.5901810768729, within(1e-4));
        assertThat(eil.expectedCost()).isCloseTo(95.45114022285196, within(1e-5));
        var eoqb = ReorderPointQuantity.normalApproximation(MU, SIGMA, terms,
                ReorderPointQuantity.Approximation.EOQB, "rq", "rq.method");
        assertThat(eoqb.reorderPoint().getAsDouble()).isCloseTo(128.63781442427097, within(1e-3));
        assertThat(eoqb.orderQuantity().getAsDouble()).isCloseTo(308.5737801203754, within(1e-9));
        var eoqss = ReorderPointQuantity.normalApproximation(MU, SIGMA, terms,
                ReorderPointQuantity.Approximation.EOQ_SS, "rq", "rq.method");
        assertThat(eoqss.reorderPoint().getAsDouble()).isCloseTo(190.3369965715624, within(1e-8));
        assertThat(eoqss.orderQuantity().getAsDouble()).isCloseTo(304.0467800264368, within(1e-9));
        var loss = ReorderPointQuantity.normalApproximation(MU, SIGMA, terms,
                ReorderPointQuantity.Approximation.LOSS_FUNCTION, "rq", "rq.method");
        assertThat(loss.reorderPoint().getAsDouble()).isCloseTo(126.8670634479628, within(1e-4));
        assertThat(loss.orderQuantity().getAsDouble()).isCloseTo(328.4491421980451, within(1e-4));
        assertThat(eil.exact()).isFalse();
    }

    @Test
    void snyderShenExample58PoissonExact() {
        // h 20, p 150, K 100, lambda 1.5, L 2 -> (r, Q) = (3, 5), g = 107.92358063314975
        var s = ReorderPointQuantity.poissonExact(3, ReorderPointQuantity.Terms.of(1.5, 100, 20, 150, "rq"), "rq");
        assertThat(s.reorderPoint().getAsDouble()).isEqualTo(3);
        assertThat(s.orderQuantity().getAsDouble()).isEqualTo(5);
        assertThat(s.expectedCost()).isCloseTo(107.92358063314975, within(1e-9));
    }

    @Test
    void snyderShenExample47PowerApproximation() {
        var s = PeriodicSS.powerApproximation(50, 8, 2.5, 0.18, 0.70, 0, "ss");
        assertThat(s.reorderPoint().getAsDouble()).isCloseTo(40.19461695647407, within(1e-9));
        assertThat(s.orderUpToLevel().getAsDouble()).isCloseTo(74.29017010980579, within(1e-9));
        assertThat(s.exact()).isFalse();
    }

    @Test
    void rqPoissonExactMatchesEnumeration() {
        var s = ReorderPointQuantity.poissonExact(8, ReorderPointQuantity.Terms.of(100, 10, 1, 20, "rq"), "rq");
        assertThat(s.reorderPoint().getAsDouble()).isEqualTo(6);
        assertThat(s.orderQuantity().getAsDouble()).isEqualTo(47);
        assertThat(s.expectedCost()).isCloseTo(45.247125979902414, within(1e-9));
        // The enumeration, here: g(r, Q) = (K lambda + sum_{y=r+1}^{r+Q} G(y)) / Q with
        // G(y) = h E[(y - D)+] + p E[(D - y)+], D ~ Poisson(8), over every r in [-20, 40], Q in [1, 300].
        double[] pmf = new double[120];
        pmf[0] = Math.exp(-8);
        for (int d = 1; d < pmf.length; d++) {
            pmf[d] = pmf[d - 1] * 8 / d;
        }
        java.util.function.IntToDoubleFunction g = y -> {
            double sum = 0;
            for (int d = 0; d < pmf.length; d++) {
                sum += pmf[d] * (y >= d ? 1.0 * (y - d) : 20.0 * (d - y));
            }
            return sum;
        };
        double best = Double.POSITIVE_INFINITY;
        int bestR = 0;
        int bestQ = 0;
        for (int r = -20; r <= 40; r++) {
            double sum = 0;
            for (int q = 1; q <= 300; q++) {
                sum += g.applyAsDouble(r + q);
                double cost = (10 * 100 + sum) / q;
                if (cost < best - 1e-12) {
                    best = cost;
                    bestR = r;
                    bestQ = q;
                }
            }
        }
        assertThat(s.expectedCost()).isCloseTo(best, within(1e-9));
        assertThat(s.reorderPoint().getAsDouble()).isEqualTo(bestR);
        assertThat(s.orderQuantity().getAsDouble()).isEqualTo(bestQ);
    }

    @Test
    void zhengFedergruenPublishedExample() {
        // Zheng & Federgruen (1991): Poisson mean 10, K = 64, h = 1, p = 9, L = 0 -> (s, S) = (6, 40),
        // cost 35.0215 (also confirmed by a Markov-chain evaluation over all s < S).
        var s = PeriodicSS.poissonExact(10, 64, 1, 9, 0, "ss");
        assertThat(s.reorderPoint().getAsDouble()).isEqualTo(6);
        assertThat(s.orderUpToLevel().getAsDouble()).isEqualTo(40);
        assertThat(s.expectedCost()).isCloseTo(35.02155527232058, within(1e-9));
    }

    @Test
    void snyderShenZhengFedergruenExample() {
        // S&S / stockpyl: h = 1, p = 4, K = 5, Poisson(6) -> s = 4, S = 10, cost 8.034111561471642
        var s = PeriodicSS.poissonExact(6, 5, 1, 4, 0, "ss");
        assertThat(s.reorderPoint().getAsDouble()).isEqualTo(4);
        assertThat(s.orderUpToLevel().getAsDouble()).isEqualTo(10);
        assertThat(s.expectedCost()).isCloseTo(8.034111561471642, within(1e-9));
    }

    @Test
    void zhengFedergruenWithLeadTime() {
        var s = PeriodicSS.poissonExact(5, 20, 1, 4, 1, "ss");
        assertThat(s.reorderPoint().getAsDouble()).isEqualTo(6);
        assertThat(s.orderUpToLevel().getAsDouble()).isEqualTo(21);
        assertThat(s.expectedCost()).isCloseTo(13.927757774559618, within(1e-9));
    }
}
