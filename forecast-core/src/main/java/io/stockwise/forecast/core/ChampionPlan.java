package io.stockwise.forecast.core;

import io.stockwise.forecast.core.metrics.Segment;
import io.stockwise.forecast.core.model.Baselines;
import io.stockwise.forecast.core.neural.MqForecaster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import io.stockwise.forecast.core.ensemble.ClassicalSbc;
import io.stockwise.forecast.core.ensemble.Reconciliation;
import io.stockwise.forecast.core.ensemble.Selection;

/**
 * A trained champion's choice ({@link SegmentChampion} or
 * {@link io.stockwise.forecast.core.ensemble.MultiOriginChampion}), applied to new histories: each
 * series goes to the candidate chosen for its {@link Segment} (a baseline, the network
 * {@value MqForecaster#NAME}, or a weighted quantile average such as
 * {@code 0.75*mq_mlp+0.25*ets}; {@code a+b} is the equal average), computed the way the champion
 * computed it at the cutoff, then multiplied by the reconciliation factors per horizon day the
 * champion computed at its cutoff (top-down towards its direct total forecast; none for
 * bottom-up). A served forecast for the training cutoff's histories equals the training batch's;
 * for later as-of days the factors are applied by horizon day as they were at the cutoff.
 */
public final class ChampionPlan {
    private static final Pattern CHOICE = Pattern.compile("\"choice\"\\s*:\\s*\\{([^}]*)}");
    private static final Pattern ENTRY = Pattern.compile("\"([A-Z_]+)\"\\s*:\\s*\"([^\"]+)\"");

    private static final Pattern MEAN_RULE = Pattern.compile("\"mean_rule\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern FACTORS = Pattern.compile("\"factors\"\\s*:\\s*\\[([^]]*)]");

    private final Map<Segment, String> choice;
    private final Map<Segment, Map<String, Double>> weights;
    private final Map<String, LocalModel> baselines;
    private final double[] factors;
    private final ForecastPostProcessor.MeanRule meanRule;

    /** @param choice the candidate per segment, every segment present */
    public ChampionPlan(Map<Segment, String> choice) {
        this(choice, new double[0]);
    }

    /**
     * @param choice the candidate per segment, every segment present
     * @param factors the reconciliation factor per horizon day (empty: none), positive
     */
    public ChampionPlan(Map<Segment, String> choice, double[] factors) {
        this(choice, factors, ForecastPostProcessor.MeanRule.CARRIED);
    }

    /**
     * @param choice the candidate per segment, every segment present
     * @param factors the reconciliation factor per horizon day (empty: none), positive
     * @param meanRule the post-processor's mean rule the champion chose
     */
    public ChampionPlan(Map<Segment, String> choice, double[] factors, ForecastPostProcessor.MeanRule meanRule) {
        this.meanRule = java.util.Objects.requireNonNull(meanRule, "meanRule");
        this.baselines = new HashMap<>();
        for (var m : Baselines.all()) {
            baselines.put(m.name(), (LocalModel) m);
        }
        baselines.put(ClassicalSbc.NAME, new ClassicalSbc());
        for (double f : factors) {
            if (!(f > 0) || !Double.isFinite(f)) {
                throw new IllegalArgumentException("reconciliation factors must be positive, was " + f);
            }
        }
        this.factors = factors.clone();
        var w = new EnumMap<Segment, Map<String, Double>>(Segment.class);
        var c = new EnumMap<Segment, String>(Segment.class);
        for (var seg : Segment.values()) {
            var name = choice.get(seg);
            if (name == null) {
                throw new IllegalArgumentException("no candidate for segment " + seg);
            }
            var parsed = Selection.parse(name);
            for (var part : parsed.keySet()) {
                if (!part.equals(MqForecaster.NAME) && !baselines.containsKey(part)) {
                    throw new IllegalArgumentException("unknown candidate " + part + " for segment " + seg);
                }
            }
            c.put(seg, name);
            w.put(seg, parsed);
        }
        this.choice = Map.copyOf(c);
        this.weights = Map.copyOf(w);
    }

    /** The reconciliation factor per horizon day (empty when none). */
    public double[] factors() {
        return factors.clone();
    }

    /** The choice from a registry's parameters JSON ({@code "choice":{"FAST":"mq_mlp",...}}). */
    public static ChampionPlan fromParametersJson(String json) {
        var m = CHOICE.matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("parameters hold no choice: " + json);
        }
        var choice = new EnumMap<Segment, String>(Segment.class);
        var e = ENTRY.matcher(m.group(1));
        while (e.find()) {
            choice.put(Segment.valueOf(e.group(1)), e.group(2));
        }
        var f = FACTORS.matcher(json);
        double[] factors = new double[0];
        if (f.find() && !f.group(1).isBlank()) {
            factors = Arrays.stream(f.group(1).split(",")).mapToDouble(v -> Double.parseDouble(v.trim())).toArray();
        }
        var rule = MEAN_RULE.matcher(json);
        var meanRule = rule.find() ? ForecastPostProcessor.MeanRule.valueOf(rule.group(1))
                : ForecastPostProcessor.MeanRule.CARRIED;
        return new ChampionPlan(choice, factors, meanRule);
    }

    /** The post-processor's mean rule. */
    public ForecastPostProcessor.MeanRule meanRule() {
        return meanRule;
    }

    /** The candidate per segment. */
    public Map<Segment, String> choice() {
        return choice;
    }

    /** Whether some segment is served (alone or averaged) by the network. */
    public boolean usesNetwork() {
        return weights.values().stream().anyMatch(w -> w.containsKey(MqForecaster.NAME));
    }

    /**
     * Forecasts the {@code horizon} days after each history.
     *
     * @param network forecasts a list of histories with the network, at least {@code horizon} days
     *     each (cut here), in one batch; called once, only for the series routed to it
     */
    public List<QuantileForecast> forecast(List<DemandSeries> histories, int horizon,
            Function<List<DemandSeries>, List<QuantileForecast>> network) {
        var members = new LinkedHashMap<String, List<Integer>>();
        for (int i = 0; i < histories.size(); i++) {
            for (var part : weights.get(Segment.of(histories.get(i))).keySet()) {
                members.computeIfAbsent(part, k -> new ArrayList<>()).add(i);
            }
        }
        // Every member model's forecast of the series that need it.
        var byModel = new HashMap<String, QuantileForecast[]>();
        for (var e : members.entrySet()) {
            var idx = e.getValue();
            var input = new ArrayList<DemandSeries>(idx.size());
            idx.forEach(i -> input.add(histories.get(i)));
            List<QuantileForecast> f;
            if (e.getKey().equals(MqForecaster.NAME)) {
                f = network.apply(input).stream().map(q -> cut(q, horizon)).toList();
            } else {
                var model = baselines.get(e.getKey());
                f = input.stream().map(h -> model.forecast(h, horizon)).toList();
            }
            var all = new QuantileForecast[histories.size()];
            for (int k = 0; k < idx.size(); k++) {
                all[idx.get(k)] = f.get(k);
            }
            byModel.put(e.getKey(), all);
        }
        var out = new ArrayList<QuantileForecast>(histories.size());
        for (int i = 0; i < histories.size(); i++) {
            var w = weights.get(Segment.of(histories.get(i)));
            var members2 = new HashMap<String, QuantileForecast>();
            for (var p : w.keySet()) {
                members2.put(p, byModel.get(p)[i]);
            }
            var combined = Selection.combine(w, members2);
            out.add(factors.length == 0 ? combined : Reconciliation.scale(combined, factors));
        }
        return Selection.postProcessor(meanRule).apply(histories, out);
    }

    private static QuantileForecast cut(QuantileForecast f, int horizon) {
        if (f.horizon() < horizon) {
            throw new IllegalArgumentException("the network forecasts " + f.horizon() + " days, " + horizon + " asked");
        }
        if (f.horizon() == horizon) {
            return f;
        }
        return new QuantileForecast(f.id(), f.firstDate(), Arrays.copyOf(f.mean(), horizon),
                Arrays.copyOf(f.quantiles(), horizon));
    }
}
