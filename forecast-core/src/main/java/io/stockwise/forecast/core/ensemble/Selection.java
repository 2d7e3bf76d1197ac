package io.stockwise.forecast.core.ensemble;

import io.stockwise.forecast.core.ForecastPostProcessor;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.Quantiles;
import io.stockwise.forecast.core.metrics.Segment;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the champion serves: per {@link Segment} a weighted quantile average of base models
 * (weights sum to 1; a single model has weight 1) and the {@link Reconciliation} method.
 *
 * @param weights per segment, model name to weight, in the order they were added
 * @param reconciliation the reconciliation method
 * @param meanRule how the post-processor makes each day's mean and quantiles one distribution
 */
public record Selection(Map<Segment, Map<String, Double>> weights, String reconciliation,
        ForecastPostProcessor.MeanRule meanRule) {
    /** With the post-processor's default rule (the model's mean carried). */
    public Selection(Map<Segment, Map<String, Double>> weights, String reconciliation) {
        this(weights, reconciliation, ForecastPostProcessor.MeanRule.CARRIED);
    }

    /** The post-processor of this selection's mean rule. */
    public ForecastPostProcessor postProcessor() {
        return postProcessor(meanRule);
    }

    /** The standard post-processor with {@code rule}. */
    public static ForecastPostProcessor postProcessor(ForecastPostProcessor.MeanRule rule) {
        return rule == ForecastPostProcessor.Settings.defaults().meanRule() ? ForecastPostProcessor.standard()
                : new ForecastPostProcessor(ForecastPostProcessor.Settings.defaults().withMeanRule(rule));
    }

    public Selection {
        java.util.Objects.requireNonNull(meanRule, "meanRule");
        var c = new EnumMap<Segment, Map<String, Double>>(Segment.class);
        for (var seg : Segment.values()) {
            var w = weights.get(seg);
            if (w == null || w.isEmpty()) {
                throw new IllegalArgumentException("no candidate for segment " + seg);
            }
            double sum = w.values().stream().mapToDouble(Double::doubleValue).sum();
            if (Math.abs(sum - 1) > 1e-6 || w.values().stream().anyMatch(v -> !(v > 0))) {
                throw new IllegalArgumentException("weights of segment " + seg + " must be positive and sum to 1: " + w);
            }
            c.put(seg, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(w)));
        }
        weights = java.util.Collections.unmodifiableMap(c);
        Reconciliation.totalModel(reconciliation);
    }

    /** Every segment served by one model, bottom-up. */
    public static Selection single(String model) {
        var w = new EnumMap<Segment, Map<String, Double>>(Segment.class);
        for (var seg : Segment.values()) {
            w.put(seg, Map.of(model, 1.0));
        }
        return new Selection(w, Reconciliation.BOTTOM_UP);
    }

    /** The base models with a positive weight in some segment. */
    public Set<String> models() {
        var out = new LinkedHashSet<String>();
        weights.values().forEach(w -> out.addAll(w.keySet()));
        return out;
    }

    /** Per segment the description ({@link #describe(Map)}). */
    public Map<Segment, String> choice() {
        var out = new EnumMap<Segment, String>(Segment.class);
        weights.forEach((seg, w) -> out.put(seg, describe(w)));
        return out;
    }

    /** {@code mq_mlp} for one model, {@code 0.75*mq_mlp+0.25*ets} for an ensemble. */
    public static String describe(Map<String, Double> w) {
        if (w.size() == 1) {
            return w.keySet().iterator().next();
        }
        var sb = new StringBuilder();
        w.forEach((m, v) -> {
            if (sb.length() > 0) {
                sb.append('+');
            }
            sb.append(v).append('*').append(m);
        });
        return sb.toString();
    }

    /**
     * Parses {@link #describe}'s form; {@code a+b} without weights (the older registry form) is the
     * equal average.
     */
    public static Map<String, Double> parse(String choice) {
        var parts = choice.split("\\+");
        var out = new LinkedHashMap<String, Double>();
        double sum = 0;
        for (var p : parts) {
            int star = p.indexOf('*');
            double w = star < 0 ? 1.0 / parts.length : Double.parseDouble(p.substring(0, star));
            var name = star < 0 ? p : p.substring(star + 1);
            if (name.isBlank() || !(w > 0)) {
                throw new IllegalArgumentException("bad candidate '" + p + "' in " + choice);
            }
            out.merge(name, w, Double::sum);
            sum += w;
        }
        for (var e : out.entrySet()) {
            e.setValue(e.getValue() / sum);
        }
        return out;
    }

    /** The weighted quantile average (Vincentisation) of one series' member forecasts. */
    public static QuantileForecast combine(Map<String, Double> w, Map<String, QuantileForecast> byModel) {
        if (w.size() == 1) {
            return byModel.get(w.keySet().iterator().next());
        }
        QuantileForecast first = null;
        double[] mean = null;
        double[][] q = null;
        for (var e : w.entrySet()) {
            var f = byModel.get(e.getKey());
            if (f == null) {
                throw new IllegalArgumentException("no forecast of " + e.getKey());
            }
            if (first == null) {
                first = f;
                mean = new double[f.horizon()];
                q = new double[f.horizon()][Quantiles.COUNT];
            }
            double k = e.getValue();
            for (int h = 0; h < mean.length; h++) {
                mean[h] += k * f.mean()[h];
                for (int j = 0; j < Quantiles.COUNT; j++) {
                    q[h][j] += k * f.quantile(h, j);
                }
            }
        }
        return new QuantileForecast(first.id(), first.firstDate(), mean, q);
    }

    /** Assembles per series (segment from its history) the chosen ensemble from every model's forecasts. */
    public List<QuantileForecast> assemble(List<Segment> segments, Map<String, List<QuantileForecast>> forecasts) {
        var out = new java.util.ArrayList<QuantileForecast>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            var w = weights.get(segments.get(i));
            var byModel = new java.util.HashMap<String, QuantileForecast>();
            for (var m : w.keySet()) {
                byModel.put(m, forecasts.get(m).get(i));
            }
            out.add(combine(w, byModel));
        }
        return out;
    }
}
