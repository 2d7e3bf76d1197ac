package io.stockwise.forecast.core;

import io.stockwise.forecast.core.metrics.Metrics;
import io.stockwise.forecast.core.metrics.Score;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rolling-origin evaluation: every model is fitted on the same histories cut at an origin and
 * scored on the {@code horizon} days after it, for one or more origins spaced a horizon apart.
 */
public final class Backtest {
    /** One model's result at one origin. */
    public record ModelResult(String model, Score score, List<QuantileForecast> forecasts, QuantileForecast total,
            long millis) {}

    /** All models at one origin; {@code histories} and {@code actuals} align with every model's forecasts. */
    public record Split(LocalDate cutoff, int horizon, List<DemandSeries> histories, List<double[]> actuals,
            List<ModelResult> results) {}

    private static final System.Logger LOG = System.getLogger(Backtest.class.getName());

    private Backtest() {}

    /**
     * The histories of {@code data} cut at {@code cutoff}, keeping the series with at least one sale
     * on or before it.
     */
    public static List<DemandSeries> historiesAt(List<DemandSeries> data, LocalDate cutoff) {
        var out = new ArrayList<DemandSeries>();
        for (var s : data) {
            if (s.firstDate().isAfter(cutoff)) {
                continue;
            }
            var h = s.endingOn(cutoff);
            if (h.firstSaleIndex() < h.length()) {
                out.add(h);
            }
        }
        return out;
    }

    /** The {@code horizon} actual values after {@code cutoff} of {@code s} (0 beyond its data). */
    public static double[] actualsAfter(DemandSeries s, LocalDate cutoff, int horizon) {
        var out = new double[horizon];
        long from = cutoff.toEpochDay() + 1 - s.firstDate().toEpochDay();
        var y = s.demand();
        for (int h = 0; h < horizon; h++) {
            long i = from + h;
            out[h] = i >= 0 && i < y.length ? y[(int) i] : 0;
        }
        return out;
    }

    /** Fits and scores every model at {@code cutoff}; a model that cannot fit there (too little data) is skipped. */
    public static Split run(List<DemandSeries> data, LocalDate cutoff, int horizon, List<ForecastModel> models,
            TotalAggregator aggregator) {
        var histories = historiesAt(data, cutoff);
        var byId = new java.util.HashMap<String, DemandSeries>();
        for (var s : data) {
            byId.put(s.id(), s);
        }
        var actuals = histories.stream().map(h -> actualsAfter(byId.get(h.id()), cutoff, horizon)).toList();
        var results = new ArrayList<ModelResult>();
        if (histories.isEmpty()) {
            return new Split(cutoff, horizon, histories, actuals, List.of());
        }
        for (var m : models) {
            long start = System.nanoTime();
            List<QuantileForecast> f;
            try {
                f = m.fitAndForecast(histories, horizon);
            } catch (IllegalArgumentException e) {
                // E.g. a global model without a single full training window on short data.
                LOG.log(System.Logger.Level.WARNING, "model " + m.name() + " skipped at " + cutoff + ": " + e.getMessage());
                continue;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            results.add(score(m.name(), histories, actuals, f, aggregator, millis));
        }
        return new Split(cutoff, horizon, histories, actuals, results);
    }

    /** Scores given forecasts (aggregating the total). */
    public static ModelResult score(String name, List<DemandSeries> histories, List<double[]> actuals,
            List<QuantileForecast> forecasts, TotalAggregator aggregator, long millis) {
        var total = aggregator.aggregate(histories, forecasts);
        return new ModelResult(name, Metrics.score(histories, forecasts, total, actuals), forecasts, total, millis);
    }

    /** A formatted table of a split's results. */
    public static String table(Split split) {
        var sb = new StringBuilder();
        sb.append(String.format("backtest: cutoff %s, horizon %d days, %d series%n", split.cutoff(), split.horizon(),
                split.histories().size()));
        sb.append(String.format("%-22s %9s %9s %9s %9s %9s %9s %8s %6s %6s %6s %6s %8s%n", "model", "WRMSSE", "total",
                "sku", "WSPL", "total", "sku", "MASEmed", "c50", "c67", "c95", "c99", "ms"));
        for (var r : split.results()) {
            var s = r.score();
            var c = s.coverage();
            sb.append(String.format("%-22s %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f %8.3f %6.3f %6.3f %6.3f %6.3f %8d%n",
                    r.model(), s.wrmsse(), s.wrmsseTotal(), s.wrmsseSku(), s.wspl(), s.wsplTotal(), s.wsplSku(),
                    s.maseMedian(), c[0], c[1], c[2], c[3], r.millis()));
        }
        return sb.toString();
    }

    /** The element-wise average of several models' forecasts (quantile averaging, Vincentisation). */
    public static List<QuantileForecast> average(List<List<QuantileForecast>> members) {
        int n = members.get(0).size();
        var out = new ArrayList<QuantileForecast>(n);
        for (int i = 0; i < n; i++) {
            var f0 = members.get(0).get(i);
            int h = f0.horizon();
            var mean = new double[h];
            var q = new double[h][Quantiles.COUNT];
            for (var m : members) {
                var f = m.get(i);
                var fm = f.mean();
                for (int d = 0; d < h; d++) {
                    mean[d] += fm[d] / members.size();
                    for (int j = 0; j < Quantiles.COUNT; j++) {
                        q[d][j] += f.quantile(d, j) / members.size();
                    }
                }
            }
            out.add(new QuantileForecast(f0.id(), f0.firstDate(), mean, q));
        }
        return out;
    }

    static double[] copy(double[] a) {
        return Arrays.copyOf(a, a.length);
    }
}
