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

/**
 * A trained {@link SegmentChampion}'s choice, applied to new histories: each series goes to the
 * candidate chosen for its {@link Segment} (a baseline, the network {@value MqForecaster#NAME}, or
 * the quantile average of two), computed the way the champion computed it at the cutoff, so a
 * served forecast equals the one the training batch would make for the same history.
 */
public final class ChampionPlan {
    private static final Pattern CHOICE = Pattern.compile("\"choice\"\\s*:\\s*\\{([^}]*)}");
    private static final Pattern ENTRY = Pattern.compile("\"([A-Z_]+)\"\\s*:\\s*\"([^\"]+)\"");

    private final Map<Segment, String> choice;
    private final Map<String, LocalModel> baselines;

    /** @param choice the candidate per segment, every segment present */
    public ChampionPlan(Map<Segment, String> choice) {
        this.baselines = new HashMap<>();
        for (var m : Baselines.all()) {
            baselines.put(m.name(), (LocalModel) m);
        }
        var c = new EnumMap<Segment, String>(Segment.class);
        for (var seg : Segment.values()) {
            var name = choice.get(seg);
            if (name == null) {
                throw new IllegalArgumentException("no candidate for segment " + seg);
            }
            for (var part : name.split("\\+")) {
                if (!part.equals(MqForecaster.NAME) && !baselines.containsKey(part)) {
                    throw new IllegalArgumentException("unknown candidate " + part + " for segment " + seg);
                }
            }
            c.put(seg, name);
        }
        this.choice = Map.copyOf(c);
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
        return new ChampionPlan(choice);
    }

    /** The candidate per segment. */
    public Map<Segment, String> choice() {
        return choice;
    }

    /** Whether some segment is served (alone or averaged) by the network. */
    public boolean usesNetwork() {
        return choice.values().stream().anyMatch(c -> Arrays.asList(c.split("\\+")).contains(MqForecaster.NAME));
    }

    /**
     * Forecasts the {@code horizon} days after each history.
     *
     * @param network forecasts a list of histories with the network, at least {@code horizon} days
     *     each (cut here), in one batch; called once, only for the series routed to it
     */
    public List<QuantileForecast> forecast(List<DemandSeries> histories, int horizon,
            Function<List<DemandSeries>, List<QuantileForecast>> network) {
        var candidate = new String[histories.size()];
        var members = new LinkedHashMap<String, List<Integer>>();
        for (int i = 0; i < histories.size(); i++) {
            candidate[i] = choice.get(Segment.of(histories.get(i)));
            for (var part : candidate[i].split("\\+")) {
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
            var parts = candidate[i].split("\\+");
            if (parts.length == 1) {
                out.add(byModel.get(parts[0])[i]);
            } else {
                var members2 = new ArrayList<List<QuantileForecast>>(parts.length);
                for (var p : parts) {
                    members2.add(List.of(byModel.get(p)[i]));
                }
                out.add(Backtest.average(members2).get(0));
            }
        }
        return ForecastPostProcessor.standard().apply(histories, out);
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
