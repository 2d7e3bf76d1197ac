package io.stockwise.optimizer.policy;

import static io.stockwise.optimizer.policy.InvalidPolicyInput.finite;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.nonNegative;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.positive;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.require;

import java.util.OptionalDouble;

/**
 * Periodic-review base-stock policy with lead time (Snyder & Shen, sec. 4.3-4.4). Each period the
 * inventory position is raised to S; an order arrives L periods later; unmet demand is backordered;
 * h and p are charged per unit on hand / backordered at the end of each period. The end-of-period
 * inventory level in period t + L is S minus the demand of L + 1 periods, so the relevant demand
 * is D over L + 1 periods and the expected cost per period is g(S) = h E[(S - D)+] + p E[(D - S)+].
 * Purchase cost is not in the objective (under backorders every unit demanded is bought once).
 * S* is the critical fractile p / (p + h) of D; alternatively S is the quantile of a target cycle
 * service level (type 1). Fill rate (type 2) is 1 - (E[(D_{L+1} - S)+] - E[(D_L - S)+]) / mean
 * demand per period.
 */
public final class BaseStock {
    private BaseStock() {
    }

    /** Costs per unit per period, and an optional target cycle service level that overrides the fractile. */
    public record Terms(double holdingCost, double shortageCost, int leadTimePeriods, OptionalDouble targetServiceLevel) {
        /** Validates; field names under {@code prefix}. */
        public static Terms of(double h, double p, int lead, double target, String prefix) {
            require(lead >= 0 && lead <= 10_000, prefix + ".lead_time_periods", "must be 0 to 10000");
            if (target != 0) {
                require(target > 0 && target < 1, prefix + ".target_cycle_service_level",
                        "must be strictly between 0 and 1");
                nonNegative(h, prefix + ".holding_cost");
                nonNegative(p, prefix + ".shortage_cost");
                return new Terms(h, p, lead, OptionalDouble.of(target));
            }
            positive(h, prefix + ".holding_cost");
            positive(p, prefix + ".shortage_cost");
            return new Terms(h, p, lead, OptionalDouble.empty());
        }

        double level() {
            return targetServiceLevel.orElse(shortageCost / (shortageCost + holdingCost));
        }
    }

    /** Normal demand per period N(mean, sd^2), independent across periods. */
    public static PolicySolution normal(double mean, double sd, Terms terms, String prefix) {
        finite(mean, prefix + ".mean");
        positive(sd, prefix + ".standard_deviation");
        int l = terms.leadTimePeriods();
        double mu = (l + 1) * mean;
        double sigma = Math.sqrt(l + 1.0) * sd;
        double level = terms.level();
        double z = NormalMath.inverseCdf(level);
        double s = mu + sigma * z;
        double shortage = sigma * NormalMath.loss(z);
        double leftover = shortage + s - mu;
        double cost = terms.holdingCost() * leftover + terms.shortageCost() * shortage;
        double before = l == 0 ? Math.max(0, -s) : Math.sqrt(l) * sd * NormalMath.loss((s - l * mean) / (Math.sqrt(l) * sd));
        var b = PolicySolution.builder("BASE_STOCK_NORMAL", true, cost)
                .orderUpToLevel(s)
                .safetyStock(s - mu)
                .cycleServiceLevel(NormalMath.cdf(z))
                .fillRate(mean > 0 ? 1 - (shortage - before) / mean : 1);
        if (terms.targetServiceLevel().isEmpty()) {
            b.criticalFractile(level);
        }
        return b.build();
    }

    /** Poisson demand per period with the given mean; exact sums, integer S. */
    public static PolicySolution poisson(double mean, Terms terms, String prefix) {
        nonNegative(mean, prefix + ".mean");
        require(mean * (terms.leadTimePeriods() + 1) <= 1e6, prefix + ".mean", "demand over L + 1 periods must be at most 1000000");
        return discrete(IntegerPmf.poisson(mean), terms, "BASE_STOCK_POISSON");
    }

    /** Any demand distribution on 0, 1, 2, ... per period; exact sums, integer S. */
    public static PolicySolution discrete(IntegerPmf perPeriod, Terms terms, String method) {
        int l = terms.leadTimePeriods();
        IntegerPmf protection = perPeriod.sumOf(l + 1);
        double level = terms.level();
        int s = protection.quantile(level);
        double shortage = protection.expectedShortage(s);
        double cost = terms.holdingCost() * protection.expectedLeftover(s) + terms.shortageCost() * shortage;
        double before = l == 0 ? 0 : perPeriod.sumOf(l).expectedShortage(s);
        double mean = perPeriod.mean();
        var b = PolicySolution.builder(method, true, cost)
                .orderUpToLevel(s)
                .safetyStock(s - protection.mean())
                .cycleServiceLevel(protection.cdf(s))
                .fillRate(mean > 0 ? 1 - (shortage - before) / mean : 1);
        if (terms.targetServiceLevel().isEmpty()) {
            b.criticalFractile(level);
        }
        return b.build();
    }
}
