package io.stockwise.cli.plan;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.ForecastModel;
import io.stockwise.forecast.core.ForecastPostProcessor;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.SegmentChampion;
import io.stockwise.forecast.core.TotalAggregator;
import io.stockwise.forecast.core.metrics.Segment;
import io.stockwise.forecast.core.model.Baselines;
import io.stockwise.forecast.core.neural.MqConfig;
import io.stockwise.forecast.core.neural.MqForecaster;
import io.stockwise.optimizer.domain.MonteCarloDemandSum;
import io.stockwise.optimizer.domain.ProtectionDemand;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The plan backtest behind {@code ./stockwise plan-eval}: at each origin, forecasts made from the
 * histories up to it, the optimizer's order-up-to policy (S a quantile of sampled
 * protection-interval demand, obsolete series ordering nothing) replayed over the actual demand of
 * the following days ({@link PlanBacktest}), beside two classical rules measured in the same run,
 * at their nominal level and scaled to hold the same stock as the product.
 *
 * <p>Calibration: per target and segment, the product's order-up-to level is the forecast's quantile
 * at a calibrated level times a calibrated factor plus a calibrated share of the series' typical
 * order, fitted on the cycles of earlier origins only
 * ({@link PlanBacktest#calibrate}): the first {@code calibrationOrigins} origins only fit them, the
 * others are evaluated with the fit of all origins before them. Obsolete series, which the optimizer
 * does not stock, are left out of the fit.
 */
public final class PlanEvaluation {
    /** What to run. */
    public record Options(List<Double> targets, int origins, int calibrationOrigins, int stepDays,
            PlanBacktest.Terms terms, boolean fullChampion, int samples, MqConfig network) {}

    /** The policies compared. */
    public enum Policy {
        PRODUCT("product (calibrated)"),
        PRODUCT_RAW("product (uncalibrated)"),
        NORMAL("normal 8 weeks"),
        NORMAL_EQUAL("normal 8 weeks, equal stock"),
        EMPIRICAL("empirical rolling sums"),
        EMPIRICAL_EQUAL("empirical rolling sums, equal stock");

        final String label;

        Policy(String label) {
            this.label = label;
        }
    }

    /** One series at one origin. */
    record Case(DemandSeries history, Segment segment, boolean obsolete, double[] actual, double unitPrice,
            ProtectionDemand[] demand, double typicalOrder) {}

    /** Tallies per target and policy, per evaluated origin. */
    public record Result(List<LocalDate> origins, Map<Double, Map<Policy, List<PlanBacktest.Tally>>> tallies,
            String forecaster) {}

    private PlanEvaluation() {}

    /** Runs the plan backtest on {@code data} (all series, as read from the file). */
    public static Result run(List<DemandSeries> data, Options o, PrintStream log) {
        var terms = o.terms();
        LocalDate end = data.stream().map(DemandSeries::lastDate).max(LocalDate::compareTo).orElseThrow();
        int total = o.origins() + o.calibrationOrigins();
        var origins = new ArrayList<LocalDate>();
        LocalDate last = end.minusDays(terms.windowDays());
        for (int i = total - 1; i >= 0; i--) {
            origins.add(last.minusDays((long) i * o.stepDays()));
        }
        var sums = new MonteCarloDemandSum(o.samples(), MonteCarloDemandSum.DEFAULT_SEED);
        var ratios = new LinkedHashMap<Double, Map<Segment, List<double[]>>>();
        for (double t : o.targets()) {
            var m = new EnumMap<Segment, List<double[]>>(Segment.class);
            for (var s : Segment.values()) {
                m.put(s, new ArrayList<>());
            }
            ratios.put(t, m);
        }
        var tallies = new LinkedHashMap<Double, Map<Policy, List<PlanBacktest.Tally>>>();
        for (double t : o.targets()) {
            var m = new EnumMap<Policy, List<PlanBacktest.Tally>>(Policy.class);
            for (var p : Policy.values()) {
                m.put(p, new ArrayList<>());
            }
            tallies.put(t, m);
        }
        String forecaster = o.fullChampion() ? "full champion (baselines + mq_mlp network, retrained per origin)"
                : "fast champion (baselines only, chosen per segment by backtest at each origin)";
        var evaluated = new ArrayList<LocalDate>();
        for (int k = 0; k < origins.size(); k++) {
            var origin = origins.get(k);
            long t0 = System.nanoTime();
            var cases = cases(data, origin, o, sums);
            boolean evaluate = k >= o.calibrationOrigins();
            if (evaluate) {
                evaluated.add(origin);
                for (double target : o.targets()) {
                    evaluate(cases, target, ratios.get(target), o, tallies.get(target), log);
                }
            }
            // Then this origin's cycles join the calibration data of the later origins.
            for (var c : cases) {
                if (c.obsolete()) {
                    continue;
                }
                for (int r = 0; r < c.demand().length; r++) {
                    double actual = PlanBacktest.protectionActual(c.actual(), r, terms);
                    for (double target : o.targets()) {
                        var levels = PlanBacktest.calibrationLevels(target);
                        var row = new double[levels.length + 2];
                        row[0] = actual;
                        row[1] = c.typicalOrder();
                        for (int j = 0; j < levels.length; j++) {
                            row[2 + j] = c.demand()[r].quantile(levels[j]);
                        }
                        ratios.get(target).get(c.segment()).add(row);
                    }
                }
            }
            log.printf(Locale.ROOT, "origin %s: %,d series%s (%.1f s)%n", origin, cases.size(),
                    evaluate ? "" : ", calibration only", (System.nanoTime() - t0) / 1e9);
        }
        return new Result(evaluated, tallies, forecaster);
    }

    private static List<Case> cases(List<DemandSeries> data, LocalDate origin, Options o, MonteCarloDemandSum sums) {
        var terms = o.terms();
        var histories = new ArrayList<DemandSeries>();
        var actuals = new ArrayList<double[]>();
        for (var s : data) {
            if (s.firstDate().isAfter(origin)) {
                continue;
            }
            var h = s.endingOn(origin);
            if (h.firstSaleIndex() >= h.length()) {
                continue;
            }
            histories.add(h);
            actuals.add(after(s, origin, terms.windowDays()));
        }
        var forecasts = forecaster(o).apply(histories);
        var pp = ForecastPostProcessor.standard();
        var out = new ArrayList<Case>(histories.size());
        var demand = new ProtectionDemand[histories.size()][];
        java.util.stream.IntStream.range(0, histories.size()).parallel()
                .forEach(i -> demand[i] = PlanBacktest.protectionDemand(forecasts.get(i), terms, sums));
        for (int i = 0; i < histories.size(); i++) {
            var h = histories.get(i);
            out.add(new Case(h, Segment.of(h), pp.obsolete(h).isPresent(), actuals.get(i), unitPrice(h), demand[i],
                    PlanBacktest.typicalOrder(h)));
        }
        return out;
    }

    private static Function<List<DemandSeries>, List<QuantileForecast>> forecaster(Options o) {
        return histories -> {
            var models = new ArrayList<ForecastModel>(Baselines.all());
            if (o.fullChampion()) {
                models.add(new MqForecaster(o.network()));
            }
            var champion = new SegmentChampion(models, o.fullChampion(), new TotalAggregator());
            return champion.fitAndForecast(histories, o.terms().windowDays());
        };
    }

    /** Largest calibration factor applied. */
    static final double MAX_FACTOR = 10;

    private static void evaluate(List<Case> cases, double target, Map<Segment, List<double[]>> past, Options o,
            Map<Policy, List<PlanBacktest.Tally>> out, PrintStream log) {
        var terms = o.terms();
        var fit = new EnumMap<Segment, double[]>(Segment.class);
        var text = new StringBuilder();
        for (var s : Segment.values()) {
            var f = PlanBacktest.calibrate(past.get(s), PlanBacktest.calibrationLevels(target), target);
            // Never past the cap: a factor that large means the forecasts say little about this segment.
            fit.put(s, new double[] {f[0], Math.min(MAX_FACTOR, f[1]), f[2]});
            text.append(String.format(Locale.ROOT, " %s level %.4f x %.3f + %.2f orders", s, f[0], f[1], f[2]));
        }
        log.printf(Locale.ROOT, "  target %.2f: calibration%s%n", target, text);
        int n = cases.size();
        var product = new double[n][];
        var raw = new double[n][];
        var normal = new double[n];
        var empirical = new double[n];
        for (int i = 0; i < n; i++) {
            var c = cases.get(i);
            int reviews = c.demand().length;
            product[i] = new double[reviews];
            raw[i] = new double[reviews];
            for (int r = 0; r < reviews; r++) {
                // The optimizer orders nothing for an obsolete series.
                raw[i][r] = c.obsolete() ? 0 : c.demand()[r].quantile(target);
                var f = fit.get(c.segment());
                product[i][r] = c.obsolete() ? 0 : f[1] * c.demand()[r].quantile(f[0]) + f[2] * c.typicalOrder();
            }
            normal[i] = PlanBacktest.normalLevel(c.history(), terms, target);
            empirical[i] = PlanBacktest.empiricalLevel(c.history(), terms, target);
        }
        var productTally = tally(cases, i -> product[i], terms);
        out.get(Policy.PRODUCT).add(productTally);
        out.get(Policy.PRODUCT_RAW).add(tally(cases, i -> raw[i], terms));
        out.get(Policy.NORMAL).add(tally(cases, i -> new double[] {normal[i]}, terms));
        out.get(Policy.EMPIRICAL).add(tally(cases, i -> new double[] {empirical[i]}, terms));
        out.get(Policy.NORMAL_EQUAL).add(equalStock(cases, normal, productTally.onHandDays(), terms));
        out.get(Policy.EMPIRICAL_EQUAL).add(equalStock(cases, empirical, productTally.onHandDays(), terms));
    }

    /** The reference with every S scaled by the factor that holds the product's stock (bisection). */
    private static PlanBacktest.Tally equalStock(List<Case> cases, double[] levels, double stock,
            PlanBacktest.Terms terms) {
        double lo = 0;
        double hi = 1;
        while (hi < 64 && scaled(cases, levels, hi, terms).onHandDays() < stock) {
            lo = hi;
            hi *= 2;
        }
        for (int it = 0; it < 30; it++) {
            double mid = (lo + hi) / 2;
            if (tally(cases, i -> new double[] {mid * levels[i]}, terms).onHandDays() < stock) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double k = (lo + hi) / 2;
        return tally(cases, i -> new double[] {k * levels[i]}, terms);
    }

    private static PlanBacktest.Tally scaled(List<Case> cases, double[] levels, double k, PlanBacktest.Terms terms) {
        return tally(cases, i -> new double[] {k * levels[i]}, terms);
    }

    private static PlanBacktest.Tally tally(List<Case> cases, java.util.function.IntFunction<double[]> levels,
            PlanBacktest.Terms terms) {
        var t = new PlanBacktest.Tally();
        for (int i = 0; i < cases.size(); i++) {
            var c = cases.get(i);
            t.add(c.segment(), PlanBacktest.replay(levels.apply(i), c.actual(), terms), 0.25 / 365 * c.unitPrice());
        }
        return t;
    }

    private static double[] after(DemandSeries s, LocalDate origin, int days) {
        var out = new double[days];
        long from = origin.toEpochDay() + 1 - s.firstDate().toEpochDay();
        var y = s.demand();
        for (int d = 0; d < days; d++) {
            long i = from + d;
            out[d] = i >= 0 && i < y.length ? y[(int) i] : 0;
        }
        return out;
    }

    /** Quantity-weighted average unit price over the history (1 when unknown). */
    static double unitPrice(DemandSeries h) {
        if (h.price() == null) {
            return 1;
        }
        double value = 0;
        double units = 0;
        for (int i = 0; i < h.length(); i++) {
            value += h.price()[i] * h.demand()[i];
            units += h.demand()[i];
        }
        return units > 0 && value > 0 ? value / units : 1;
    }

    /** Prints the result: per target, each policy's realised figures overall and per segment. */
    public static void print(Result r, Options o, PrintStream out) {
        var terms = o.terms();
        out.printf(Locale.ROOT, "plan backtest: %d origins %s .. %s every %d days (after %d calibration origins), "
                + "L = %d, R = %d, %d-day windows, %s%n", r.origins().size(), r.origins().get(0),
                r.origins().get(r.origins().size() - 1), o.stepDays(), o.calibrationOrigins(), terms.leadTimeDays(),
                terms.reviewPeriodDays(), terms.windowDays(), terms.lostSales() ? "lost sales" : "backorders");
        out.println("forecasts: " + r.forecaster());
        for (var e : r.tallies().entrySet()) {
            double target = e.getKey();
            out.println();
            out.printf(Locale.ROOT, "target cycle service level %.2f%n", target);
            out.printf(Locale.ROOT, "%-38s %-12s %7s %7s %7s %7s %10s %12s %12s%n", "policy", "segment", "cycles",
                    "CSL", "CSLsd", "fill", "on hand", "ordered", "holding");
            for (var p : Policy.values()) {
                var list = e.getValue().get(p);
                for (var seg : segmentsAndAll()) {
                    var per = list.stream().map(t -> seg == null ? t.all() : t.segment(seg)).toList();
                    double[] csl = per.stream().mapToDouble(PlanBacktest.Outcome::cycleServiceLevel).toArray();
                    double meanCsl = java.util.Arrays.stream(csl).filter(Double::isFinite).average().orElse(Double.NaN);
                    double sd = sd(csl, meanCsl);
                    var sum = per.stream().reduce(PlanBacktest.Outcome.ZERO, PlanBacktest.Outcome::plus);
                    double holding = seg == null ? list.stream().mapToDouble(PlanBacktest.Tally::holdingCost).sum() : Double.NaN;
                    out.printf(Locale.ROOT, "%-38s %-12s %7d %7.4f %7.4f %7.4f %10.2f %12.0f %12s%n", p.label,
                            seg == null ? "ALL" : seg.name(), sum.cycles(), meanCsl, sd, sum.fillRate(), sum.averageOnHand(),
                            sum.ordered(), Double.isNaN(holding) ? "" : String.format(Locale.ROOT, "%.0f", holding));
                }
            }
        }
        out.println();
        out.println("CSL: realised cycle service level averaged over origins (CSLsd its spread across origins); fill: units");
        out.println("served from stock / demanded; on hand: average units per series-day; ordered: units over all origins;");
        out.println("holding: 25%/year of the average unit price on the stock held, over all origins.");
    }

    private static Segment[] segmentsAndAll() {
        var out = new Segment[Segment.values().length + 1];
        System.arraycopy(Segment.values(), 0, out, 1, Segment.values().length);
        return out;
    }

    private static double sd(double[] v, double mean) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                s += (x - mean) * (x - mean);
                n++;
            }
        }
        return n > 1 ? Math.sqrt(s / (n - 1)) : 0;
    }
}
