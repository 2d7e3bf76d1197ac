package io.stockwise.forecast.core.ensemble;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LocalModel;
import io.stockwise.forecast.core.Normal;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.Quantiles;

/**
 * A total-level model, {@value #NAME}: Holt's damped-trend smoothing (FPP3 §8.2) of the weekly
 * sums (7-day blocks ending on the cutoff) over the last {@value #WEEKS} weeks, the parameters
 * {@code α, β, φ} from a small grid minimising the one-step squared error, and each forecast week
 * spread over its days by the weekday shares of the last {@value #SHARE_WEEKS} weeks (so days the
 * shop never trades stay at zero). Made for the shop total, whose level and trend move for reasons
 * (season, marketing) that no single series shows; quantiles are normal with the weekly one-step
 * error growing as the damped-trend variance, split over the days by their shares.
 */
public final class WeeklyHolt implements LocalModel {
    public static final String NAME = "holt_weekly";
    static final int WEEKS = 26;
    static final int SHARE_WEEKS = 8;
    private static final double[] ALPHAS = {0.2, 0.4, 0.6, 0.8};
    private static final double[] BETAS = {0.0, 0.1, 0.2};
    private static final double[] PHIS = {0.8, 0.9, 0.98};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public QuantileForecast forecast(DemandSeries s, int horizon) {
        var y = s.demand();
        int first = s.firstSaleIndex();
        int weeks = Math.min(WEEKS, (y.length - first) / 7);
        var mean = new double[horizon];
        var q = new double[horizon][Quantiles.COUNT];
        var start = s.lastDate().plusDays(1);
        if (weeks < 4) {
            double m = 0;
            for (int t = first; t < y.length; t++) {
                m += y[t] / Math.max(1, y.length - first);
            }
            for (int h = 0; h < horizon; h++) {
                mean[h] = m;
                q[h] = Quantiles.countQuantiles(m, 1, Quantiles.levels());
            }
            return new QuantileForecast(s.id(), start, mean, q);
        }
        var w = new double[weeks];
        for (int k = 0; k < weeks; k++) {
            int end = y.length - 7 * (weeks - 1 - k);
            for (int t = end - 7; t < end; t++) {
                w[k] += y[t];
            }
        }
        double best = Double.POSITIVE_INFINITY;
        double[] bp = null;
        for (double a : ALPHAS) {
            for (double b : BETAS) {
                for (double phi : PHIS) {
                    double sse = run(w, a, b, phi, null);
                    if (sse < best) {
                        best = sse;
                        bp = new double[] {a, b, phi};
                    }
                }
            }
        }
        var state = new double[2];
        double sse = run(w, bp[0], bp[1], bp[2], state);
        double sigma = Math.sqrt(sse / Math.max(1, weeks - 2));
        // Weekday shares of the last weeks, by position in the 7-day block.
        var share = new double[7];
        double sum = 0;
        int shareWeeks = Math.min(SHARE_WEEKS, weeks);
        for (int t = y.length - 7 * shareWeeks; t < y.length; t++) {
            share[Math.floorMod(t - y.length, 7)] += y[t];
            sum += y[t];
        }
        for (int d = 0; d < 7; d++) {
            share[d] = sum > 0 ? share[d] / sum : 1.0 / 7;
        }
        var levels = Quantiles.levels();
        double level = state[0];
        double trend = state[1];
        double phiSum = 0;
        double varFactor = 0;
        double phiJ = 0;
        for (int h = 0; h < horizon; h++) {
            int week = h / 7 + 1;
            if (h % 7 == 0) {
                phiSum += Math.pow(bp[2], week);
                if (week > 1) {
                    phiJ += Math.pow(bp[2], week - 1);
                }
                double c = bp[0] * (1 + bp[1] * phiJ);
                varFactor += week == 1 ? 1 : c * c;
            }
            double weekMean = Math.max(0, level + phiSum * trend);
            double sh = share[Math.floorMod(h, 7)];
            mean[h] = weekMean * sh;
            double sd = sigma * Math.sqrt(varFactor) * sh;
            for (int j = 0; j < Quantiles.COUNT; j++) {
                q[h][j] = Math.max(0, mean[h] + sd * Normal.inverse(levels[j]));
            }
        }
        return new QuantileForecast(s.id(), start, mean, q);
    }

    /** The damped-trend recursions on weekly sums; returns the one-step SSE after the first week. */
    static double run(double[] w, double a, double b, double phi, double[] state) {
        double level = w[0];
        double trend = 0;
        double sse = 0;
        for (int k = 1; k < w.length; k++) {
            double fit = level + phi * trend;
            double e = w[k] - fit;
            sse += e * e;
            double prev = level;
            level = fit + a * e;
            trend = phi * trend + a * b * e;
            if (Double.isNaN(prev)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        if (state != null) {
            state[0] = level;
            state[1] = trend;
        }
        return sse;
    }
}
