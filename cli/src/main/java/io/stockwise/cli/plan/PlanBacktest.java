package io.stockwise.cli.plan;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.Quantiles;
import io.stockwise.forecast.core.metrics.Segment;
import io.stockwise.optimizer.domain.DailyDemand;
import io.stockwise.optimizer.domain.LeadTime;
import io.stockwise.optimizer.domain.MonteCarloDemandSum;
import io.stockwise.optimizer.domain.ProtectionDemand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Replays replenishment policies over actual demand: the plan backtest.
 *
 * <p>At one origin every series starts with its policy's first order-up-to level on hand and
 * nothing on order. On review days (day 0, R, 2R, … of the window) the inventory position (net
 * stock plus orders in transit) is raised to that review's order-up-to level S with an order of
 * whole units that arrives L days later, before that day's demand. Each day's actual demand is
 * served from stock on hand; what cannot be served is backordered (served first from the next
 * arrival) or, with lost sales, lost.
 *
 * <p>Measured per series and origin, on the days from L on (before day L the starting stock, not
 * the policy, serves): units demanded and served (fill rate), stock on hand at the end of each day
 * (average on hand), units ordered, and the cycles: the order placed on review day t protects the
 * R days from t + L, and its cycle is served when no unit is short at the end of them (backorders:
 * net stock at the end of day t + L + R − 1 is not negative; lost sales: no unit lost in those
 * days), counted for every review whose cycle ends inside the window.
 */
public final class PlanBacktest {
    /** Terms of the replay. */
    public record Terms(int leadTimeDays, int reviewPeriodDays, int windowDays, boolean lostSales) {
        public Terms {
            if (leadTimeDays < 0 || reviewPeriodDays < 1 || windowDays < leadTimeDays + reviewPeriodDays) {
                throw new IllegalArgumentException("need L >= 0, R >= 1 and a window of at least L + R days");
            }
        }

        /** The review days whose cycle ends inside the window. */
        public int reviews() {
            return (windowDays - leadTimeDays - reviewPeriodDays) / reviewPeriodDays + 1;
        }

        /** L + R. */
        public int protectionDays() {
            return leadTimeDays + reviewPeriodDays;
        }
    }

    /** What one policy did to one series over one window. */
    public record Outcome(double demanded, double served, double onHandDays, int measuredDays, double ordered,
            int cycles, int cyclesServed) {
        static final Outcome ZERO = new Outcome(0, 0, 0, 0, 0, 0, 0);

        Outcome plus(Outcome o) {
            return new Outcome(demanded + o.demanded, served + o.served, onHandDays + o.onHandDays,
                    measuredDays + o.measuredDays, ordered + o.ordered, cycles + o.cycles, cyclesServed + o.cyclesServed);
        }

        /** Realised cycle service level. */
        public double cycleServiceLevel() {
            return cycles == 0 ? Double.NaN : cyclesServed / (double) cycles;
        }

        /** Realised fill rate (1 without demand). */
        public double fillRate() {
            return demanded <= 0 ? 1 : served / demanded;
        }

        /** Average units on hand per series-day. */
        public double averageOnHand() {
            return measuredDays == 0 ? 0 : onHandDays / measuredDays;
        }
    }

    /** Outcomes summed per segment (and over all). */
    public static final class Tally {
        private final Map<Segment, Outcome> bySegment = new EnumMap<>(Segment.class);
        private Outcome all = Outcome.ZERO;
        private double holdingCost;

        void add(Segment s, Outcome o, double holdingPerUnitDay) {
            bySegment.merge(s, o, Outcome::plus);
            all = all.plus(o);
            holdingCost += o.onHandDays() * holdingPerUnitDay;
        }

        /** Everything. */
        public Outcome all() {
            return all;
        }

        /** One segment (zero when it had no series). */
        public Outcome segment(Segment s) {
            return bySegment.getOrDefault(s, Outcome.ZERO);
        }

        /** Holding cost of the stock on hand over the measured days, in the data's currency. */
        public double holdingCost() {
            return holdingCost;
        }

        /** Total stock on hand over the measured days (unit-days). */
        public double onHandDays() {
            return all.onHandDays();
        }
    }

    private PlanBacktest() {}

    /**
     * Replays order-up-to levels {@code levels[r]} (one per review, the last repeated when shorter)
     * over {@code actual} daily demand.
     */
    public static Outcome replay(double[] levels, double[] actual, Terms terms) {
        int window = terms.windowDays();
        int lead = terms.leadTimeDays();
        int review = terms.reviewPeriodDays();
        if (actual.length < window) {
            throw new IllegalArgumentException("need " + window + " days of actual demand, got " + actual.length);
        }
        var arriving = new double[window + lead + 1];
        double net = Math.max(0, levels[0]);
        double inTransit = 0;
        double demanded = 0;
        double served = 0;
        double onHandDays = 0;
        double ordered = 0;
        int cycles = 0;
        int cyclesServed = 0;
        int reviews = terms.reviews();
        var lostInCycle = new boolean[reviews];
        var netAtCycleEnd = new double[reviews];
        for (int d = 0; d < window; d++) {
            net += arriving[d];
            inTransit -= arriving[d];
            if (d % review == 0) {
                double s = levels[Math.min(levels.length - 1, d / review)];
                double q = Math.max(0, Math.ceil(s - (net + inTransit) - 1e-9));
                if (q > 0) {
                    ordered += q;
                    if (lead == 0) {
                        net += q;
                    } else {
                        arriving[d + lead] += q;
                        inTransit += q;
                    }
                }
            }
            double x = actual[d];
            double fromStock = Math.min(Math.max(net, 0), x);
            net = terms.lostSales() ? net - fromStock : net - x;
            if (d >= lead) {
                demanded += x;
                served += fromStock;
                onHandDays += Math.max(net, 0);
                // The cycle of review t covers days [t + L, t + L + R).
                int t = (d - lead) / review;
                if (t < reviews) {
                    if (fromStock < x) {
                        lostInCycle[t] = true;
                    }
                    netAtCycleEnd[t] = net;
                }
            }
        }
        for (int t = 0; t < reviews; t++) {
            cycles++;
            boolean ok = terms.lostSales() ? !lostInCycle[t] : netAtCycleEnd[t] >= -1e-9;
            if (ok) {
                cyclesServed++;
            }
        }
        return new Outcome(demanded, served, onHandDays, Math.max(0, window - lead), ordered, cycles, cyclesServed);
    }

    /**
     * The protection-interval demand of each review of {@code forecast}: the sum of the forecast days
     * {@code t … t + L + R − 1} sampled as the optimizer samples it (independent days, each
     * distributed as its quantiles say).
     */
    public static ProtectionDemand[] protectionDemand(QuantileForecast forecast, Terms terms, MonteCarloDemandSum sums) {
        int reviews = terms.reviews();
        var out = new ProtectionDemand[reviews];
        var levels = Quantiles.levels();
        for (int r = 0; r < reviews; r++) {
            int t = r * terms.reviewPeriodDays();
            var days = new ArrayList<DailyDemand>(terms.protectionDays());
            for (int d = t; d < t + terms.protectionDays(); d++) {
                days.add(DailyDemand.fromQuantiles(levels, forecast.quantiles()[d], forecast.mean()[d]));
            }
            out[r] = sums.scenarios(days, LeadTime.fixed(terms.leadTimeDays()), terms.reviewPeriodDays());
        }
        return out;
    }

    /** The sum of {@code actual} over review {@code r}'s protection interval. */
    public static double protectionActual(double[] actual, int r, Terms terms) {
        double s = 0;
        int t = r * terms.reviewPeriodDays();
        for (int d = t; d < t + terms.protectionDays(); d++) {
            s += actual[d];
        }
        return s;
    }

    /**
     * How far actual protection-interval demand went past an order-up-to level: {@code actual / level},
     * 0 when both are 0 and infinite when demand met a level of 0. A cycle with level {@code c × level}
     * covers the actual demand exactly when this ratio is at most {@code c}.
     */
    public static double ratio(double actualSum, double level) {
        if (actualSum <= 0) {
            return 0;
        }
        if (level > 0) {
            return actualSum / level;
        }
        return actualSum > 0 ? Double.POSITIVE_INFINITY : 0;
    }

    /**
     * The classical normal rule: S = μ (L + R) + z σ √(L + R), with μ and σ the mean and standard
     * deviation of daily demand over the last 8 weeks of history.
     */
    public static double normalLevel(DemandSeries history, Terms terms, double level) {
        var y = history.demand();
        int from = Math.max(0, y.length - 56);
        int n = y.length - from;
        if (n == 0) {
            return 0;
        }
        double mean = 0;
        for (int i = from; i < y.length; i++) {
            mean += y[i];
        }
        mean /= n;
        double var = 0;
        for (int i = from; i < y.length; i++) {
            var += (y[i] - mean) * (y[i] - mean);
        }
        double sd = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
        int p = terms.protectionDays();
        return Math.max(0, mean * p + io.stockwise.forecast.core.Normal.inverse(level) * sd * Math.sqrt(p));
    }

    /**
     * The classical empirical rule: S = the {@code level} quantile (type 7) of the rolling
     * (L + R)-day demand sums over the last year of history (all of it when shorter).
     */
    public static double empiricalLevel(DemandSeries history, Terms terms, double level) {
        var y = history.demand();
        int p = terms.protectionDays();
        int from = Math.max(0, y.length - 365);
        int first = Math.max(from, history.firstSaleIndex());
        if (y.length - first < p) {
            first = Math.max(0, y.length - p);
        }
        int count = y.length - first - p + 1;
        if (count <= 0) {
            return 0;
        }
        var sums = new double[count];
        double s = 0;
        for (int i = first; i < first + p; i++) {
            s += y[i];
        }
        sums[0] = s;
        for (int k = 1; k < count; k++) {
            s += y[first + p - 1 + k] - y[first + k - 1];
            sums[k] = s;
        }
        Arrays.sort(sums);
        return Quantiles.empirical(sums, level);
    }

    /**
     * The calibration of a target cycle service level α: the factor {@code c} on an order-up-to
     * level that covered a share α of past cycles, i.e. the α quantile of their
     * {@linkplain #ratio ratios} (the {@code ceil(α n)}-th smallest); infinite when no factor does.
     * With no past cycles it is 1.
     */
    public static double calibrationFactor(double[] sortedRatios, double target) {
        if (sortedRatios.length == 0) {
            return 1;
        }
        int k = (int) Math.ceil(target * sortedRatios.length) - 1;
        k = Math.max(0, Math.min(sortedRatios.length - 1, k));
        return sortedRatios[k];
    }

    /** The quantile levels a calibration may move a target to: the target and the grid above it. */
    public static double[] calibrationLevels(double target) {
        var grid = new double[] {0.8, 0.85, 0.9, 0.925, 0.95, 0.965, 0.975, 0.985, 0.99, 0.995, 0.998, 0.999, 0.9995};
        var out = new java.util.ArrayList<Double>();
        out.add(target);
        for (double g : grid) {
            if (g > target + 1e-9) {
                out.add(g);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The multiples of a series' typical order a calibration may add to its order-up-to level. */
    static final double[] ADDED_ORDERS = {0, 0.25, 0.5, 1, 1.5, 2, 3};

    /**
     * A calibration fitted on past cycles: order-up-to level {@code c × Q(a) + b × m}, with
     * {@code Q(a)} the forecast's protection-interval quantile at level {@code a}, a factor {@code c},
     * and {@code b} times the series' typical order {@code m} (its median positive daily demand).
     * Each row of {@code past} is one cycle: its actual protection-interval demand, {@code m}, then
     * {@code Q} at each of {@code levels}. For every level and every {@code b} of {@link #ADDED_ORDERS}
     * the factor that covers a share α of the rows is found ({@link #calibrationFactor} on
     * {@code (actual − b m) / Q}); the triple holding the least stock (the sum of the order-up-to
     * levels over the rows) wins. So a forecast whose tail is too thin moves up the levels, one whose
     * scale is off is scaled, one that puts no mass where lumpy demand still comes keeps part of a
     * typical order, and one already calibrated keeps its target, a factor near 1 and nothing added.
     *
     * @return {@code {level, factor, orders}}; {@code {target, 1, 0}} without past cycles, a factor
     *     of infinity when nothing covers α
     */
    public static double[] calibrate(List<double[]> past, double[] levels, double target) {
        if (past.isEmpty()) {
            return new double[] {target, 1, 0};
        }
        double bestCost = Double.POSITIVE_INFINITY;
        double[] best = {levels[levels.length - 1], Double.POSITIVE_INFINITY, ADDED_ORDERS[ADDED_ORDERS.length - 1]};
        var ratios = new double[past.size()];
        double orders = 0;
        for (var row : past) {
            orders += row[1];
        }
        for (double add : ADDED_ORDERS) {
            for (int j = 0; j < levels.length; j++) {
                double stock = 0;
                for (int i = 0; i < ratios.length; i++) {
                    var row = past.get(i);
                    ratios[i] = ratio(row[0] - add * row[1], row[2 + j]);
                    stock += row[2 + j];
                }
                Arrays.sort(ratios);
                double c = calibrationFactor(ratios, target);
                double cost = c * stock + add * orders;
                if (Double.isFinite(c) && cost < bestCost) {
                    bestCost = cost;
                    best = new double[] {levels[j], c, add};
                }
            }
        }
        return best;
    }

    /** A series' typical order: the median of its positive daily demands over the last year (1 when none). */
    public static double typicalOrder(DemandSeries history) {
        var y = history.demand();
        var positive = new java.util.ArrayList<Double>();
        for (int i = Math.max(0, y.length - 365); i < y.length; i++) {
            if (y[i] > 0) {
                positive.add(y[i]);
            }
        }
        if (positive.isEmpty()) {
            return 1;
        }
        var a = positive.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return Quantiles.empirical(a, 0.5);
    }
}
