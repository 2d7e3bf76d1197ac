package io.stockwise.forecast.core.ensemble;

import io.stockwise.forecast.core.ForecastPostProcessor;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.Quantiles;
import io.stockwise.forecast.core.TotalAggregator;
import io.stockwise.forecast.core.metrics.Metrics;
import io.stockwise.forecast.core.metrics.Segment;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the champion on scored origins (all before the origin it will forecast from):
 *
 * <ol>
 *   <li><b>Per segment, a weighted quantile average</b> grown greedily (Caruana et al. 2004's
 *       ensemble selection with replacement): start with the best single model, then up to
 *       {@value #ROUNDS} times add the model (possibly one already in) that most lowers the
 *       segment's objective, stopping as soon as no addition lowers it strictly; a model's weight is
 *       the share of rounds it was added in (so weights are multiples of 1/{@value #ROUNDS}).
 *       The objective of an ensemble in a segment is, averaged over the origins, the sum of four
 *       ratios to the best single model's value there: its revenue-weighted RMSSE and scaled
 *       pinball loss over the segment's series, and the RMSSE and scaled pinball loss of the
 *       segment's total (its mean the sum of the means, its quantiles {@link #normalTotal}'s):
 *       point and quantile accuracy, series and aggregate level count equally, as in M5.
 *       A segment without a scorable series at any origin gets the ensemble chosen on all series.
 *   <li><b>Whole assemblies and reconciliation</b>: the assembled per-segment ensembles, and each
 *       of the {@value #SINGLES} best single models (by the same objective over all series)
 *       serving every segment, each reconciled by every {@link Reconciliation} method and
 *       post-processed as served ({@link ForecastPostProcessor}) with each of its mean rules (the
 *       model's mean carried and the quantiles scaled to it, or the quantiles' implied mean), are
 *       scored with the total level included (M5 WRMSSE and WSPL, the total's quantiles by
 *       {@link #normalTotal}; each divided by the best candidate's at
 *       that origin, summed and averaged over the origins); the lowest wins. The segments are
 *       chosen on series errors alone; this step keeps an assembly only if it also wins with the
 *       total level counted.
 * </ol>
 * Ties go to the candidate listed first: models in the order given; assemblies with the
 * ensembles first, then the single models by rank; reconciliation methods in
 * {@link Reconciliation#methods}' order (bottom-up first); the carried mean before the implied.
 * Deterministic for the same input.
 */
public final class ChampionSelector {
    /** Most rounds of the greedy ensemble selection. */
    public static final int ROUNDS = 4;
    /** Best single models compared, whole, with the per-segment ensembles. */
    static final int SINGLES = 2;
    private static final double EPS = 1e-12;

    /**
     * The choice and what it measured.
     *
     * @param objectives per segment the objective of the chosen ensemble (NaN when a single model won whole)
     * @param reconciliationScores per {@code assembly/method/mean rule} the mean over origins of {@code [WRMSSE, WSPL]}
     */
    public record Result(Selection selection, Map<Segment, Double> objectives, Map<String, double[]> reconciliationScores) {}

    private ChampionSelector() {}

    /**
     * Chooses among {@code models} (those with forecasts at every run) on scored {@code runs}.
     *
     * @param aggregator unused (totals are scored with {@link #normalTotal} while choosing); kept for callers
     */
    public static Result select(List<OriginRun> runs, List<String> models, TotalAggregator aggregator) {
        return select(runs, models, aggregator, ROUNDS);
    }

    /** Like {@link #select(List, List, TotalAggregator)} with at most {@code rounds} rounds (1: single models only). */
    public static Result select(List<OriginRun> runs, List<String> models, TotalAggregator aggregator, int rounds) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no origin to choose on");
        }
        for (var r : runs) {
            if (!r.scored()) {
                throw new IllegalArgumentException("origin " + r.origin() + " has no actuals to choose on");
            }
        }
        var usable = models.stream().filter(m -> runs.stream().allMatch(r -> r.forecasts().containsKey(m))).toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no model has forecasts at every origin");
        }
        var prepared = runs.stream().filter(r -> !r.histories().isEmpty()).map(Prepared::new).toList();
        if (prepared.isEmpty()) {
            throw new IllegalArgumentException("no series at any origin to choose on");
        }
        var weights = new EnumMap<Segment, Map<String, Double>>(Segment.class);
        var objectives = new EnumMap<Segment, Double>(Segment.class);
        Map<String, Double> pooled = null;
        double pooledObjective = Double.NaN;
        for (var seg : Segment.values()) {
            var g = greedy(prepared, seg, usable, rounds);
            if (g == null) {
                if (pooled == null) {
                    var all = greedy(prepared, null, usable, rounds);
                    pooled = all == null ? Map.of(usable.get(0), 1.0) : all.weights;
                    pooledObjective = all == null ? Double.NaN : all.objective;
                }
                weights.put(seg, pooled);
                objectives.put(seg, pooledObjective);
            } else {
                weights.put(seg, g.weights);
                objectives.put(seg, g.objective);
            }
        }
        var totals = runs.stream().map(r -> r.directTotals().keySet()).reduce((a, b) -> {
            var c = new java.util.LinkedHashSet<>(a);
            c.retainAll(b);
            return c;
        }).orElse(java.util.Set.of());
        var methods = Reconciliation.methods(totals);
        // Whole assemblies compared with the total level included: the per-segment ensembles, then
        // the SINGLES best single models (by their objective on all series) serving every segment.
        var assemblies = new LinkedHashMap<String, Map<Segment, Map<String, Double>>>();
        assemblies.put("ensemble", weights);
        var allNorm = norms(prepared, null, usable);
        var ranked = new ArrayList<>(usable);
        var pooledObjectives = new LinkedHashMap<String, Double>();
        for (var m : usable) {
            pooledObjectives.put(m, objective(prepared, allNorm, null, Map.of(m, 1.0)));
        }
        ranked.sort(java.util.Comparator.comparingDouble(pooledObjectives::get));
        for (var m : ranked.subList(0, Math.min(SINGLES, ranked.size()))) {
            var single = new EnumMap<Segment, Map<String, Double>>(Segment.class);
            for (var seg : Segment.values()) {
                single.put(seg, Map.of(m, 1.0));
            }
            if (!single.equals(weights)) {
                assemblies.put(m, single);
            }
        }
        var perRun = new ArrayList<Map<String, double[]>>();
        for (var p : prepared) {
            var byCandidate = new LinkedHashMap<String, double[]>();
            for (var a : assemblies.entrySet()) {
                var assembled = new Selection(a.getValue(), Reconciliation.BOTTOM_UP).assemble(p.segments, p.run.forecasts());
                for (var method : methods) {
                    var total = Reconciliation.totalModel(method);
                    var f = Reconciliation.apply(assembled,
                            Reconciliation.factors(method, assembled, total == null ? null : p.run.directTotals().get(total)));
                    // Scored as served: after the post-processor, with each mean rule.
                    for (var rule : ForecastPostProcessor.MeanRule.values()) {
                        var g = Selection.postProcessor(rule).apply(p.run.histories(), f, p.calendar);
                        var s = Metrics.score(p.run.histories(), g, normalTotal(g, p.rho), p.run.actuals());
                        byCandidate.put(a.getKey() + "/" + method + "/" + rule, new double[] {s.wrmsse(), s.wspl()});
                    }
                }
            }
            perRun.add(byCandidate);
        }
        var scores = new LinkedHashMap<String, double[]>();
        String best = null;
        double bestObjective = Double.POSITIVE_INFINITY;
        for (var candidate : perRun.get(0).keySet()) {
            double obj = 0;
            var mean = new double[2];
            for (var byCandidate : perRun) {
                double minR = byCandidate.values().stream().mapToDouble(v -> v[0]).min().orElse(1);
                double minS = byCandidate.values().stream().mapToDouble(v -> v[1]).min().orElse(1);
                var v = byCandidate.get(candidate);
                obj += v[0] / Math.max(minR, EPS) + v[1] / Math.max(minS, EPS);
                mean[0] += v[0] / perRun.size();
                mean[1] += v[1] / perRun.size();
            }
            scores.put(candidate, mean);
            if (obj < bestObjective - EPS) {
                bestObjective = obj;
                best = candidate;
            }
        }
        var parts = best.split("/");
        var chosen = assemblies.get(parts[0]);
        if (chosen != weights) {
            for (var seg : Segment.values()) {
                objectives.put(seg, Double.NaN);
            }
        }
        return new Result(new Selection(chosen, parts[1], ForecastPostProcessor.MeanRule.valueOf(parts[2])), objectives,
                scores);
    }

    /** Interval widths around each level (midpoints between levels, 0 and 1 at the ends): the weights of a quantile's mass. */
    private static final double[] MASS = mass();

    /** The standard normal quantiles of the levels. */
    private static final double[] Z = java.util.Arrays.stream(Quantiles.levels()).map(io.stockwise.forecast.core.Normal::inverse)
            .toArray();

    private static double[] mass() {
        var levels = Quantiles.levels();
        var w = new double[levels.length];
        for (int j = 0; j < levels.length; j++) {
            double lo = j == 0 ? 0 : (levels[j - 1] + levels[j]) / 2;
            double hi = j == levels.length - 1 ? 1 : (levels[j] + levels[j + 1]) / 2;
            w[j] = hi - lo;
        }
        return w;
    }

    /**
     * A fast stand-in for {@link TotalAggregator} while choosing: the total's mean is the sum of
     * the means (exact); its quantiles are normal, clamped at 0, with the variance of the sum of
     * the series under the same equal correlation {@code rho} (each series' variance from its
     * quantiles). Every candidate is scored the same way, so the comparison is fair; reports score
     * with the sampled aggregator.
     */
    static QuantileForecast normalTotal(List<QuantileForecast> f, double rho) {
        int horizon = f.get(0).horizon();
        var mean = new double[horizon];
        var q = new double[horizon][Quantiles.COUNT];
        var levels = Quantiles.levels();
        for (int h = 0; h < horizon; h++) {
            double sumVar = 0;
            double sumSd = 0;
            for (var fi : f) {
                mean[h] += fi.mean()[h];
                double mq = 0;
                for (int j = 0; j < Quantiles.COUNT; j++) {
                    mq += MASS[j] * fi.quantile(h, j);
                }
                double v = 0;
                for (int j = 0; j < Quantiles.COUNT; j++) {
                    double d = fi.quantile(h, j) - mq;
                    v += MASS[j] * d * d;
                }
                sumVar += v;
                sumSd += Math.sqrt(v);
            }
            double sd = Math.sqrt(Math.max(0, sumVar + rho * (sumSd * sumSd - sumVar)));
            for (int j = 0; j < Quantiles.COUNT; j++) {
                q[h][j] = Math.max(0, mean[h] + sd * io.stockwise.forecast.core.Normal.inverse(levels[j]));
            }
        }
        return new QuantileForecast(io.stockwise.forecast.core.TotalAggregator.TOTAL_ID, f.get(0).firstDate(), mean, q);
    }

    private static List<double[]> norms(List<Prepared> prepared, Segment seg, List<String> models) {
        var norm = new ArrayList<double[]>();
        for (var p : prepared) {
            double[] min = null;
            for (var m : models) {
                var e = p.error(seg, Map.of(m, 1.0));
                if (e == null) {
                    continue;
                }
                if (min == null) {
                    min = new double[e.length];
                    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
                }
                for (int k = 0; k < e.length; k++) {
                    if (Double.isFinite(e[k])) {
                        min[k] = Math.min(min[k], e[k]);
                    }
                }
            }
            if (min != null) {
                for (int k = 0; k < min.length; k++) {
                    min[k] = Double.isFinite(min[k]) ? Math.max(min[k], 1e-9) : Double.NaN;
                }
            }
            norm.add(min);
        }
        return norm;
    }

    private record Greedy(Map<String, Double> weights, double objective) {}

    /** The greedy ensemble of a segment ({@code null}: every series), or {@code null} when it has no scorable series. */
    private static Greedy greedy(List<Prepared> prepared, Segment seg, List<String> models, int rounds) {
        // The best single model's accuracy per origin normalises the objective there.
        var norm = norms(prepared, seg, models);
        if (norm.stream().allMatch(java.util.Objects::isNull)) {
            return null;
        }
        var counts = new LinkedHashMap<String, Integer>();
        double current = Double.POSITIVE_INFINITY;
        for (int round = 0; round < rounds; round++) {
            String pick = null;
            double pickObjective = current;
            for (var m : models) {
                var trial = new LinkedHashMap<>(counts);
                trial.merge(m, 1, Integer::sum);
                double obj = objective(prepared, norm, seg, shares(trial));
                if (obj < pickObjective - EPS) {
                    pickObjective = obj;
                    pick = m;
                }
            }
            if (pick == null) {
                break;
            }
            counts.merge(pick, 1, Integer::sum);
            current = pickObjective;
        }
        return new Greedy(shares(counts), current);
    }

    private static Map<String, Double> shares(Map<String, Integer> counts) {
        int n = counts.values().stream().mapToInt(Integer::intValue).sum();
        var out = new LinkedHashMap<String, Double>();
        counts.forEach((m, c) -> out.put(m, (double) c / n));
        return out;
    }

    private static double objective(List<Prepared> prepared, List<double[]> norm, Segment seg, Map<String, Double> w) {
        double sum = 0;
        int k = 0;
        for (int r = 0; r < prepared.size(); r++) {
            if (norm.get(r) == null) {
                continue;
            }
            var e = prepared.get(r).error(seg, w);
            var n = norm.get(r);
            for (int c = 0; c < e.length; c++) {
                if (Double.isFinite(e[c]) && Double.isFinite(n[c])) {
                    sum += e[c] / n[c];
                }
            }
            k++;
        }
        return sum / k;
    }

    /** One run with what scoring a segment needs: segments, revenue weights and scales per series. */
    private static final class Prepared {
        final OriginRun run;
        final List<Segment> segments;
        final double[] weights;
        final double[] scale2;
        final double[] scale1;
        final double rho;
        final ForecastPostProcessor.TradingCalendar calendar;

        Prepared(OriginRun run) {
            this.run = run;
            this.calendar = ForecastPostProcessor.TradingCalendar.infer(run.histories(),
                    ForecastPostProcessor.Settings.defaults().closedWeeks());
            this.rho = TotalAggregator.correlation(run.histories());
            this.segments = run.histories().stream().map(Segment::of).toList();
            this.weights = Metrics.weights(run.histories());
            int n = run.histories().size();
            scale2 = new double[n];
            scale1 = new double[n];
            for (int i = 0; i < n; i++) {
                var h = run.histories().get(i);
                var sc = Metrics.scales(h.demand(), h.firstSaleIndex());
                scale2[i] = sc[0];
                scale1[i] = sc[1];
            }
        }

        /** {@code [weighted RMSSE, weighted SPL]} of ensemble {@code w} over the segment's series, or {@code null} when none is scorable. */
        double[] error(Segment seg, Map<String, Double> w) {
            var members = new ArrayList<List<QuantileForecast>>(w.size());
            var ks = new double[w.size()];
            int m = 0;
            for (var e : w.entrySet()) {
                members.add(run.forecasts().get(e.getKey()));
                ks[m++] = e.getValue();
            }
            double wr = 0;
            double ws = 0;
            double wsum = 0;
            var levels = Quantiles.levels();
            int horizon = run.horizon();
            var aggMean = new double[horizon];
            var aggVar = new double[horizon];
            var aggSd = new double[horizon];
            var aggAct = new double[horizon];
            var q = new double[Quantiles.COUNT];
            boolean anySeries = false;
            for (int i = 0; i < segments.size(); i++) {
                if (seg != null && segments.get(i) != seg) {
                    continue;
                }
                anySeries = true;
                var act = run.actuals().get(i);
                double se = 0;
                double pin = 0;
                for (int h = 0; h < act.length; h++) {
                    double mean = 0;
                    for (int k = 0; k < ks.length; k++) {
                        mean += ks[k] * members.get(k).get(i).mean()[h];
                    }
                    se += (act[h] - mean) * (act[h] - mean);
                    double mq = 0;
                    for (int j = 0; j < Quantiles.COUNT; j++) {
                        double qj = 0;
                        for (int k = 0; k < ks.length; k++) {
                            qj += ks[k] * members.get(k).get(i).quantile(h, j);
                        }
                        q[j] = qj;
                        mq += MASS[j] * qj;
                        double e = act[h] - qj;
                        pin += e >= 0 ? levels[j] * e : (levels[j] - 1) * e;
                    }
                    double v = 0;
                    for (int j = 0; j < Quantiles.COUNT; j++) {
                        v += MASS[j] * (q[j] - mq) * (q[j] - mq);
                    }
                    aggMean[h] += mean;
                    aggVar[h] += v;
                    aggSd[h] += Math.sqrt(v);
                    aggAct[h] += act[h];
                }
                if (scale2[i] <= 0 || scale1[i] <= 0) {
                    continue;
                }
                double rmsse = Math.sqrt(se / act.length / scale2[i]);
                double spl = pin / act.length / Quantiles.COUNT / scale1[i];
                double wi = weights[i] + 1e-9;
                wr += wi * rmsse;
                ws += wi * spl;
                wsum += wi;
            }
            if (wsum <= 0 || !anySeries) {
                return null;
            }
            // The segment's total: exact mean, normal quantiles of the equally correlated sum.
            var sc = aggregateScales(seg);
            double aggR = Double.NaN;
            double aggS = Double.NaN;
            if (sc[0] > 0 && sc[1] > 0) {
                double se = 0;
                double pin = 0;
                for (int h = 0; h < horizon; h++) {
                    se += (aggAct[h] - aggMean[h]) * (aggAct[h] - aggMean[h]);
                    double sd = Math.sqrt(Math.max(0, aggVar[h] + rho * (aggSd[h] * aggSd[h] - aggVar[h])));
                    for (int j = 0; j < Quantiles.COUNT; j++) {
                        double e = aggAct[h] - Math.max(0, aggMean[h] + sd * Z[j]);
                        pin += e >= 0 ? levels[j] * e : (levels[j] - 1) * e;
                    }
                }
                aggR = Math.sqrt(se / horizon / sc[0]);
                aggS = pin / horizon / Quantiles.COUNT / sc[1];
            }
            return new double[] {wr / wsum, ws / wsum, aggR, aggS};
        }

        private final Map<Segment, double[]> aggScales = new java.util.HashMap<>();
        private double[] allScales;

        /** The one-step scales of the summed history of a segment's series ({@code null}: all). */
        double[] aggregateScales(Segment seg) {
            if (seg == null && allScales != null) {
                return allScales;
            }
            if (seg != null && aggScales.containsKey(seg)) {
                return aggScales.get(seg);
            }
            var members = new ArrayList<io.stockwise.forecast.core.DemandSeries>();
            for (int i = 0; i < segments.size(); i++) {
                if (seg == null || segments.get(i) == seg) {
                    members.add(run.histories().get(i));
                }
            }
            var sc = members.isEmpty() ? new double[] {0, 0} : Metrics.scales(TotalModels.total(members).demand(),
                    TotalModels.total(members).firstSaleIndex());
            if (seg == null) {
                allScales = sc;
            } else {
                aggScales.put(seg, sc);
            }
            return sc;
        }
    }
}
