package io.stockwise.optimizer.domain;

import io.stockwise.commons.error.FieldViolation;
import io.stockwise.commons.error.Validator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Runs an inventory policy day by day against demand and reports what it achieves.
 *
 * <p>Each day: the orders due arrive (filling backorders first); on review days (every R days from day
 * 0) the policy reads the inventory position (on hand + on order - backorders) and orders, an order
 * arriving L days later (at once when L = 0); then the day's demand is served from stock, the rest
 * backordered or lost. An order thus covers the L + R days until the next one arrives, as in
 * {@link OrderUpToPolicy}. Costs: holding h per unit on hand at the end of a day, penalty p per unit
 * not served on its day, K per order. A review cycle is the R days from one review; it is a stock-out
 * cycle when some day in it leaves demand unserved.
 */
public final class PolicySimulator {
    /** Most scenarios one simulation may run. */
    public static final int MAX_SCENARIOS = 10_000;
    /** Scenarios sampled when a request gives 0. */
    public static final int DEFAULT_SCENARIOS = 1_000;
    /** Longest horizon in days. */
    public static final int MAX_HORIZON = 3_650;

    private PolicySimulator() {}

    /** The policy kinds. */
    public enum Kind { ORDER_UP_TO, MIN_MAX, REORDER_POINT_QUANTITY }

    /**
     * A simulation request (raw: 0 still means "default").
     *
     * @param kind the policy; empty when the request left it unset
     * @param orderUpToLevel S
     * @param reorderPoint s or r
     * @param orderQuantity Q
     * @param leadTimeDays L
     * @param reviewPeriodDays R; 0 means 1
     * @param horizonDays days to simulate; 0 means the path's or forecast's length
     * @param warmupDays days not counted
     * @param initialOnHand units on hand on day 0
     * @param demandPath a given demand path; empty for none
     * @param forecast a forecast to sample from
     * @param scenarios scenarios to sample; 0 means {@value #DEFAULT_SCENARIOS}
     * @param seed the sampling seed
     * @param holdingCostPerUnitDay h
     * @param shortagePenalty p
     * @param orderCost K
     * @param lostSales lost sales instead of backorders
     */
    public record Request(Optional<Kind> kind, double orderUpToLevel, double reorderPoint, double orderQuantity,
            int leadTimeDays, int reviewPeriodDays, int horizonDays, int warmupDays, double initialOnHand,
            double[] demandPath, Optional<DemandForecast> forecast, int scenarios, long seed,
            double holdingCostPerUnitDay, double shortagePenalty, double orderCost, boolean lostSales) {}

    /**
     * What the policy achieved, averaged per scenario over the counted days.
     *
     * @param fillRate units served on their day / units demanded (1 with no demand)
     * @param cycleServiceLevel share of counted review cycles without a stock-out day
     * @param stockoutDays days with unserved demand per scenario
     * @param averageOnHand average end-of-day units on hand
     * @param averageBackordered average end-of-day backorders
     * @param orders orders placed per scenario
     * @param holdingCost per scenario
     * @param shortageCost per scenario
     * @param orderingCost per scenario
     * @param scenarios scenarios run
     * @param fillRateStandardError the standard error of the fill rate across scenarios
     */
    public record Result(double fillRate, double cycleServiceLevel, double stockoutDays, double averageOnHand,
            double averageBackordered, double orders, double holdingCost, double shortageCost, double orderingCost,
            int scenarios, double fillRateStandardError) {
        public double totalCost() {
            return holdingCost + shortageCost + orderingCost;
        }
    }

    /** Checks the request, naming every bad field, and runs it. */
    public static Result simulate(Request r) {
        validate(r);
        int review = r.reviewPeriodDays() == 0 ? 1 : r.reviewPeriodDays();
        boolean path = r.demandPath().length > 0;
        int horizon = r.horizonDays() != 0 ? r.horizonDays()
                : path ? r.demandPath().length : r.forecast().get().days().size();
        int n = path ? 1 : (r.scenarios() == 0 ? DEFAULT_SCENARIOS : r.scenarios());
        DailyDemand[] days = null;
        if (!path) {
            var f = r.forecast().get();
            days = new DailyDemand[horizon];
            for (int d = 0; d < horizon; d++) {
                days[d] = f.dailyDemand(d);
            }
        }
        int counted = horizon - r.warmupDays();
        double demandSum = 0;
        double servedSum = 0;
        double fillSum = 0;
        double fillSquares = 0;
        long cycles = 0;
        long goodCycles = 0;
        double stockouts = 0;
        double onHandSum = 0;
        double backorderSum = 0;
        double orders = 0;
        double holding = 0;
        double shortage = 0;
        var demand = new double[horizon];
        var arriving = new double[horizon + r.leadTimeDays() + 1];
        for (int s = 0; s < n; s++) {
            if (path) {
                System.arraycopy(r.demandPath(), 0, demand, 0, horizon);
            } else {
                var random = new SplittableRandom(r.seed() * 0x9E3779B97F4A7C15L + s);
                for (int d = 0; d < horizon; d++) {
                    double u = random.nextDouble();
                    demand[d] = days[d].quantile(u > 0 ? u : Double.MIN_VALUE);
                }
            }
            java.util.Arrays.fill(arriving, 0);
            double net = r.initialOnHand();
            double pipeline = 0;
            double demanded = 0;
            double served = 0;
            boolean cycleShort = false;
            boolean cycleCounted = false;
            for (int t = 0; t < horizon; t++) {
                net += arriving[t];
                pipeline -= arriving[t];
                boolean counts = t >= r.warmupDays();
                if (t % review == 0) {
                    if (cycleCounted) {
                        cycles++;
                        goodCycles += cycleShort ? 0 : 1;
                    }
                    cycleCounted = counts && t + review <= horizon;
                    cycleShort = false;
                    double position = net + pipeline;
                    double q = order(r, position);
                    if (q > 0) {
                        if (counts) {
                            orders++;
                        }
                        if (r.leadTimeDays() == 0) {
                            net += q;
                        } else {
                            arriving[t + r.leadTimeDays()] += q;
                            pipeline += q;
                        }
                    }
                }
                double d = demand[t];
                double fromStock = Math.min(d, Math.max(net, 0));
                double unmet = d - fromStock;
                net = r.lostSales() ? Math.max(net, 0) - fromStock : net - d;
                if (unmet > 1e-12) {
                    cycleShort = true;
                }
                if (counts) {
                    demanded += d;
                    served += fromStock;
                    if (unmet > 1e-12) {
                        stockouts++;
                    }
                    onHandSum += Math.max(net, 0);
                    backorderSum += Math.max(-net, 0);
                    holding += r.holdingCostPerUnitDay() * Math.max(net, 0);
                    shortage += r.shortagePenalty() * unmet;
                }
            }
            if (cycleCounted) {
                cycles++;
                goodCycles += cycleShort ? 0 : 1;
            }
            double fill = demanded > 0 ? served / demanded : 1;
            fillSum += fill;
            fillSquares += fill * fill;
            demandSum += demanded;
            servedSum += served;
        }
        double meanFill = fillSum / n;
        double se = n > 1 ? Math.sqrt(Math.max(0, fillSquares / n - meanFill * meanFill) / (n - 1)) : 0;
        return new Result(demandSum > 0 ? servedSum / demandSum : 1, cycles > 0 ? goodCycles / (double) cycles : 1,
                stockouts / n, onHandSum / ((double) n * counted), backorderSum / ((double) n * counted), orders / n,
                holding / n, shortage / n, orders * r.orderCost() / n, n, se);
    }

    private static double order(Request r, double position) {
        return switch (r.kind().get()) {
            case ORDER_UP_TO -> Math.max(0, r.orderUpToLevel() - position);
            case MIN_MAX -> position <= r.reorderPoint() ? r.orderUpToLevel() - position : 0;
            case REORDER_POINT_QUANTITY -> position <= r.reorderPoint()
                    ? r.orderQuantity() * (Math.floor((r.reorderPoint() - position) / r.orderQuantity()) + 1) : 0;
        };
    }

    private static void validate(Request r) {
        var v = new Validator();
        if (r.kind().isEmpty()) {
            v.add("kind", "REQUIRED", "must name the policy");
        } else {
            var kind = r.kind().get();
            if (kind != Kind.REORDER_POINT_QUANTITY) {
                finiteAtLeastZero(v, "order_up_to_level", r.orderUpToLevel());
            }
            if (kind != Kind.ORDER_UP_TO && !Double.isFinite(r.reorderPoint())) {
                v.add("reorder_point", "NOT_FINITE", "must be a finite number");
            }
            if (kind == Kind.MIN_MAX && r.reorderPoint() > r.orderUpToLevel()) {
                v.add("reorder_point", "OUT_OF_RANGE", "must not exceed order_up_to_level");
            }
            if (kind == Kind.REORDER_POINT_QUANTITY && !(r.orderQuantity() > 0 && Double.isFinite(r.orderQuantity()))) {
                v.add("order_quantity", "OUT_OF_RANGE", "must be greater than 0, was " + r.orderQuantity());
            }
        }
        v.requireRange("lead_time_days", r.leadTimeDays(), 0, PlanRequestValidator.MAX_DAYS);
        v.requireRange("review_period_days", r.reviewPeriodDays(), 0, PlanRequestValidator.MAX_DAYS);
        v.requireRange("horizon_days", r.horizonDays(), 0, MAX_HORIZON);
        v.requireRange("scenarios", r.scenarios(), 0, MAX_SCENARIOS);
        finiteAtLeastZero(v, "initial_on_hand", r.initialOnHand());
        finiteAtLeastZero(v, "holding_cost_per_unit_day", r.holdingCostPerUnitDay());
        finiteAtLeastZero(v, "shortage_penalty", r.shortagePenalty());
        finiteAtLeastZero(v, "order_cost", r.orderCost());
        boolean path = r.demandPath().length > 0;
        int length = 0;
        if (path && r.forecast().isPresent()) {
            v.add("forecast", "CONFLICT", "must be unset when demand_path is given");
        } else if (path) {
            length = r.demandPath().length;
            if (length > MAX_HORIZON) {
                v.add("demand_path", "OUT_OF_RANGE", "must have at most " + MAX_HORIZON + " days");
            }
            for (int d = 0; d < length; d++) {
                if (!Double.isFinite(r.demandPath()[d]) || r.demandPath()[d] < 0) {
                    v.add("demand_path[" + d + "]", "OUT_OF_RANGE", "must be finite and at least 0");
                    break;
                }
            }
        } else if (r.forecast().isPresent()) {
            var f = r.forecast().get();
            length = f.days().size();
            if (length == 0) {
                v.add("forecast.days", "REQUIRED", "must list at least one day: the demand distribution is empty");
            }
            List<FieldViolation> problems = ForecastChecks.violations(f, 0);
            for (var p : problems.subList(0, Math.min(problems.size(), 20))) {
                v.add("forecast." + p.field(), p.reason(), p.description());
            }
        } else {
            v.add("demand_path", "REQUIRED", "give a demand path or a forecast to sample from");
        }
        int horizon = r.horizonDays() != 0 ? r.horizonDays() : length;
        if (length > 0 && r.horizonDays() > length) {
            v.add("horizon_days", "OUT_OF_RANGE", "must not exceed the " + length + " days of demand given");
        }
        if (r.warmupDays() < 0 || (horizon > 0 && r.warmupDays() >= horizon)) {
            v.add("warmup_days", "OUT_OF_RANGE", "must be 0 to horizon - 1 (" + (horizon - 1) + "), was " + r.warmupDays());
        }
        if (!v.isValid()) {
            throw new InvalidPlanRequest(v.violations());
        }
    }

    private static void finiteAtLeastZero(Validator v, String field, double value) {
        if (!Double.isFinite(value) || value < 0) {
            v.add(field, "OUT_OF_RANGE", "must be finite and at least 0, was " + value);
        }
    }
}
