package io.stockwise.optimizer.policy;

import static io.stockwise.optimizer.policy.InvalidPolicyInput.finite;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.nonNegative;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.positive;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.require;

import java.util.OptionalDouble;

/**
 * The single-period newsvendor (Snyder & Shen, ch. 4): choose S before demand D is seen; cost
 * g(S) = h E[(S-D)+] + p E[(D-S)+]. The optimum is the critical fractile S* = F^-1(p / (p + h))
 * (the smallest support point with F(S) >= p/(p+h) for discrete demand). Purchase cost is not in
 * the cost form; the profit form with price r, unit cost c and salvage value v is the cost form
 * with h = c - v and p = r - c, and expected profit = (r - c) E[D] - g(S).
 */
public final class Newsvendor {
    private Newsvendor() {
    }

    /**
     * Overage and underage costs per unit.
     *
     * @param holdingCost h, cost per unit left over at the end of the period
     * @param shortageCost p, cost per unit of unmet demand
     * @param unitMargin r - c in the profit form (for the expected profit), else empty
     */
    public record Costs(double holdingCost, double shortageCost, OptionalDouble unitMargin) {
        /** The cost form; fields are named under {@code prefix}. */
        public static Costs costForm(double holdingCost, double shortageCost, String prefix) {
            positive(holdingCost, prefix + ".holding_cost");
            positive(shortageCost, prefix + ".shortage_cost");
            return new Costs(holdingCost, shortageCost, OptionalDouble.empty());
        }

        /** The profit form: price r, unit cost c, salvage value v with r > c > v. */
        public static Costs profitForm(double price, double unitCost, double salvageValue, String prefix) {
            nonNegative(unitCost, prefix + ".unit_cost");
            finite(price, prefix + ".price");
            finite(salvageValue, prefix + ".salvage_value");
            require(price > unitCost, prefix + ".price", "must exceed unit_cost");
            require(salvageValue < unitCost, prefix + ".salvage_value", "must be below unit_cost");
            return new Costs(unitCost - salvageValue, price - unitCost, OptionalDouble.of(price - unitCost));
        }

        double fractile() {
            return shortageCost / (shortageCost + holdingCost);
        }
    }

    /** Normal demand N(mean, sd^2); expected cost (p + h) sd phi(z*) in closed form. */
    public static PolicySolution normal(double mean, double sd, Costs costs, String prefix) {
        finite(mean, prefix + ".mean");
        nonNegative(sd, prefix + ".standard_deviation");
        double fractile = costs.fractile();
        if (sd == 0) {
            return finish("NEWSVENDOR_NORMAL", mean, 0, mean, 1, 1, fractile, costs);
        }
        double z = NormalMath.inverseCdf(fractile);
        double s = mean + sd * z;
        double shortage = sd * NormalMath.loss(z);
        double cost = (costs.holdingCost() + costs.shortageCost()) * sd * NormalMath.pdf(z);
        return finish("NEWSVENDOR_NORMAL", s, cost, mean, NormalMath.cdf(z), fillRate(shortage, mean), fractile, costs);
    }

    /**
     * Lognormal demand: ln D ~ N(mu, sigma^2). E[(S-D)+] = S Phi(d) - e^(mu + sigma^2/2) Phi(d - sigma)
     * with d = (ln S - mu) / sigma.
     */
    public static PolicySolution lognormal(double mu, double sigma, Costs costs, String prefix) {
        finite(mu, prefix + ".log_mean");
        positive(sigma, prefix + ".log_standard_deviation");
        double fractile = costs.fractile();
        double z = NormalMath.inverseCdf(fractile);
        double s = Math.exp(mu + sigma * z);
        double mean = Math.exp(mu + sigma * sigma / 2);
        double leftover = s * NormalMath.cdf(z) - mean * NormalMath.cdf(z - sigma);
        double shortage = mean - s + leftover;
        double cost = costs.holdingCost() * leftover + costs.shortageCost() * shortage;
        return finish("NEWSVENDOR_LOGNORMAL", s, cost, mean, NormalMath.cdf(z), fillRate(shortage, mean), fractile,
                costs);
    }

    /** The lognormal with the given mean and standard deviation of D (moment matching is exact). */
    public static PolicySolution lognormalFromMoments(double mean, double sd, Costs costs, String prefix) {
        positive(mean, prefix + ".mean");
        positive(sd, prefix + ".standard_deviation");
        double sigma2 = Math.log1p(sd * sd / (mean * mean));
        return lognormal(Math.log(mean) - sigma2 / 2, Math.sqrt(sigma2), costs, prefix);
    }

    /** Poisson demand: exact sums. */
    public static PolicySolution poisson(double mean, Costs costs, String prefix) {
        nonNegative(mean, prefix + ".mean");
        require(mean <= 1e6, prefix + ".mean", "must be at most 1000000");
        return discrete(DiscreteDistribution.poisson(mean), costs, "NEWSVENDOR_POISSON");
    }

    /** Any discrete or empirical distribution: exact sums over its support. */
    public static PolicySolution discrete(DiscreteDistribution demand, Costs costs) {
        return discrete(demand, costs, "NEWSVENDOR_DISCRETE");
    }

    private static PolicySolution discrete(DiscreteDistribution demand, Costs costs, String method) {
        double fractile = costs.fractile();
        double s = demand.quantile(fractile);
        double leftover = demand.expectedLeftover(s);
        double shortage = demand.expectedShortage(s);
        double cost = costs.holdingCost() * leftover + costs.shortageCost() * shortage;
        double mean = demand.mean();
        return finish(method, s, cost, mean, demand.cdf(s), fillRate(shortage, mean), fractile, costs);
    }

    private static double fillRate(double expectedShortage, double mean) {
        return mean > 0 ? 1 - expectedShortage / mean : 1;
    }

    private static PolicySolution finish(String method, double s, double cost, double mean, double csl,
                                         double fill, double fractile, Costs costs) {
        var b = PolicySolution.builder(method, true, cost)
                .orderUpToLevel(s)
                .criticalFractile(fractile)
                .safetyStock(s - mean)
                .cycleServiceLevel(csl)
                .fillRate(fill);
        costs.unitMargin().ifPresent(m -> b.expectedProfit(m * mean - cost));
        return b.build();
    }
}
