package io.stockwise.optimizer.policy;

import static io.stockwise.optimizer.policy.InvalidPolicyInput.finite;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.nonNegative;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.positive;

/**
 * Continuous-review (r, Q) policy (Snyder & Shen, sec. 5.2; Zheng 1992; Federgruen & Zheng 1992):
 * when the inventory position falls to r, order Q; orders arrive after a lead time L; unmet demand
 * is backordered. Demand has rate lambda per unit time; D is lead-time demand (over L, not L + 1:
 * time is continuous). h is the holding cost per unit per unit time, p the backorder cost per unit
 * per unit time, K the fixed cost per order; purchase cost is not in the objective. The inventory
 * position is uniform on (r, r + Q] and the exact expected cost per unit time is
 * g(r, Q) = (K lambda + integral (or sum over y = r+1..r+Q) of G(y)) / Q with
 * G(y) = h E[(y - D)+] + p E[(D - y)+].
 */
public final class ReorderPointQuantity {
    private ReorderPointQuantity() {
    }

    /** Cost parameters shared by the (r, Q) variants. */
    public record Terms(double demandRate, double fixedCost, double holdingCost, double backorderCost) {
        /** Validates; field names under {@code prefix}. */
        public static Terms of(double lambda, double k, double h, double p, String prefix) {
            positive(lambda, prefix + ".demand_rate");
            positive(k, prefix + ".fixed_cost");
            positive(h, prefix + ".holding_cost");
            positive(p, prefix + ".backorder_cost");
            return new Terms(lambda, k, h, p);
        }
    }

    /**
     * Exact optimum for normal lead-time demand N(mean, sd^2). At the optimum G(r) = G(r + Q) =
     * g(r*, Q*) = c*, and c* is the unique level with K lambda = integral over {G <= c} of (c - G);
     * c* is found by bisection, r and r + Q are the two roots of G(y) = c*.
     */
    public static PolicySolution normalExact(double mean, double sd, Terms terms, String prefix) {
        var g = new NormalCost(mean, finitePositive(sd, prefix + ".standard_deviation"), terms,
                finite(mean, prefix + ".mean"));
        double target = terms.fixedCost() * terms.demandRate();
        double lo = g.value(g.minimizer);
        double step = Math.max(Math.abs(lo), 1e-9);
        double hi = lo + step;
        while (g.area(hi) < target) {
            step *= 2;
            hi = lo + step;
        }
        for (int i = 0; i < 300 && hi - lo > 1e-15 * Math.abs(hi); i++) {
            double mid = 0.5 * (lo + hi);
            if (g.area(mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double c = 0.5 * (lo + hi);
        double r = g.leftRoot(c);
        double q = g.rightRoot(c) - r;
        return g.solution("RQ_NORMAL_EXACT", true, r, q, g.cost(r, q));
    }

    /** The approximations of S&S sec. 5.2 for normal lead-time demand. */
    public enum Approximation {
        /** EOQB: Q from the EOQ with planned backorders, then the best r for that Q (g(r) = g(r + Q)). */
        EOQB,
        /** EOQ+SS: Q = EOQ, r = the newsvendor fractile of lead-time demand. */
        EOQ_SS,
        /**
         * Expected-inventory-level (Hadley-Whitin): iterate r = F^-1(1 - Qh/(p lambda)) and
         * Q = sqrt(2 lambda (K + p n(r)) / h) from Q = EOQ, r = 0; cost is the EIL formula
         * h (r - mu + Q/2) + K lambda / Q + p lambda n(r) / Q.
         */
        EIL,
        /**
         * Loss-function (Hadley-Whitin): iterate n(r) = hQ/(h + p) and
         * Q = sqrt(2 (K lambda + (h + p) n2(r)) / h) from Q = EOQ, r = 0.
         */
        LOSS_FUNCTION
    }

    /**
     * An approximation for normal lead-time demand. The cost is the EIL formula for {@code EIL}
     * (as in S&S) and the exact cost of the returned (r, Q) otherwise.
     */
    public static PolicySolution normalApproximation(double mean, double sd, Terms terms, Approximation kind,
                                                     String prefix, String methodField) {
        var g = new NormalCost(mean, finitePositive(sd, prefix + ".standard_deviation"), terms,
                finite(mean, prefix + ".mean"));
        double h = terms.holdingCost();
        double p = terms.backorderCost();
        double lambda = terms.demandRate();
        double k = terms.fixedCost();
        double eoq = Math.sqrt(2 * k * lambda / h);
        switch (kind) {
            case EOQB -> {
                double q = Math.sqrt(2 * k * lambda * (h + p) / (h * p));
                double r = g.bestReorderPoint(q);
                return g.solution("RQ_NORMAL_EOQB", false, r, q, g.cost(r, q));
            }
            case EOQ_SS -> {
                double r = g.minimizer;
                return g.solution("RQ_NORMAL_EOQ_SS", false, r, eoq, g.cost(r, eoq));
            }
            case EIL -> {
                double q = eoq;
                double r = 0;
                for (int i = 0; i < 10_000; i++) {
                    double level = 1 - q * h / (p * lambda);
                    InvalidPolicyInput.require(level > 0 && level < 1, methodField,
                            "the EIL approximation has no solution for these costs (Q h >= p lambda)");
                    double nextR = mean + sd * NormalMath.inverseCdf(level);
                    double nextQ = Math.sqrt(2 * lambda * (k + p * sd * NormalMath.loss((nextR - mean) / sd)) / h);
                    boolean done = Math.abs(nextR - r) < 1e-12 * Math.max(1, Math.abs(r))
                            && Math.abs(nextQ - q) < 1e-12 * Math.max(1, q);
                    r = nextR;
                    q = nextQ;
                    if (done) {
                        break;
                    }
                }
                double n = sd * NormalMath.loss((r - mean) / sd);
                double cost = h * (r - mean + q / 2) + k * lambda / q + p * lambda * n / q;
                return g.solution("RQ_NORMAL_EIL", false, r, q, cost);
            }
            case LOSS_FUNCTION -> {
                double q = eoq;
                double r = 0;
                for (int i = 0; i < 10_000; i++) {
                    double target = h * q / (h + p);
                    double nextR = g.lossInverse(target);
                    double nextQ = Math.sqrt(2 * (k * lambda + (h + p) * sd * sd
                            * NormalMath.secondOrderLoss((nextR - mean) / sd)) / h);
                    boolean done = Math.abs(nextR - r) < 1e-12 * Math.max(1, Math.abs(r))
                            && Math.abs(nextQ - q) < 1e-12 * Math.max(1, q);
                    r = nextR;
                    q = nextQ;
                    if (done) {
                        break;
                    }
                }
                return g.solution("RQ_NORMAL_LOSS_FUNCTION", false, r, q, g.cost(r, q));
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * Exact optimum for Poisson demand (lead-time demand Poisson(mean)), integer r and Q, by
     * Federgruen and Zheng's algorithm: the Q cheapest values of the convex G form the window
     * r+1..r+Q; grow it from argmin G by the cheaper neighbour while that neighbour's G is below the
     * current average cost.
     */
    public static PolicySolution poissonExact(double mean, Terms terms, String prefix) {
        nonNegative(mean, prefix + ".mean");
        InvalidPolicyInput.require(mean <= 1e6, prefix + ".mean", "must be at most 1000000");
        var g = new LatticeCost(IntegerPmf.poisson(mean), terms);
        long lo = g.minimizer();
        long hi = lo;
        double sum = g.value(lo);
        double fixed = terms.fixedCost() * terms.demandRate();
        while (true) {
            double cost = (fixed + sum) / (hi - lo + 1);
            double left = g.value(lo - 1);
            double right = g.value(hi + 1);
            double next = Math.min(left, right);
            // S&S / Federgruen-Zheng: stop only when the cost would rise; ties extend to the right
            if (next > cost) {
                break;
            }
            if (left < right) {
                lo--;
            } else {
                hi++;
            }
            sum += next;
        }
        return g.solution("RQ_POISSON_EXACT", true, lo - 1, hi - lo + 1);
    }

    private static double finitePositive(double v, String field) {
        return positive(v, field);
    }

    private static final class NormalCost {
        final double mean;
        final double sd;
        final Terms terms;
        final double minimizer;

        NormalCost(double mean, double sd, Terms terms, double ignored) {
            this.mean = mean;
            this.sd = sd;
            this.terms = terms;
            double p = terms.backorderCost();
            double h = terms.holdingCost();
            this.minimizer = mean + sd * NormalMath.inverseCdf(p / (p + h));
        }

        double value(double y) {
            double h = terms.holdingCost();
            double p = terms.backorderCost();
            return h * (y - mean) + (h + p) * sd * NormalMath.loss((y - mean) / sd);
        }

        /** Integral of G from a to b. */
        double integral(double a, double b) {
            double h = terms.holdingCost();
            double p = terms.backorderCost();
            return h * ((b - mean) * (b - mean) - (a - mean) * (a - mean)) / 2
                    + (h + p) * sd * sd * (NormalMath.secondOrderLoss((a - mean) / sd)
                    - NormalMath.secondOrderLoss((b - mean) / sd));
        }

        double area(double c) {
            double a = leftRoot(c);
            double b = rightRoot(c);
            return c * (b - a) - integral(a, b);
        }

        double leftRoot(double c) {
            double w = sd;
            while (value(minimizer - w) < c) {
                w *= 2;
            }
            double lo = minimizer - w;
            double hi = minimizer;
            for (int i = 0; i < 200; i++) {
                double mid = 0.5 * (lo + hi);
                if (value(mid) >= c) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return 0.5 * (lo + hi);
        }

        double rightRoot(double c) {
            double w = sd;
            while (value(minimizer + w) < c) {
                w *= 2;
            }
            double lo = minimizer;
            double hi = minimizer + w;
            for (int i = 0; i < 200; i++) {
                double mid = 0.5 * (lo + hi);
                if (value(mid) >= c) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return 0.5 * (lo + hi);
        }

        /** The r with G(r) = G(r + q): the best reorder point for order quantity q. */
        double bestReorderPoint(double q) {
            double lo = minimizer - q;
            double hi = minimizer;
            for (int i = 0; i < 300; i++) {
                double mid = 0.5 * (lo + hi);
                if (value(mid) - value(mid + q) > 0) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return 0.5 * (lo + hi);
        }

        /** The y with n(y) = sd L((y - mean)/sd) = target (n is decreasing). */
        double lossInverse(double target) {
            double lo = mean - sd;
            while (sd * NormalMath.loss((lo - mean) / sd) < target) {
                lo -= 2 * sd + Math.abs(lo - mean);
            }
            double hi = mean + sd;
            while (sd * NormalMath.loss((hi - mean) / sd) > target) {
                hi += 2 * sd + Math.abs(hi - mean);
            }
            for (int i = 0; i < 300; i++) {
                double mid = 0.5 * (lo + hi);
                if (sd * NormalMath.loss((mid - mean) / sd) > target) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return 0.5 * (lo + hi);
        }

        double cost(double r, double q) {
            return (terms.fixedCost() * terms.demandRate() + integral(r, r + q)) / q;
        }

        PolicySolution solution(String method, boolean exact, double r, double q, double cost) {
            double zr = (r - mean) / sd;
            double zrq = (r + q - mean) / sd;
            return PolicySolution.builder(method, exact, cost)
                    .reorderPoint(r)
                    .orderQuantity(q)
                    .orderUpToLevel(r + q)
                    .cycleTime(q / terms.demandRate())
                    .safetyStock(r - mean)
                    .cycleServiceLevel(NormalMath.cdf(zr))
                    .fillRate(1 - sd * (NormalMath.loss(zr) - NormalMath.loss(zrq)) / q)
                    .build();
        }
    }

    private static final class LatticeCost {
        final IntegerPmf demand;
        final Terms terms;
        final double mean;

        LatticeCost(IntegerPmf demand, Terms terms) {
            this.demand = demand;
            this.terms = terms;
            this.mean = demand.mean();
        }

        double value(long y) {
            double leftover = demand.expectedLeftover(y);
            return terms.holdingCost() * leftover + terms.backorderCost() * (mean - y + leftover);
        }

        long minimizer() {
            double p = terms.backorderCost();
            return demand.quantile(p / (p + terms.holdingCost()));
        }

        PolicySolution solution(String method, boolean exact, long r, long q) {
            double sum = 0;
            double inStock = 0;
            for (long y = r + 1; y <= r + q; y++) {
                sum += value(y);
                inStock += demand.cdf(y - 1);
            }
            double cost = (terms.fixedCost() * terms.demandRate() + sum) / q;
            return PolicySolution.builder(method, exact, cost)
                    .reorderPoint(r)
                    .orderQuantity(q)
                    .orderUpToLevel(r + q)
                    .cycleTime(q / terms.demandRate())
                    .safetyStock(r - mean)
                    .cycleServiceLevel(demand.cdf(r))
                    .fillRate(inStock / q)
                    .build();
        }
    }
}
