package io.stockwise.forecast.core.model;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LevelForecast;
import io.stockwise.forecast.core.LevelModel;
import io.stockwise.forecast.core.Quantiles;
import java.util.Arrays;

/**
 * Croston's method, its Syntetos–Boylan bias correction (SBA) and Teunter–Syntetos–Babai (TSB),
 * smoothing constant {@value #ALPHA} for sizes and intervals/probability.
 *
 * <ul>
 *   <li>Croston: smoothed non-zero size {@code z} and inter-demand interval {@code p}, updated at
 *       demand days; rate {@code z/p}, occurrence probability {@code 1/p}.
 *   <li>SBA: Croston's rate times {@code 1 - α/2}.
 *   <li>TSB: size {@code z} updated at demand days, occurrence probability {@code π} updated every
 *       day towards 1 or 0; rate {@code π·z}.
 * </ul>
 * The flat daily predictive distribution is the zero-inflated mixture
 * {@code P(Y ≤ y) = (1 - π) + π·F(y)}, with {@code F} the empirical distribution of the last
 * {@value #SIZE_WINDOW} non-zero sizes rescaled to mean {@code z} (the size distribution shape
 * from data, its level from the smoother), so quantile τ is 0 when {@code τ ≤ 1 - π} and the
 * size quantile at {@code (τ - 1 + π)/π} otherwise; the mean is the method's rate.
 */
public final class Intermittent implements LevelModel {
    /** The variant. */
    public enum Method { CROSTON, SBA, TSB }

    static final double ALPHA = 0.1;
    static final int SIZE_WINDOW = 50;
    private final Method method;

    public Intermittent(Method method) {
        this.method = method;
    }

    @Override
    public String name() {
        return method.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public LevelForecast forecast(DemandSeries s, int horizon, double[] levels) {
        var y = s.demand();
        int first = s.firstSaleIndex();
        var mean = new double[horizon];
        var q = new double[horizon][levels.length];
        if (first >= y.length) {
            return new LevelForecast(s.id(), s.lastDate().plusDays(1), levels, mean, q);
        }
        double z = y[first];
        double p = first + 1.0; // interval since the (virtual) start
        double pi = 1.0 / Math.max(1, Math.min(p, 30));
        int since = 1;
        var sizes = new double[SIZE_WINDOW];
        int nSizes = 0;
        sizes[nSizes++ % SIZE_WINDOW] = y[first];
        for (int i = first + 1; i < y.length; i++) {
            if (y[i] > 0) {
                z += ALPHA * (y[i] - z);
                p += ALPHA * (since - p);
                pi += ALPHA * (1 - pi);
                since = 1;
                sizes[nSizes++ % SIZE_WINDOW] = y[i];
            } else {
                pi += ALPHA * (0 - pi);
                since++;
            }
        }
        double prob;
        double rate;
        switch (method) {
            case CROSTON -> {
                prob = Math.min(1, 1 / p);
                rate = z / p;
            }
            case SBA -> {
                prob = Math.min(1, 1 / p);
                rate = (1 - ALPHA / 2) * z / p;
            }
            default -> {
                prob = Math.min(1, pi);
                rate = pi * z;
            }
        }
        var sz = Arrays.copyOf(sizes, Math.min(nSizes, SIZE_WINDOW));
        Arrays.sort(sz);
        double szMean = Arrays.stream(sz).average().orElse(1);
        double sizeScale = prob > 0 ? rate / prob / szMean : 0;
        var qd = new double[levels.length];
        for (int j = 0; j < qd.length; j++) {
            double tau = levels[j];
            qd[j] = tau <= 1 - prob || prob <= 0 ? 0 : sizeScale * Quantiles.empirical(sz, (tau - 1 + prob) / prob);
        }
        for (int h = 0; h < horizon; h++) {
            mean[h] = rate;
            q[h] = qd;
        }
        return new LevelForecast(s.id(), s.lastDate().plusDays(1), levels, mean, q);
    }
}
