package io.stockwise.bench.forecast;

import io.stockwise.forecast.core.*;
import io.stockwise.forecast.core.data.OnlineRetail;
import io.stockwise.forecast.core.metrics.Metrics;
import io.stockwise.forecast.core.model.Baselines;
import io.stockwise.forecast.core.neural.*;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.*;

/**
 * Measures the two {@link ForecastPostProcessor.MeanRule}s against the raw model output: every
 * baseline and the network at each cutoff, WRMSSE and WSPL on the 28 days after it.
 * Usage: {@code ./bench io.stockwise.bench.forecast.MeanRuleBenchmark FILE CUTOFF[,CUTOFF...] [NETWORK_SAMPLES]}.
 */
public final class MeanRuleBenchmark {
    public static void main(String[] a) throws Exception {
        var data = OnlineRetail.read(Path.of(a[0]));
        int horizon = 28;
        var agg = new TotalAggregator();
        var models = new ArrayList<ForecastModel>(Baselines.all());
        if (a.length > 2) models.add(new MqForecaster(MqConfig.defaults(horizon).withMaxSamples(Integer.parseInt(a[2]))));
        for (var c : a[1].split(",")) {
            var cutoff = LocalDate.parse(c);
            var hist = Backtest.historiesAt(data, cutoff);
            var byId = new HashMap<String, DemandSeries>();
            for (var s : data) byId.put(s.id(), s);
            var act = hist.stream().map(h -> Backtest.actualsAfter(byId.get(h.id()), cutoff, horizon)).toList();
            System.out.println("cutoff " + cutoff + " series " + hist.size() + " calendar " + ForecastPostProcessor.TradingCalendar.infer(hist, 8));
            for (var m : models) {
                var f = m.fitAndForecast(hist, horizon);
                var variants = new LinkedHashMap<String, List<QuantileForecast>>();
                variants.put("raw", f);
                variants.put("carried", new ForecastPostProcessor(ForecastPostProcessor.Settings.defaults()).apply(hist, f));
                variants.put("implied", new ForecastPostProcessor(ForecastPostProcessor.Settings.defaults().withMeanRule(ForecastPostProcessor.MeanRule.IMPLIED)).apply(hist, f));
                double rawMean = 0, rawImpl = 0;
                for (var x : f) for (int h = 0; h < horizon; h++) { rawMean += x.mean()[h]; rawImpl += ForecastPostProcessor.impliedMean(x, h); }
                for (var e : variants.entrySet()) {
                    var s = Metrics.score(hist, e.getValue(), agg.aggregate(hist, e.getValue()), act);
                    System.out.printf(Locale.ROOT, "%-16s %-8s WRMSSE %.4f (tot %.4f sku %.4f) WSPL %.4f (tot %.4f sku %.4f)  implied/mean raw %.3f%n",
                        m.name(), e.getKey(), s.wrmsse(), s.wrmsseTotal(), s.wrmsseSku(), s.wspl(), s.wsplTotal(), s.wsplSku(), rawImpl / rawMean);
                }
            }
        }
    }
}
