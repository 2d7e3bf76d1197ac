package io.stockwise.forecast.core.model;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LevelForecast;
import io.stockwise.forecast.core.LevelModel;
import io.stockwise.forecast.core.Quantiles;

/**
 * Moving average with a weekday profile: level {@code L} = mean daily demand over the last
 * {@value #LEVEL_DAYS} days; weekday factor {@code f[d]} = mean demand on weekday {@code d} over the
 * last {@value #PROFILE_DAYS} days divided by the overall mean of those days (shrunk towards 1 with
 * the weight of one week of evidence: {@code (k·f + 1)/(k + 1)} with {@code k} weeks seen); the mean
 * forecast is {@code L·f[weekday]}. Quantiles are negative binomial around it with the dispersion
 * {@code φ = Σ(y-ŷ)²/Σŷ} of the in-sample fit over the profile window (at least 1, Poisson).
 */
public final class WeekdayProfile implements LevelModel {
    public static final String NAME = "weekday_ma";
    static final int LEVEL_DAYS = 28;
    static final int PROFILE_DAYS = 56;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LevelForecast forecast(DemandSeries s, int horizon, double[] levels) {
        var y = s.demand();
        int t = y.length;
        int start = Math.min(s.firstSaleIndex(), t);
        int levelFrom = Math.max(start, t - LEVEL_DAYS);
        double level = Baselines.mean(y, levelFrom, t);
        int profFrom = Math.max(start, t - PROFILE_DAYS);
        double profMean = Baselines.mean(y, profFrom, t);
        var factor = new double[7];
        var sum = new double[7];
        var cnt = new int[7];
        for (int i = profFrom; i < t; i++) {
            int d = Math.floorMod(i, 7);
            sum[d] += y[i];
            cnt[d]++;
        }
        for (int d = 0; d < 7; d++) {
            double f = cnt[d] == 0 || profMean <= 0 ? 1 : sum[d] / cnt[d] / profMean;
            factor[d] = (cnt[d] * f + 1) / (cnt[d] + 1);
        }
        double sse = 0;
        double sfit = 0;
        for (int i = profFrom; i < t; i++) {
            double fit = level * factor[Math.floorMod(i, 7)];
            sse += (y[i] - fit) * (y[i] - fit);
            sfit += fit;
        }
        double dispersion = sfit > 0 ? Math.max(1, sse / sfit) : 1;
        var mean = new double[horizon];
        var q = new double[horizon][];
        for (int h = 0; h < horizon; h++) {
            mean[h] = level * factor[Math.floorMod(t + h, 7)];
            q[h] = Quantiles.countQuantiles(mean[h], dispersion, levels);
        }
        return new LevelForecast(s.id(), s.lastDate().plusDays(1), levels, mean, q);
    }
}
