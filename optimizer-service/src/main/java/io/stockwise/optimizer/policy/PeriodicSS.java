package io.stockwise.optimizer.policy;

import static io.stockwise.optimizer.policy.InvalidPolicyInput.nonNegative;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.positive;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.require;

import java.util.HashMap;
import java.util.Map;

/**
 * Periodic-review (s, S) policy for integer demand (Snyder & Shen, sec. 4.5; Zheng & Federgruen
 * 1991): at the start of each period, if the inventory position is at or below s, order up to S,
 * paying K per order; orders arrive L periods later; unmet demand is backordered; h and p are per
 * unit per period on the end-of-period level, so G(y) = h E[(y - D)+] + p E[(D - y)+] with D the
 * demand of L + 1 periods. Purchase cost is not in the objective. The long-run cost per period is
 * c(s, S) = (K + sum_{j=0}^{S-s-1} m(j) G(S - j)) / M(S - s) with m the renewal mass function of
 * one period's demand (m(0) = 1/(1 - p0), m(j) = sum_{l=1..j} p_l m(j-l) / (1 - p0)) and M(n) =
 * sum_{j<n} m(j). Zheng and Federgruen's search returns an exact optimum.
 */
public final class PeriodicSS {
    private PeriodicSS() {
    }

    /** Exact optimum for Poisson demand per period (mean > 0). */
    public static PolicySolution poissonExact(double mean, double k, double h, double p, int lead, String prefix) {
        positive(mean, prefix + ".poisson.mean");
        require(mean * (lead + 1) <= 1e5, prefix + ".poisson.mean", "demand over L + 1 periods must be at most 100000");
        return exact(IntegerPmf.poisson(mean), k, h, p, lead, prefix);
    }

    /** Exact optimum for any demand distribution on 0, 1, 2, ... per period with P(D = 0) < 1. */
    public static PolicySolution exact(IntegerPmf demand, double k, double h, double p, int lead, String prefix) {
        var model = new Model(demand, k, h, p, lead, prefix);
        long ystar = model.minimizerOfG();
        long s = ystar;
        do {
            s--;
        } while (model.cost(s, ystar) > model.g(s));
        long bestS = ystar;
        double best = model.cost(s, bestS);
        long upper = ystar + 1;
        while (model.g(upper) <= best) {
            if (model.cost(s, upper) < best) {
                bestS = upper;
                while (model.cost(s, bestS) <= model.g(s + 1)) {
                    s++;
                }
                best = model.cost(s, bestS);
            }
            upper++;
        }
        return model.solution("SS_ZHENG_FEDERGRUEN", true, s, bestS);
    }

    /**
     * Power approximation (Ehrhardt & Mosier 1984; S&S eqs. 4.77-4.80) for normal demand N(mean,
     * sd^2) per period: with mu_L = (L + 1) mean and sigma_L^2 = (L + 1) sd^2,
     * Q = 1.30 mean^0.494 (K/h)^0.506 (1 + sigma_L^2 / mean^2)^0.116, z = sqrt(Q h / (sigma_L p)),
     * s = 0.973 mu_L + sigma_L (0.183 / z + 1.063 - 2.192 z), S = s + Q. As in S&S, without
     * Ehrhardt and Mosier's correction for Q / mean <= 1.5. The cost is not evaluated (NaN).
     */
    public static PolicySolution powerApproximation(double mean, double sd, double k, double h, double p, int lead,
                                                    String prefix) {
        positive(mean, prefix + ".normal.mean");
        positive(sd, prefix + ".normal.standard_deviation");
        positive(k, prefix + ".fixed_cost");
        positive(h, prefix + ".holding_cost");
        positive(p, prefix + ".shortage_cost");
        require(lead >= 0 && lead <= 1000, prefix + ".lead_time_periods", "must be 0 to 1000");
        double muL = (lead + 1) * mean;
        double sigmaL = Math.sqrt(lead + 1.0) * sd;
        double q = 1.30 * Math.pow(mean, 0.494) * Math.pow(k / h, 0.506)
                * Math.pow(1 + sigmaL * sigmaL / (mean * mean), 0.116);
        double z = Math.sqrt(q / sigmaL * h / p);
        double s = 0.973 * muL + sigmaL * (0.183 / z + 1.063 - 2.192 * z);
        return PolicySolution.builder("SS_POWER_APPROXIMATION", false, Double.NaN)
                .reorderPoint(s)
                .orderUpToLevel(s + q)
                .orderQuantity(q)
                .safetyStock(s - muL)
                .build();
    }

    /** The long-run cost per period of a given (s, S), s < S. */
    public static double cost(IntegerPmf demand, double k, double h, double p, int lead, long s, long orderUpTo) {
        return new Model(demand, k, h, p, lead, "ss").cost(s, orderUpTo);
    }

    static final class Model {
        final IntegerPmf period;
        final IntegerPmf protection;
        final double k;
        final double h;
        final double p;
        final double p0;
        final double mean;
        private final Map<Long, Double> gCache = new HashMap<>();
        private double[] m = new double[0];

        Model(IntegerPmf demand, double k, double h, double p, int lead, String prefix) {
            nonNegative(k, prefix + ".fixed_cost");
            positive(h, prefix + ".holding_cost");
            positive(p, prefix + ".shortage_cost");
            require(lead >= 0 && lead <= 1000, prefix + ".lead_time_periods", "must be 0 to 1000");
            require(demand.pmf(0) < 1 - 1e-12, prefix + ".discrete", "demand must be positive with positive probability");
            this.period = demand;
            this.protection = demand.sumOf(lead + 1);
            this.k = k;
            this.h = h;
            this.p = p;
            this.p0 = demand.pmf(0);
            this.mean = protection.mean();
        }

        double g(long y) {
            return gCache.computeIfAbsent(y, v -> {
                double leftover = protection.expectedLeftover(v);
                return h * leftover + p * (mean - v + leftover);
            });
        }

        long minimizerOfG() {
            return protection.quantile(p / (p + h));
        }

        private double m(int j) {
            if (j >= m.length) {
                double[] next = new double[Math.max(j + 1, 2 * m.length)];
                System.arraycopy(m, 0, next, 0, m.length);
                for (int i = m.length; i < next.length; i++) {
                    if (i == 0) {
                        next[0] = 1 / (1 - p0);
                    } else {
                        double sum = 0;
                        for (int l = 1; l <= i; l++) {
                            sum += period.pmf(l) * next[i - l];
                        }
                        next[i] = sum / (1 - p0);
                    }
                }
                m = next;
            }
            return m[j];
        }

        double cost(long s, long orderUpTo) {
            int n = (int) (orderUpTo - s);
            double num = k;
            double den = 0;
            for (int j = 0; j < n; j++) {
                num += m(j) * g(orderUpTo - j);
                den += m(j);
            }
            return num / den;
        }

        PolicySolution solution(String method, boolean exact, long s, long orderUpTo) {
            return PolicySolution.builder(method, exact, cost(s, orderUpTo))
                    .reorderPoint(s)
                    .orderUpToLevel(orderUpTo)
                    .orderQuantity(orderUpTo - s)
                    .safetyStock(s - mean)
                    .build();
        }
    }
}
