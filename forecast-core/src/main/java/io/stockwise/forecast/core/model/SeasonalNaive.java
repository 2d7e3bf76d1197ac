package io.stockwise.forecast.core.model;

import io.stockwise.forecast.core.Bucket;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LevelForecast;
import io.stockwise.forecast.core.LevelModel;
import io.stockwise.forecast.core.Quantiles;

/**
 * Weekly seasonal naive with empirical quantiles (FPP3 §5.2, §5.5): the point forecast is the
 * same weekday of the last week, {@code ŷ[T+h] = y[T - 7 + ((h-1) mod 7) + 1]}; quantiles are
 * {@code max(0, ŷ + sqrt(k)·Q_e(τ))} with {@code e[t] = y[t] - y[t-7]} the in-sample one-season
 * errors and {@code k = ceil(h/7)}; the mean is the mean of that clamped distribution. Histories
 * shorter than two weeks get a Poisson distribution around their mean.
 *
 * <p>With a season length {@code m} ({@link #forBucket}: 52 for weeks, 12 for months) the same
 * holds with 7 replaced by {@code m}, except for short histories: with more than {@code m}
 * buckets the seasonal rule runs on the residuals it has; with fewer, the naive rule of lag 1
 * ({@code m = 1}, quantiles scaled by {@code sqrt(h)}); a single bucket gets a Poisson around it.
 */
public final class SeasonalNaive implements LevelModel {
    public static final String NAME = "seasonal_naive";
    static final int M = 7;
    private final int m;
    private final boolean bucketed;

    /** The daily model: season 7. */
    public SeasonalNaive() {
        this(M, false);
    }

    private SeasonalNaive(int m, boolean bucketed) {
        this.m = m;
        this.bucketed = bucketed;
    }

    /** The model for {@code bucket}: the daily one for days, season 52 or 12 with the short-history rules otherwise. */
    public static SeasonalNaive forBucket(Bucket bucket) {
        return bucket == Bucket.DAY ? new SeasonalNaive() : new SeasonalNaive(bucket.season(), true);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LevelForecast forecast(DemandSeries s, int horizon, double[] levels) {
        var y = s.demand();
        int t = y.length;
        var mean = new double[horizon];
        var q = new double[horizon][];
        int k = this.m; // the season used: m, or 1 for short bucketed histories
        if (bucketed && t < 2 * k && t > 1) {
            k = t > k ? k : 1;
        }
        if (t < (bucketed ? k + 1 : 2 * k)) {
            double lambda = Baselines.mean(y, 0, t);
            for (int h = 0; h < horizon; h++) {
                mean[h] = lambda;
                q[h] = Quantiles.countQuantiles(lambda, 1, levels);
            }
            return new LevelForecast(s.id(), s.lastDate().plusDays(1), levels, mean, q);
        }
        var res = new double[t - k];
        for (int i = 0; i < res.length; i++) {
            res[i] = y[i + k] - y[i];
        }
        var sorted = Quantiles.sorted(res);
        var rq = new double[levels.length];
        for (int j = 0; j < rq.length; j++) {
            rq[j] = Quantiles.empirical(sorted, levels[j]);
        }
        for (int h = 1; h <= horizon; h++) {
            double point = y[t - k + (h - 1) % k];
            double scale = Math.sqrt((h + k - 1) / k); // ceil(h / k) seasons ahead
            var qh = new double[levels.length];
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
        return new LevelForecast(s.id(), s.lastDate().plusDays(1), levels, mean, q);
    }
}
