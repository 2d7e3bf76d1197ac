package io.stockwise.forecast.core.model;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LocalModel;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.Quantiles;

/**
 * Weekly seasonal naive with empirical quantiles (FPP3 §5.2, §5.5): the point forecast is the
 * same weekday of the last week, {@code ŷ[T+h] = y[T - 7 + ((h-1) mod 7) + 1]}; quantiles are
 * {@code max(0, ŷ + sqrt(k)·Q_e(τ))} with {@code e[t] = y[t] - y[t-7]} the in-sample one-season
 * errors and {@code k = ceil(h/7)}; the mean is the mean of that clamped distribution. Histories
 * shorter than two weeks get a Poisson distribution around their mean.
 */
public final class SeasonalNaive implements LocalModel {
    public static final String NAME = "seasonal_naive";
    static final int M = 7;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public QuantileForecast forecast(DemandSeries s, int horizon) {
        var y = s.demand();
        int t = y.length;
        var mean = new double[horizon];
        var q = new double[horizon][];
        var levels = Quantiles.levels();
        if (t < 2 * M) {
            double lambda = Baselines.mean(y, 0, t);
            for (int h = 0; h < horizon; h++) {
                mean[h] = lambda;
                q[h] = Quantiles.countQuantiles(lambda, 1, levels);
            }
            return new QuantileForecast(s.id(), s.lastDate().plusDays(1), mean, q);
        }
        var res = new double[t - M];
        for (int i = 0; i < res.length; i++) {
            res[i] = y[i + M] - y[i];
        }
        var sorted = Quantiles.sorted(res);
        var rq = new double[Quantiles.COUNT];
        for (int j = 0; j < rq.length; j++) {
            rq[j] = Quantiles.empirical(sorted, levels[j]);
        }
        for (int h = 1; h <= horizon; h++) {
            double point = y[t - M + (h - 1) % M];
            double scale = Math.sqrt((h + M - 1) / M);
            var qh = new double[Quantiles.COUNT];
            for (int j = 0; j < qh.length; j++) {
                qh[j] = point + scale * rq[j];
            }
            q[h - 1] = qh;
            double sum = 0;
            for (double e : sorted) {
                sum += Math.max(0, point + scale * e);
            }
            mean[h - 1] = sum / sorted.length;
        }
        return new QuantileForecast(s.id(), s.lastDate().plusDays(1), mean, q);
    }
}
