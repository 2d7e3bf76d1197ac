package io.stockwise.forecast.core.metrics;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.Quantiles;
import java.util.Arrays;
import java.util.List;

/**
 * The M5 accuracy measures (M5 Competitors' Guide, 2020) on two levels, the total and the series.
 *
 * <ul>
 *   <li><b>RMSSE</b> of series {@code i}: {@code sqrt(mean_h (y - ŷ)² / mean_t (y_t - y_{t-1})²)}, the
 *       denominator over the history from its first sale to the cutoff (the in-sample one-step naive
 *       MSE); {@code ŷ} is the forecast mean.
 *   <li><b>SPL</b>: {@code (1/9) Σ_τ mean_h ρ_τ(y - q_τ) / mean_t |y_t - y_{t-1}|} with the pinball
 *       loss {@code ρ_τ(e) = τ e} for {@code e ≥ 0}, {@code (τ - 1) e} otherwise.
 *   <li><b>Weights</b>: each series' revenue (units × price) over the last 28 days up to the
 *       cutoff, normalised to sum 1 (units when no price is known). WRMSSE and WSPL at the series
 *       level are the weighted sums; the total level is one series with weight 1.
 *   <li><b>MASE</b>: {@code mean_h |y - median| / mean_t |y_t - y_{t-1}|} per series.
 *   <li><b>Coverage</b>: share of series-days whose actual lies within the central 50% (0.25–0.75),
 *       67% (0.165–0.835), 95% and 99% intervals.
 * </ul>
 */
public final class Metrics {
    /** Days of revenue that set the weights. */
    public static final int WEIGHT_DAYS = 28;

    private Metrics() {}

    /**
     * Scores {@code forecasts} (one per history, same order) against {@code actuals} (per series
     * the {@code horizon} days after the cutoff), with the {@code total} forecast at the top level.
     */
    public static Score score(List<DemandSeries> histories, List<QuantileForecast> forecasts, QuantileForecast total,
            List<double[]> actuals) {
        int n = histories.size();
        int horizon = total.horizon();
        var weights = weights(histories);
        var rmsse = new double[n];
        var spl = new double[n];
        var mase = new double[n];
        var covered = new long[4];
        long days = 0;
        double wr = 0;
        double ws = 0;
        double wsum = 0;
        var totalHist = new double[histories.isEmpty() ? 0 : histories.get(0).length()];
        var totalAct = new double[horizon];
        for (int i = 0; i < n; i++) {
            var hist = histories.get(i).demand();
            int off = totalHist.length - hist.length;
            for (int t = 0; t < hist.length; t++) {
                if (t + off >= 0) {
                    totalHist[t + off] += hist[t];
                }
            }
            var act = actuals.get(i);
            var f = forecasts.get(i);
            for (int h = 0; h < horizon; h++) {
                totalAct[h] += act[h];
                double y = act[h];
                days++;
                if (y >= f.quantile(h, 3) && y <= f.quantile(h, 5)) covered[0]++;
                if (y >= f.quantile(h, 2) && y <= f.quantile(h, 6)) covered[1]++;
                if (y >= f.quantile(h, 1) && y <= f.quantile(h, 7)) covered[2]++;
                if (y >= f.quantile(h, 0) && y <= f.quantile(h, 8)) covered[3]++;
            }
            var sc = scales(hist, histories.get(i).firstSaleIndex());
            rmsse[i] = sc[0] > 0 ? Math.sqrt(mse(act, f) / sc[0]) : Double.NaN;
            spl[i] = sc[1] > 0 ? pinball(act, f) / sc[1] : Double.NaN;
            mase[i] = sc[1] > 0 ? mae(act, f) / sc[1] : Double.NaN;
            if (sc[0] > 0 && sc[1] > 0) {
                wr += weights[i] * rmsse[i];
                ws += weights[i] * spl[i];
                wsum += weights[i];
            }
        }
        var tsc = scales(totalHist, 0);
        double rTotal = Math.sqrt(mse(totalAct, total) / tsc[0]);
        double sTotal = pinball(totalAct, total) / tsc[1];
        var finite = Arrays.stream(mase).filter(Double::isFinite).sorted().toArray();
        double maseMean = Arrays.stream(finite).average().orElse(Double.NaN);
        double maseMedian = finite.length == 0 ? Double.NaN : Quantiles.empirical(finite, 0.5);
        var coverage = new double[4];
        for (int k = 0; k < 4; k++) {
            coverage[k] = days == 0 ? Double.NaN : (double) covered[k] / days;
        }
        return new Score(rTotal, wsum > 0 ? wr / wsum : Double.NaN, sTotal, wsum > 0 ? ws / wsum : Double.NaN,
                maseMean, maseMedian, coverage, rmsse, spl, weights);
    }

    /** Revenue weights over the last {@value #WEIGHT_DAYS} days, summing to 1 (uniform when there is no revenue). */
    public static double[] weights(List<DemandSeries> histories) {
        int n = histories.size();
        var w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            var s = histories.get(i);
            var y = s.demand();
            for (int t = Math.max(0, y.length - WEIGHT_DAYS); t < y.length; t++) {
                w[i] += y[t] * (s.price() == null ? 1 : s.price()[t]);
            }
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] = sum > 0 ? w[i] / sum : 1.0 / n;
        }
        return w;
    }

    /** {@code [mean squared, mean absolute]} one-step differences from {@code first} on. */
    public static double[] scales(double[] y, int first) {
        double s2 = 0;
        double s1 = 0;
        int k = 0;
        for (int t = Math.max(1, first + 1); t < y.length; t++) {
            double d = y[t] - y[t - 1];
            s2 += d * d;
            s1 += Math.abs(d);
            k++;
        }
        return k == 0 ? new double[] {0, 0} : new double[] {s2 / k, s1 / k};
    }

    static double mse(double[] act, QuantileForecast f) {
        double s = 0;
        for (int h = 0; h < act.length; h++) {
            double e = act[h] - f.mean()[h];
            s += e * e;
        }
        return s / act.length;
    }

    static double mae(double[] act, QuantileForecast f) {
        double s = 0;
        for (int h = 0; h < act.length; h++) {
            s += Math.abs(act[h] - f.quantile(h, 4));
        }
        return s / act.length;
    }

    /** Mean over days and levels of the pinball loss. */
    public static double pinball(double[] act, QuantileForecast f) {
        double s = 0;
        for (int h = 0; h < act.length; h++) {
            for (int j = 0; j < Quantiles.COUNT; j++) {
                double e = act[h] - f.quantile(h, j);
                double tau = Quantiles.level(j);
                s += e >= 0 ? tau * e : (tau - 1) * e;
            }
        }
        return s / act.length / Quantiles.COUNT;
    }

    /** Per series {@code [rmsse[], spl[]]} (NaN where a scale is 0), without the total level. */
    public static double[][] seriesErrors(List<DemandSeries> histories, List<QuantileForecast> forecasts, List<double[]> actuals) {
        int n = histories.size();
        var rmsse = new double[n];
        var spl = new double[n];
        for (int i = 0; i < n; i++) {
            var sc = scales(histories.get(i).demand(), histories.get(i).firstSaleIndex());
            rmsse[i] = sc[0] > 0 ? Math.sqrt(mse(actuals.get(i), forecasts.get(i)) / sc[0]) : Double.NaN;
            spl[i] = sc[1] > 0 ? pinball(actuals.get(i), forecasts.get(i)) / sc[1] : Double.NaN;
        }
        return new double[][] {rmsse, spl};
    }
}
