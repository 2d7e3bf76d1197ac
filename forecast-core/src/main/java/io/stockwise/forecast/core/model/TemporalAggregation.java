package io.stockwise.forecast.core.model;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LevelForecast;
import io.stockwise.forecast.core.LevelModel;
import io.stockwise.forecast.core.Quantiles;
import java.util.Locale;

/**
 * Temporal aggregation for intermittent demand (Nikolopoulos et al. 2011; Petropoulos &amp;
 * Kourentzes 2015), on the history from the first sale:
 *
 * <ul>
 *   <li>{@code adida}: sum the history into non-overlapping blocks of {@code k} steps ending at the
 *       cutoff, {@code k} the mean inter-demand interval rounded (at least 1); forecast the block
 *       total by simple exponential smoothing; each future step gets a {@code 1/k} share.
 *   <li>{@code imapa}: the same for every {@code k} from 1 to that interval (at most
 *       {@value #MAX_LEVEL}), the per-step rates averaged.
 * </ul>
 * SES's constant is chosen from {@code {0.05, 0.1, 0.2, 0.3}} by one-step squared error on the
 * blocks. Quantiles: negative binomial around the flat rate with the dispersion of the one-step
 * fit at {@code k = 1} ({@code φ = Σ(y - ŷ)² / Σŷ}, at least 1).
 */
public final class TemporalAggregation implements LevelModel {
    /** The variant. */
    public enum Method { ADIDA, IMAPA }

    static final int MAX_LEVEL = 12;
    private static final double[] ALPHAS = {0.05, 0.1, 0.2, 0.3};
    private final Method method;

    public TemporalAggregation(Method method) {
        this.method = method;
    }

    @Override
    public String name() {
        return method.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public LevelForecast forecast(DemandSeries s, int horizon, double[] levels) {
        var y = s.demand();
        int first = s.firstSaleIndex();
        var mean = new double[horizon];
        var q = new double[horizon][levels.length];
        var from = s.lastDate().plusDays(1);
        if (first >= y.length) {
            return new LevelForecast(s.id(), from, levels, mean, q);
        }
        int n = y.length - first;
        int nz = 0;
        for (int i = first; i < y.length; i++) {
            if (y[i] > 0) {
                nz++;
            }
        }
        int adi = (int) Math.max(1, Math.min(MAX_LEVEL, Math.round((double) n / nz)));
        double rate;
        if (method == Method.ADIDA) {
            rate = blockRate(y, first, adi);
        } else {
            double sum = 0;
            for (int k = 1; k <= adi; k++) {
                sum += blockRate(y, first, k);
            }
            rate = sum / adi;
        }
        // Dispersion of the one-step SES fit on the steps themselves.
        double[] one = ses(y, first, y.length, bestAlpha(y, first, y.length));
        double dispersion = one[2] > 0 ? Math.max(1, one[1] / one[2]) : 1;
        var qd = Quantiles.countQuantiles(rate, dispersion, levels);
        for (int h = 0; h < horizon; h++) {
            mean[h] = rate;
            q[h] = qd;
        }
        return new LevelForecast(s.id(), from, levels, mean, q);
    }

    /** SES forecast per step from blocks of {@code k} steps ending at the last step (a partial first block is dropped). */
    static double blockRate(double[] y, int first, int k) {
        int blocks = (y.length - first) / k;
        if (blocks == 0) {
            return Baselines.mean(y, first, y.length);
        }
        var b = new double[blocks];
        int start = y.length - blocks * k;
        for (int i = 0; i < blocks; i++) {
            for (int j = 0; j < k; j++) {
                b[i] += y[start + i * k + j];
            }
        }
        return ses(b, 0, blocks, bestAlpha(b, 0, blocks))[0] / k;
    }

    private static double bestAlpha(double[] y, int from, int to) {
        double best = Double.POSITIVE_INFINITY;
        double alpha = ALPHAS[0];
        for (double a : ALPHAS) {
            double sse = ses(y, from, to, a)[1];
            if (sse < best) {
                best = sse;
                alpha = a;
            }
        }
        return alpha;
    }

    /** {@code [level at the end, one-step SSE, sum of one-step fits]} of SES started at {@code y[from]}. */
    static double[] ses(double[] y, int from, int to, double alpha) {
        double l = y[from];
        double sse = 0;
        double sfit = 0;
        for (int i = from + 1; i < to; i++) {
            double e = y[i] - l;
            sse += e * e;
            sfit += l;
            l += alpha * e;
        }
        return new double[] {l, sse, sfit};
    }
}
