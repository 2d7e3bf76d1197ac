package io.stockwise.optimizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.commons.error.StockwiseException;
import org.junit.jupiter.api.Test;

/**
 * Base-stock, (r, Q) and (s, S). Every expected figure is either a textbook example (Snyder & Shen,
 * Fundamentals of Supply Chain Theory, 2nd ed., "S&S"; inputs as in Snyder's stockpyl instances of
 * the same name) or derived here: closed forms with {@link ReferenceNormal}, an enumeration over
 * all (r, Q) or (s, S) in a wide range, or the first-order conditions of the exact (r, Q) cost
 * solved by a bisection on Q around a safeguarded Newton solve for r. Nothing is a number printed by the production code.
 */
class StochasticPolicyTest {
    @Test
    void baseStockNormalSpansLPlusOnePeriods() {
        // mean 10, sd 3 per period, L = 3: D over 4 periods ~ N(40, 6^2); fractile p / (p + h) = 0.9.
        // Closed form: S = 40 + 6 z, z = Phi^-1(0.9); g(S) = (p + h) 6 phi(z).
        double z = ReferenceNormal.inverseCdf(0.9);
        var s = BaseStock.normal(10, 3, BaseStock.Terms.of(1, 9, 3, 0, "b"), "b");
        assertThat(s.orderUpToLevel().getAsDouble()).isCloseTo(40 + 6 * z, within(1e-9));
        assertThat(s.expectedCost()).isCloseTo(10 * 6 * ReferenceNormal.pdf(z), within(1e-9));
    }

    @Test
    void baseStockPoisson() {
        // Poisson(5) per period, L = 3: D over 4 periods ~ Poisson(20). Enumeration: S is the smallest
        // level with P(D <= S) >= 0.9, g(S) and P(D <= S) summed exactly.
        double[] pmf = NewsvendorTest.poisson(20, 200);
        int level = 0;
        double cdf = pmf[0];
        while (cdf < 0.9) {
            cdf += pmf[++level];
        }
        var s = BaseStock.poisson(5, BaseStock.Terms.of(1, 9, 3, 0, "b"), "b");
        assertThat(s.orderUpToLevel().getAsDouble()).isEqualTo(level);
        assertThat(s.expectedCost()).isCloseTo(newsvendorCost(pmf, level, 1, 9), within(1e-10));
        assertThat(s.cycleServiceLevel().getAsDouble()).isCloseTo(cdf, within(1e-12));
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
        // lambda 1300, K 175, h 2.5, p 25 per unit per unit time, lead-time demand N(100, 15^2).
        // Reference: the first-order conditions G(r) = G(r + Q) = g(r, Q) of the exact cost, solved by
        // a bisection on Q around a Newton solve for r (RqNormal below), then a direct search confirms no neighbour costs less.
        var ref = new RqNormal(100, 15, 1300, 175, 2.5, 25);
        double[] opt = ref.optimum();
        var terms = ReorderPointQuantity.Terms.of(1300, 175, 2.5, 25, "rq");
        var s = ReorderPointQuantity.normalExact(100, 15, terms, "rq");
        assertThat(s.reorderPoint().getAsDouble()).isCloseTo(opt[0], within(1e-5));
        assertThat(s.orderQuantity().getAsDouble()).isCloseTo(opt[1], within(1e-5));
        assertThat(s.expectedCost()).isCloseTo(ref.cost(opt[0], opt[1]), within(1e-8));
        for (double dr = -2; dr <= 2; dr += 0.5) {
            for (double dq = -4; dq <= 4; dq += 1) {
                assertThat(ref.cost(opt[0] + dr, opt[1] + dq)).isGreaterThanOrEqualTo(s.expectedCost() - 1e-9);
            }
        }
    }

    /** S&S Examples 5.1-5.6: lambda 1300/yr, tau 150, L = 1/12 yr, h 0.225, p 7.5, K 8. */
    private static final double MU = 1300.0 / 12;
    private static final double SIGMA = 150 * Math.sqrt(1.0 / 12);
    private static final RqNormal EXAMPLE_5_1 = new RqNormal(MU, SIGMA, 1300, 8, 0.225, 7.5);

    @Test
    void snyderShenExample51ExactNormal() {
        var terms = ReorderPointQuantity.Terms.of(1300, 8, 0.225, 7.5, "rq");
        var s = ReorderPointQuantity.normalExact(MU, SIGMA, terms, "rq");
        // the book (S&S Example 5.1): r* = 126.8, Q* = 328.5, g = 78.07; the exact optimum, from the
        // first-order conditions solved here, is r = 126.867, Q = 328.449 and costs no more than the
        // book's rounded policy
        double[] opt = EXAMPLE_5_1.optimum();
        assertThat(s.reorderPoint().getAsDouble()).isCloseTo(opt[0], within(1e-4)).isCloseTo(126.8, within(0.1));
        assertThat(s.orderQuantity().getAsDouble()).isCloseTo(opt[1], within(1e-4)).isCloseTo(328.5, within(0.1));
        double bookPolicy = EXAMPLE_5_1.cost(126.8, 328.5);
        assertThat(bookPolicy).isCloseTo(78.07, within(0.005));
        assertThat(s.expectedCost()).isLessThanOrEqualTo(bookPolicy)
                .isCloseTo(EXAMPLE_5_1.cost(opt[0], opt[1]), within(1e-8));
    }

    @Test
    void snyderShenApproximations() {
        var terms = ReorderPointQuantity.Terms.of(1300, 8, 0.225, 7.5, "rq");
        double h = 0.225;
        double p = 7.5;
        double k = 8;
        double lambda = 1300;
        double eoq = Math.sqrt(2 * k * lambda / h);

        // S&S Example 5.2, expected-inventory-level approximation (S&S Algorithm 5.1), iterated here
        // from Q = EOQ: r = mu + sigma Phi^-1(1 - Qh / (p lambda)), Q = sqrt(2 lambda (K + p n(r)) / h);
        // cost h (r - mu + Q/2) + K lambda / Q + p lambda n(r) / Q (stockpyl's test of this example:
        // r = 213.970, Q = 318.590, g = 95.451).
        double q = eoq;
        double r = 0;
        for (int i = 0; i < 200; i++) {
            double nextR = MU + SIGMA * ReferenceNormal.inverseCdf(1 - q * h / (p * lambda));
            double nextQ = Math.sqrt(2 * lambda * (k + p * SIGMA * ReferenceNormal.loss((nextR - MU) / SIGMA)) / h);
            boolean done = Math.abs(nextR - r) < 1e-10 && Math.abs(nextQ - q) < 1e-10;
            r = nextR;
            q = nextQ;
            if (done) {
                break;
            }
        }
        double n = SIGMA * ReferenceNormal.loss((r - MU) / SIGMA);
        var eil = ReorderPointQuantity.normalApproximation(MU, SIGMA, terms,
                ReorderPointQuantity.Approximation.EIL, "rq", "rq.method");
        assertThat(eil.reorderPoint().getAsDouble()).isCloseTo(r, within(1e-4)).isCloseTo(213.970, within(5e-4));
        assertThat(eil.orderQuantity().getAsDouble()).isCloseTo(q, within(1e-4)).isCloseTo(318.590, within(5e-4));
        assertThat(eil.expectedCost()).isCloseTo(h * (r - MU + q / 2) + k * lambda / q + p * lambda * n / q,
                within(1e-5)).isCloseTo(95.451, within(5e-4));

        // S&S Example 5.4, EOQB: Q = sqrt(2 K lambda (h + p) / (h p)), r the best reorder point for that Q
        double eoqb = Math.sqrt(2 * k * lambda * (h + p) / (h * p));
        var eoqbSolution = ReorderPointQuantity.normalApproximation(MU, SIGMA, terms,
                ReorderPointQuantity.Approximation.EOQB, "rq", "rq.method");
        assertThat(eoqbSolution.reorderPoint().getAsDouble()).isCloseTo(EXAMPLE_5_1.bestReorderPoint(eoqb), within(1e-3));
        assertThat(eoqbSolution.orderQuantity().getAsDouble()).isCloseTo(eoqb, within(1e-9));

        // S&S Example 5.5, EOQ + SS: Q = EOQ, r = mu + sigma Phi^-1(p / (p + h))
        var eoqss = ReorderPointQuantity.normalApproximation(MU, SIGMA, terms,
                ReorderPointQuantity.Approximation.EOQ_SS, "rq", "rq.method");
        assertThat(eoqss.reorderPoint().getAsDouble())
                .isCloseTo(MU + SIGMA * ReferenceNormal.inverseCdf(p / (p + h)), within(1e-8));
        assertThat(eoqss.orderQuantity().getAsDouble()).isCloseTo(eoq, within(1e-9));

        // S&S Example 5.6, loss-function approximation: its fixed point is the exact optimum
        double[] opt = EXAMPLE_5_1.optimum();
        var loss = ReorderPointQuantity.normalApproximation(MU, SIGMA, terms,
                ReorderPointQuantity.Approximation.LOSS_FUNCTION, "rq", "rq.method");
        assertThat(loss.reorderPoint().getAsDouble()).isCloseTo(opt[0], within(1e-4));
        assertThat(loss.orderQuantity().getAsDouble()).isCloseTo(opt[1], within(1e-4));
        assertThat(eil.exact()).isFalse();
    }

    @Test
    void snyderShenExample58PoissonExact() {
        // S&S Example 5.8: h 20, p 150, K 100, lambda 1.5, L 2 (lead-time demand Poisson(3));
        // the book's optimum (r, Q) = (3, 5), confirmed and costed by enumeration here.
        var s = ReorderPointQuantity.poissonExact(3, ReorderPointQuantity.Terms.of(1.5, 100, 20, 150, "rq"), "rq");
        double[] best = enumerateRq(3, 1.5, 100, 20, 150);
        assertThat(best[0]).isEqualTo(3);
        assertThat(best[1]).isEqualTo(5);
        assertThat(s.reorderPoint().getAsDouble()).isEqualTo(best[0]);
        assertThat(s.orderQuantity().getAsDouble()).isEqualTo(best[1]);
        assertThat(s.expectedCost()).isCloseTo(best[2], within(1e-9));
    }

    @Test
    void snyderShenExample48PowerApproximation() {
        // S&S Example 4.8: h 0.18, p 0.70, K 2.5, demand N(50, 8^2) per period, L = 0 (stockpyl's test of
        // this example: s = 40.195, S = 74.290). The power approximation (Ehrhardt 1979; S&S eqs. 4.77-4.80) written out:
        // Q = 1.30 mu^0.494 (K/h)^0.506 (1 + sigma_L^2 / mu^2)^0.116, z = sqrt(Q h / (sigma_L p)),
        // s = 0.973 mu_L + sigma_L (0.183 / z + 1.063 - 2.192 z), S = s + Q.
        double q = 1.30 * Math.pow(50, 0.494) * Math.pow(2.5 / 0.18, 0.506) * Math.pow(1 + 64.0 / 2500, 0.116);
        double z = Math.sqrt(q * 0.18 / (8 * 0.70));
        double reorder = 0.973 * 50 + 8 * (0.183 / z + 1.063 - 2.192 * z);
        var s = PeriodicSS.powerApproximation(50, 8, 2.5, 0.18, 0.70, 0, "ss");
        assertThat(s.reorderPoint().getAsDouble()).isCloseTo(reorder, within(1e-9)).isCloseTo(40.195, within(5e-4));
        assertThat(s.orderUpToLevel().getAsDouble()).isCloseTo(reorder + q, within(1e-9)).isCloseTo(74.290, within(5e-4));
        assertThat(s.exact()).isFalse();
    }

    @Test
    void rqPoissonExactMatchesEnumeration() {
        // lead-time demand Poisson(8), lambda 100, K 10, h 1, p 20: every r in -20..60, Q in 1..300
        var s = ReorderPointQuantity.poissonExact(8, ReorderPointQuantity.Terms.of(100, 10, 1, 20, "rq"), "rq");
        double[] best = enumerateRq(8, 100, 10, 1, 20);
        assertThat(s.reorderPoint().getAsDouble()).isEqualTo(best[0]);
        assertThat(s.orderQuantity().getAsDouble()).isEqualTo(best[1]);
        assertThat(s.expectedCost()).isCloseTo(best[2], within(1e-9));
    }

    @Test
    void zhengFedergruenPublishedExample() {
        // Zheng & Federgruen (1991), Operations Research 39, 654-665, instance mu = 10, K = 64, h = 1,
        // p = 9, L = 0: (s, S) = (6, 40), cost 35.022 (as also listed in stockpyl's test of their instances);
        // the exact cost and the optimality over all s < S come from the Markov-chain enumeration here.
        var s = PeriodicSS.poissonExact(10, 64, 1, 9, 0, "ss");
        double[] best = enumerateSs(10, 64, 1, 9, 0);
        assertThat(best[0]).isEqualTo(6);
        assertThat(best[1]).isEqualTo(40);
        assertThat(best[2]).isCloseTo(35.022, within(5e-4));
        assertThat(s.reorderPoint().getAsDouble()).isEqualTo(best[0]);
        assertThat(s.orderUpToLevel().getAsDouble()).isEqualTo(best[1]);
        assertThat(s.expectedCost()).isCloseTo(best[2], within(1e-9));
    }

    @Test
    void snyderShenExample47PoissonSS() {
        // S&S Example 4.7: h = 1, p = 4, K = 5, Poisson(6) -> (s, S) = (4, 10), g = 8.0341 (stockpyl's
        // test of this example: 8.034111561471644); confirmed and costed by the enumeration here.
        var s = PeriodicSS.poissonExact(6, 5, 1, 4, 0, "ss");
        double[] best = enumerateSs(6, 5, 1, 4, 0);
        assertThat(best[0]).isEqualTo(4);
        assertThat(best[1]).isEqualTo(10);
        assertThat(best[2]).isCloseTo(8.0341, within(5e-5));
        assertThat(s.reorderPoint().getAsDouble()).isEqualTo(best[0]);
        assertThat(s.orderUpToLevel().getAsDouble()).isEqualTo(best[1]);
        assertThat(s.expectedCost()).isCloseTo(best[2], within(1e-9));
    }

    @Test
    void zhengFedergruenWithLeadTime() {
        // Poisson(5), K 20, h 1, p 4, L = 1 (G over L + 1 = 2 periods): the enumeration is the reference.
        var s = PeriodicSS.poissonExact(5, 20, 1, 4, 1, "ss");
        double[] best = enumerateSs(5, 20, 1, 4, 1);
        assertThat(s.reorderPoint().getAsDouble()).isEqualTo(best[0]);
        assertThat(s.orderUpToLevel().getAsDouble()).isEqualTo(best[1]);
        assertThat(s.expectedCost()).isCloseTo(best[2], within(1e-9));
    }

    /** h E[(S - D)+] + p E[(D - S)+] summed over the pmf. */
    private static double newsvendorCost(double[] pmf, long level, double h, double p) {
        double cost = 0;
        for (int d = 0; d < pmf.length; d++) {
            cost += pmf[d] * (d <= level ? h * (level - d) : p * (d - level));
        }
        return cost;
    }

    /**
     * The exact (r, Q) cost g(r, Q) = (K lambda + sum_{y=r+1}^{r+Q} G(y)) / Q for Poisson lead-time
     * demand, minimised over every r in -20..60 and Q in 1..300; {r, Q, cost}. Fails on a tie.
     */
    private static double[] enumerateRq(double leadMean, double lambda, double k, double h, double p) {
        double[] pmf = NewsvendorTest.poisson(leadMean, 200);
        int lowR = -20;
        double[] g = new double[400]; // g[i] = G(lowR + i)
        for (int i = 0; i < g.length; i++) {
            g[i] = newsvendorCost(pmf, lowR + i, h, p);
        }
        double best = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        int bestR = 0;
        int bestQ = 0;
        for (int r = lowR; r <= 60; r++) {
            double sum = 0;
            for (int q = 1; q <= 300; q++) {
                sum += g[r + q - lowR];
                double cost = (k * lambda + sum) / q;
                if (cost < best) {
                    second = best;
                    best = cost;
                    bestR = r;
                    bestQ = q;
                } else {
                    second = Math.min(second, cost);
                }
            }
        }
        assertThat(second).as("the enumerated optimum is unique").isGreaterThan(best + 1e-9);
        assertThat(bestR).isBetween(lowR + 1, 59);
        assertThat(bestQ).isLessThan(300);
        return new double[] {bestR, bestQ, best};
    }

    /**
     * Long-run cost per period of every (s, S) with -10 <= s < S <= s + 100, s <= 50, from the
     * stationary distribution of the post-order inventory position y in (s, S] (periodic review,
     * Poisson demand per period, L = lead): pi(y) (1 - P(D = 0)) = sum_{y' > y} pi(y') P(D = y' - y)
     * for y < S; per-period cost sum_y pi(y) (G(y) + K P(D >= y - s)), G over L + 1 periods.
     * {s, S, cost} of the best; fails on a tie.
     */
    private static double[] enumerateSs(double mean, double k, double h, double p, int lead) {
        double[] pmf = NewsvendorTest.poisson(mean, 200);
        double[] tail = new double[pmf.length + 1]; // tail[d] = P(D >= d)
        for (int d = pmf.length - 1; d >= 0; d--) {
            tail[d] = tail[d + 1] + pmf[d];
        }
        double[] protection = NewsvendorTest.poisson(mean * (lead + 1), 300);
        int low = -10;
        double[] g = new double[200]; // g[i] = G(low + i)
        for (int i = 0; i < g.length; i++) {
            g[i] = newsvendorCost(protection, low + i, h, p);
        }
        double best = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        int bestS = 0;
        int bestUpTo = 0;
        for (int s = low; s <= 50; s++) {
            for (int up = s + 1; up <= s + 100 && up - low < g.length; up++) {
                int n = up - s; // states y = s + 1 .. up, index y - s - 1
                double[] pi = new double[n];
                pi[n - 1] = 1;
                double total = 1;
                for (int i = n - 2; i >= 0; i--) {
                    double in = 0;
                    for (int j = i + 1; j < n && j - i < pmf.length; j++) {
                        in += pi[j] * pmf[j - i];
                    }
                    pi[i] = in / (1 - pmf[0]);
                    total += pi[i];
                }
                double cost = 0;
                for (int i = 0; i < n; i++) {
                    int y = s + 1 + i;
                    int orderAt = y - s; // demand that takes the position to s or below
                    cost += pi[i] / total * (g[y - low] + k * (orderAt < tail.length ? tail[orderAt] : 0));
                }
                if (cost < best) {
                    second = best;
                    best = cost;
                    bestS = s;
                    bestUpTo = up;
                } else {
                    second = Math.min(second, cost);
                }
            }
        }
        assertThat(second).as("the enumerated optimum is unique").isGreaterThan(best + 1e-9);
        assertThat(bestS).isBetween(low + 1, 49);
        return new double[] {bestS, bestUpTo, best};
    }

    /**
     * The exact (r, Q) cost for normal lead-time demand N(mu, sigma^2) in closed form:
     * G(y) = h (y - mu) + (h + p) sigma L(z_y), and the integral of G over [r, r + Q] is
     * h Q (r - mu + Q/2) + (h + p) sigma^2 (L2(z_r) - L2(z_{r+Q})), with L, L2 from ReferenceNormal.
     */
    private record RqNormal(double mu, double sigma, double lambda, double k, double h, double p) {
        double bigG(double y) {
            return h * (y - mu) + (h + p) * sigma * ReferenceNormal.loss((y - mu) / sigma);
        }

        double cost(double r, double q) {
            double integral = h * q * (r - mu + q / 2) + (h + p) * sigma * sigma
                    * (ReferenceNormal.secondOrderLoss((r - mu) / sigma)
                    - ReferenceNormal.secondOrderLoss((r + q - mu) / sigma));
            return (k * lambda + integral) / q;
        }

        /**
         * The r with G(r) = G(r + q): f(r) = G(r + q) - G(r) increases with r (G is convex), with
         * f'(r) = (h + p)(Phi(z_{r+q}) - Phi(z_r)); Newton steps kept inside a shrinking bracket.
         */
        double bestReorderPoint(double q) {
            double lo = mu - 12 * sigma - q;
            double hi = mu + 12 * sigma;
            double r = mu - q / 2;
            for (int i = 0; i < 200; i++) {
                double f = bigG(r + q) - bigG(r);
                if (f < 0) {
                    lo = r;
                } else {
                    hi = r;
                }
                double slope = (h + p) * (ReferenceNormal.cdf(clamp((r + q - mu) / sigma))
                        - ReferenceNormal.cdf(clamp((r - mu) / sigma)));
                double next = slope > 0 ? r - f / slope : Double.NaN;
                if (!(next > lo && next < hi)) {
                    next = 0.5 * (lo + hi);
                }
                if (Math.abs(next - r) < 1e-11 * Math.max(1, Math.abs(r)) || hi - lo < 1e-11) {
                    return next;
                }
                r = next;
            }
            throw new AssertionError("no convergence");
        }

        private static double clamp(double z) {
            return Math.max(-12, Math.min(12, z));
        }

        /**
         * {r*, Q*}: Q* solves Q G(r(Q) + Q) = K lambda + integral_{r(Q)}^{r(Q)+Q} G, i.e. G = g at the
         * window's ends (the left side minus the right increases with Q), by bisection on Q from a
         * bracket grown around the EOQ with planned backorders.
         */
        double[] optimum() {
            double eoqb = Math.sqrt(2 * k * lambda * (h + p) / (h * p));
            double lo = eoqb;
            while (excess(lo) >= 0) {
                lo /= 2;
            }
            double hi = eoqb;
            while (excess(hi) < 0) {
                hi *= 2;
            }
            while (hi - lo > 1e-10 * hi) {
                double q = 0.5 * (lo + hi);
                if (excess(q) < 0) {
                    lo = q;
                } else {
                    hi = q;
                }
            }
            double q = 0.5 * (lo + hi);
            return new double[] {bestReorderPoint(q), q};
        }

        /** G(r(q) + q) - g(r(q), q): negative below Q*, positive above. */
        private double excess(double q) {
            double r = bestReorderPoint(q);
            return bigG(r + q) - cost(r, q);
        }
    }
}
