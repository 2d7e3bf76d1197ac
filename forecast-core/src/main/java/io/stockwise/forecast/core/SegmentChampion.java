package io.stockwise.forecast.core;

import io.stockwise.forecast.core.metrics.Metrics;
import io.stockwise.forecast.core.metrics.Segment;
import io.stockwise.forecast.core.model.WeekdayProfile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The champion: per {@link Segment}, the candidate (a base model or the quantile average of two)
 * that did best in a backtest on the {@code horizon} days before the cutoff, then refitted on the
 * full histories. "Best" is the lowest sum of the segment's revenue-weighted RMSSE and SPL, each
 * relative to the best candidate's (so accuracy of the mean and of the quantiles count equally).
 * The assembly is kept only if it also scores best overall (WRMSSE and WSPL averaged over the total
 * and series levels, each relative to the best); otherwise the best single candidate serves every
 * segment.
 */
public final class SegmentChampion implements ForecastModel {
    public static final String NAME = "champion";
    private final List<ForecastModel> models;
    private final boolean pairs;
    private final TotalAggregator aggregator;
    private volatile Report last;

    /** What the last fit chose and measured. */
    public record Report(Backtest.Split validation, Map<Segment, String> choice,
            Map<String, List<QuantileForecast>> finalForecasts) {}

    /**
     * @param models the base models
     * @param pairs whether quantile averages of the last model with each other are candidates too
     */
    public SegmentChampion(List<ForecastModel> models, boolean pairs, TotalAggregator aggregator) {
        this.models = List.copyOf(models);
        this.pairs = pairs;
        this.aggregator = aggregator;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The last fit's validation results and choice, or {@code null}. */
    public Report lastReport() {
        return last;
    }

    @Override
    public List<QuantileForecast> fitAndForecast(List<DemandSeries> histories, int horizon) {
        return fit(histories, horizon, false);
    }

    /** Like {@link #fitAndForecast}; with {@code allModels} every base model is refitted (for reports), not only the chosen. */
    public List<QuantileForecast> fit(List<DemandSeries> histories, int horizon, boolean allModels) {
        LocalDate cutoff = histories.get(0).lastDate();
        LocalDate origin = cutoff.minusDays(horizon);
        var split = Backtest.run(histories, origin, horizon, models, aggregator);
        if (split.results().isEmpty()) {
            // Too little history before the cutoff to backtest: the weekday moving average serves.
            var fallback = models.stream().filter(m -> m.name().equals(WeekdayProfile.NAME)).findFirst().orElse(models.get(0));
            var f = fallback.fitAndForecast(histories, horizon);
            var choice = new EnumMap<Segment, String>(Segment.class);
            for (var seg : Segment.values()) {
                choice.put(seg, fallback.name());
            }
            last = new Report(split, choice, Map.of(fallback.name(), f));
            return ForecastPostProcessor.standard().apply(histories, f);
        }
        var candidates = new LinkedHashMap<String, List<QuantileForecast>>();
        for (var r : split.results()) {
            candidates.put(r.model(), r.forecasts());
        }
        var results = new ArrayList<>(split.results());
        if (pairs) {
            var base = new ArrayList<>(split.results());
            // Pairs with the last model (the global network), the only one that differs in kind.
            var anchor = models.get(models.size() - 1).name();
            for (int a = 0; a < base.size(); a++) {
                for (int b = a + 1; b < base.size(); b++) {
                    if (!base.get(a).model().equals(anchor) && !base.get(b).model().equals(anchor)) {
                        continue;
                    }
                    var name = base.get(a).model() + "+" + base.get(b).model();
                    var avg = Backtest.average(List.of(base.get(a).forecasts(), base.get(b).forecasts()));
                    candidates.put(name, avg);
                    results.add(Backtest.score(name, split.histories(), split.actuals(), avg, aggregator, 0));
                }
            }
        }
        var validation = new Backtest.Split(split.cutoff(), horizon, split.histories(), split.actuals(), results);
        var weights = Metrics.weights(split.histories());
        var segments = split.histories().stream().map(Segment::of).toList();
        var errors = new LinkedHashMap<String, double[][]>();
        candidates.forEach((name, f) -> errors.put(name, Metrics.seriesErrors(split.histories(), f, split.actuals())));
        var choice = new EnumMap<Segment, String>(Segment.class);
        for (var seg : Segment.values()) {
            choice.put(seg, best(seg, segments, weights, errors));
        }
        // The per-segment assembly must also beat the best single candidate overall, total level
        // included (segments are chosen on series errors alone).
        var assembled = new ArrayList<QuantileForecast>();
        for (int i = 0; i < segments.size(); i++) {
            assembled.add(candidates.get(choice.get(segments.get(i))).get(i));
        }
        var assembledResult = Backtest.score(NAME, split.histories(), split.actuals(), assembled, aggregator, 0);
        results.add(assembledResult);
        double minR = results.stream().mapToDouble(r -> r.score().wrmsse()).min().orElse(1);
        double minS = results.stream().mapToDouble(r -> r.score().wspl()).min().orElse(1);
        Backtest.ModelResult bestOverall = null;
        double bestOverallScore = Double.POSITIVE_INFINITY;
        for (var r : results) {
            double s = r.score().wrmsse() / minR + r.score().wspl() / minS;
            if (s < bestOverallScore) {
                bestOverallScore = s;
                bestOverall = r;
            }
        }
        if (bestOverall != assembledResult) {
            for (var seg : Segment.values()) {
                choice.put(seg, bestOverall.model());
            }
        }
        // Assemble the chosen candidates at the cutoff.
        var needed = new LinkedHashSet<String>();
        for (var m : models) {
            if (allModels || choice.values().stream().anyMatch(c -> List.of(c.split("\\+")).contains(m.name()))) {
                needed.add(m.name());
            }
        }
        var finals = new LinkedHashMap<String, List<QuantileForecast>>();
        for (var m : models) {
            if (needed.contains(m.name())) {
                finals.put(m.name(), m.fitAndForecast(histories, horizon));
            }
        }
        var out = new ArrayList<QuantileForecast>(histories.size());
        var cache = new java.util.HashMap<String, List<QuantileForecast>>();
        for (int i = 0; i < histories.size(); i++) {
            var c = choice.get(Segment.of(histories.get(i)));
            var chosen = cache.computeIfAbsent(c, name -> {
                var parts = name.split("\\+");
                if (parts.length == 1) {
                    return finals.get(name);
                }
                return Backtest.average(List.of(finals.get(parts[0]), finals.get(parts[1])));
            });
            out.add(chosen.get(i));
        }
        last = new Report(validation, choice, finals);
        return ForecastPostProcessor.standard().apply(histories, out);
    }

    private static String best(Segment seg, List<Segment> segments, double[] weights, Map<String, double[][]> errors) {
        var r = new LinkedHashMap<String, double[]>();
        for (var e : errors.entrySet()) {
            double wr = 0;
            double ws = 0;
            double w = 0;
            int count = 0;
            for (int i = 0; i < segments.size(); i++) {
                if (segments.get(i) != seg) {
                    continue;
                }
                double rm = e.getValue()[0][i];
                double sp = e.getValue()[1][i];
                if (!Double.isFinite(rm) || !Double.isFinite(sp)) {
                    continue;
                }
                double wi = weights[i] + 1e-9;
                wr += wi * rm;
                ws += wi * sp;
                w += wi;
                count++;
            }
            if (count > 0) {
                r.put(e.getKey(), new double[] {wr / w, ws / w});
            }
        }
        if (r.isEmpty()) {
            return errors.keySet().iterator().next();
        }
        double minR = r.values().stream().mapToDouble(v -> v[0]).min().orElse(1);
        double minS = r.values().stream().mapToDouble(v -> v[1]).min().orElse(1);
        String best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        for (var e : r.entrySet()) {
            double s = e.getValue()[0] / Math.max(minR, 1e-12) + e.getValue()[1] / Math.max(minS, 1e-12);
            if (s < bestScore) {
                bestScore = s;
                best = e.getKey();
            }
        }
        return best;
    }
}
