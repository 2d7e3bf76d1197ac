package io.stockwise.forecast.core;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The forecast of the sum over all series: its mean is the sum of the means; its quantiles are
 * those of the sum of samples drawn from every series' predictive distribution (the inverse of
 * its piecewise-linear quantile function) coupled by a one-factor Gaussian copula, so the
 * quantiles are of the total and not sums of quantiles. The quantiles are then scaled so that the
 * mean they imply ({@link ForecastPostProcessor#impliedMean}) is the sum of the means.
 *
 * <p>The copula correlation {@code ρ} is estimated from the history: with {@code d_i} each series'
 * deviation from its weekday means over the last {@value #WINDOW} days,
 * {@code ρ = (Var Σd_i - Σ Var d_i) / ((Σ sd d_i)² - Σ Var d_i)}, clamped to [0, 1] (the equal
 * correlation that reproduces the variance of the historical total). Seeded, so repeatable.
 */
public final class TotalAggregator {
    /** The series id of the total. */
    public static final String TOTAL_ID = "_TOTAL";
    static final int WINDOW = 56;
    private final int samples;
    private final long seed;

    public TotalAggregator(int samples, long seed) {
        this.samples = samples;
        this.seed = seed;
    }

    public TotalAggregator() {
        this(500, 20111013L);
    }

    /** The total forecast of {@code forecasts}, given the histories they were fitted on (all ending on the same day). */
    public QuantileForecast aggregate(List<DemandSeries> histories, List<QuantileForecast> forecasts) {
        if (forecasts.isEmpty()) {
            throw new IllegalArgumentException("nothing to aggregate");
        }
        double rho = correlation(histories);
        int horizon = forecasts.get(0).horizon();
        var mean = new double[horizon];
        var q = new double[horizon][];
        var levels = Quantiles.levels();
        var active = forecasts.stream().filter(f -> {
            for (int h = 0; h < f.horizon(); h++) {
                if (f.quantile(h, Quantiles.COUNT - 1) > 0) {
                    return true;
                }
            }
            return false;
        }).toList();
        double a = Math.sqrt(rho);
        double b = Math.sqrt(1 - rho);
        IntStream.range(0, horizon).parallel().forEach(h -> {
            var rnd = new SplittableRandom(seed + 7919L * h);
            var common = new double[samples];
            for (int s = 0; s < samples; s++) {
                common[s] = rnd.nextGaussian();
            }
            var tot = new double[samples];
            double m = 0;
            var qi = new double[Quantiles.COUNT];
            for (var f : forecasts) {
                m += f.mean()[h];
            }
            for (var f : active) {
                for (int j = 0; j < qi.length; j++) {
                    qi[j] = f.quantile(h, j);
                }
                if (qi[Quantiles.COUNT - 1] == 0) {
                    continue;
                }
                for (int s = 0; s < samples; s++) {
                    double z = a * common[s] + b * rnd.nextGaussian();
                    tot[s] += Quantiles.inverse(qi, fastCdf(z));
                }
            }
            java.util.Arrays.sort(tot);
            var qh = new double[Quantiles.COUNT];
            for (int j = 0; j < qh.length; j++) {
                qh[j] = Quantiles.empirical(tot, levels[j]);
            }
            mean[h] = m;
            q[h] = qh;
        });
        // The sampled quantiles and the summed means describe one distribution (sampling noise and
        // the flat sampling tails aside): the sum of the means is carried.
        return ForecastPostProcessor.consistent(new QuantileForecast(TOTAL_ID, forecasts.get(0).firstDate(), mean, q),
                ForecastPostProcessor.MeanRule.CARRIED);
    }

    private static final double TABLE_RANGE = 6;
    private static final int TABLE_SIZE = 4096;
    private static final double[] CDF = new double[TABLE_SIZE + 1];

    static {
        for (int i = 0; i <= TABLE_SIZE; i++) {
            CDF[i] = Normal.cdf(-TABLE_RANGE + 2 * TABLE_RANGE * i / TABLE_SIZE);
        }
    }

    /** The standard normal distribution function by linear interpolation in a table (error below 1e-6). */
    static double fastCdf(double z) {
        double x = (z + TABLE_RANGE) * (TABLE_SIZE / (2 * TABLE_RANGE));
        if (x <= 0) {
            return 0;
        }
        if (x >= TABLE_SIZE) {
            return 1;
        }
        int i = (int) x;
        double f = x - i;
        return CDF[i] + f * (CDF[i + 1] - CDF[i]);
    }

    /** The equal pairwise correlation of the series' weekday-adjusted deviations. */
    public static double correlation(List<DemandSeries> histories) {
        if (histories.isEmpty()) {
            return 0;
        }
        int len = histories.stream().mapToInt(DemandSeries::length).min().orElse(0);
        int w = Math.min(WINDOW, len);
        if (w < 14) {
            return 0;
        }
        var totalDev = new double[w];
        double sumVar = 0;
        double sumSd = 0;
        for (var s : histories) {
            var y = s.demand();
            int from = y.length - w;
            var wsum = new double[7];
            var wcnt = new int[7];
            for (int t = 0; t < w; t++) {
                wsum[t % 7] += y[from + t];
                wcnt[t % 7]++;
            }
            double v = 0;
            for (int t = 0; t < w; t++) {
                double d = y[from + t] - wsum[t % 7] / wcnt[t % 7];
                totalDev[t] += d;
                v += d * d;
            }
            v /= w;
            sumVar += v;
            sumSd += Math.sqrt(v);
        }
        double vt = 0;
        for (double d : totalDev) {
            vt += d * d;
        }
        vt /= w;
        double denom = sumSd * sumSd - sumVar;
        if (denom <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, (vt - sumVar) / denom));
    }
}
