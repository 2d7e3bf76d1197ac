package io.stockwise.forecast.core.metrics;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LevelForecast;
import io.stockwise.forecast.core.Levels;
import java.util.List;

/**
 * Measures for forecasts at requested levels, in any bucket (see {@code BucketEvaluation}).
 *
 * <ul>
 *   <li><b>WQL</b>, weighted quantile loss: for each requested level τ,
 *       {@code 2·Σ pinball_τ(y, q_τ) / Σ|y|} over every series and step, averaged over the levels
 *       (the measure of the spare-parts benchmarks, GluonTS's {@code mean_wQuantileLoss});
 *       {@code pinball_τ(y, q) = τ(y - q)} when {@code y ≥ q}, {@code (1 - τ)(q - y)} otherwise.
 *   <li><b>MASE</b> with the bucket's seasonal scale: per series
 *       {@code mean_h |y - median| / mean_t |y_t - y_{t-m}|}, the scale over the history from the
 *       first sale with {@code m} the season (7 days, 52 weeks, 12 months); a history of at most
 *       {@code m} steps from its first sale uses {@code m = 1}; series whose scale is 0 are left out.
 *       The MASE of the all-zero forecast is computed on the same series beside it: on mostly-zero
 *       data it is often lower, which says MASE rewards forecasting nothing, not that nothing is
 *       the better plan.
 *   <li><b>Coverage</b> of each central interval formed by a requested level pair τ and 1 - τ
 *       (τ &lt; 0.5): the share of series-steps whose actual lies within {@code [q_τ, q_{1-τ}]}.
 * </ul>
 */
public final class BucketMetrics {
    private BucketMetrics() {}

    /**
     * Scores of one model.
     *
     * @param wql weighted quantile loss averaged over the levels (NaN when every actual is 0)
     * @param mase mean MASE over the series with a non-zero scale
     * @param zeroMase mean MASE of the all-zero forecast on the same series
     * @param intervals nominal coverage of each central interval, e.g. 0.8 for the 0.1–0.9 pair
     * @param coverage observed coverage of each interval
     * @param series series scored
     */
    public record Score(double wql, double mase, double zeroMase, double[] intervals, double[] coverage, int series) {}

    /** The pinball loss of quantile {@code q} at level {@code tau} for actual {@code y}. */
    public static double pinball(double y, double q, double tau) {
        double e = y - q;
        return e >= 0 ? tau * e : (tau - 1) * e;
    }

    /**
     * The sum over steps and {@code levels} of the pinball loss of {@code f} (whose levels must
     * include {@code levels}) against {@code actual}.
     */
    public static double pinballSum(double[] actual, LevelForecast f, double[] levels) {
        double s = 0;
        for (double tau : levels) {
            int j = Levels.indexOf(f.levels(), tau);
            for (int h = 0; h < actual.length; h++) {
                s += pinball(actual[h], f.quantile(h, j), tau);
            }
        }
        return s;
    }

    /** Σ|y| over the steps. */
    public static double absSum(double[] actual) {
        double s = 0;
        for (double v : actual) {
            s += Math.abs(v);
        }
        return s;
    }

    /** The seasonal MASE scale of a history (see the class comment); 0 when it is flat or too short. */
    public static double scale(DemandSeries history, int season) {
        var y = history.demand();
        int first = Math.min(history.firstSaleIndex(), y.length);
        int m = y.length - first > season ? season : 1;
        double s = 0;
        int k = 0;
        for (int t = first + m; t < y.length; t++) {
            s += Math.abs(y[t] - y[t - m]);
            k++;
        }
        return k == 0 ? 0 : s / k;
    }

    /**
     * Scores forecasts (one per history, same order; levels including {@code levels} and 0.5)
     * against the actuals after each history's end.
     */
    public static Score score(List<DemandSeries> histories, List<LevelForecast> forecasts, List<double[]> actuals,
            double[] levels, int season) {
        double pin = 0;
        double abs = 0;
        double mase = 0;
        double zero = 0;
        int nm = 0;
        var pairs = new java.util.ArrayList<double[]>();
        for (double tau : levels) {
            if (tau < 0.5 && java.util.Arrays.binarySearch(levels, 1 - tau) >= 0) {
                pairs.add(new double[] {tau, 1 - tau});
            }
        }
        var covered = new long[pairs.size()];
        long steps = 0;
        for (int i = 0; i < histories.size(); i++) {
            var f = forecasts.get(i);
            var y = actuals.get(i);
            pin += pinballSum(y, f, levels);
            abs += absSum(y);
            int med = Levels.indexOf(f.levels(), 0.5);
            double sc = scale(histories.get(i), season);
            if (sc > 0) {
                double e = 0;
                double z = 0;
                for (int h = 0; h < y.length; h++) {
                    e += Math.abs(y[h] - f.quantile(h, med));
                    z += Math.abs(y[h]);
                }
                mase += e / y.length / sc;
                zero += z / y.length / sc;
                nm++;
            }
            for (int p = 0; p < pairs.size(); p++) {
                int lo = Levels.indexOf(f.levels(), pairs.get(p)[0]);
                int hi = Levels.indexOf(f.levels(), pairs.get(p)[1]);
                for (int h = 0; h < y.length; h++) {
                    if (y[h] >= f.quantile(h, lo) && y[h] <= f.quantile(h, hi)) {
                        covered[p]++;
                    }
                }
            }
            steps += y.length;
        }
        var nominal = new double[pairs.size()];
        var cov = new double[pairs.size()];
        for (int p = 0; p < pairs.size(); p++) {
            nominal[p] = pairs.get(p)[1] - pairs.get(p)[0];
            cov[p] = steps == 0 ? Double.NaN : (double) covered[p] / steps;
        }
        double wql = abs > 0 ? 2 * pin / abs / levels.length : Double.NaN;
        return new Score(wql, nm > 0 ? mase / nm : Double.NaN, nm > 0 ? zero / nm : Double.NaN, nominal, cov,
                histories.size());
    }
}
