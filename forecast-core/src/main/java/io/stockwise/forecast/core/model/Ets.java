package io.stockwise.forecast.core.model;

import io.stockwise.forecast.core.Bucket;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LevelForecast;
import io.stockwise.forecast.core.LevelModel;
import io.stockwise.forecast.core.Quantiles;

/**
 * Exponential smoothing with additive damped trend and additive weekly seasonality, ETS(A,Ad,A)
 * (FPP3 §8.3, damping {@code φ = }{@value #PHI}), fitted from the first sale on. Smoothing
 * parameters come from a small grid ({@code α, β, γ}) minimising the in-sample one-step squared
 * error. Point forecast {@code ℓ + (φ+…+φ^h)·b + s[h]}; its error variance grows as
 * {@code σ²(1 + Σ_{j<h} c_j²)}, {@code c_j = α(1 + βφ_j) + γ·[j ≡ 0 mod 7]} (FPP3 Table 8.8); the
 * quantiles are the empirical one-step residual quantiles scaled by that factor, clamped at 0; the
 * mean is the mean of the clamped distribution. Fewer than 14 days of history: Poisson around the mean.
 *
 * <p>With a season length {@code m} ({@link #forBucket}: 52 for weeks, 12 for months) the season
 * has {@code m} states; a history from the first sale shorter than two seasons is fitted without
 * a season, ETS(A,Ad,N) ({@code γ = 0}), when it has at least {@value #MIN_NONSEASONAL} buckets,
 * and gets a Poisson around its mean otherwise.
 */
public final class Ets implements LevelModel {
    public static final String NAME = "ets";
    static final int M = 7;
    static final double PHI = 0.9;
    private static final double[] ALPHAS = {0.03, 0.1, 0.2, 0.35};
    private static final double[] BETAS = {0, 0.02};
    private static final double[] GAMMAS = {0.03, 0.15};
    private static final double[] NO_GAMMA = {0};
    static final int MIN_NONSEASONAL = 4;
    private final int m;
    private final boolean bucketed;

    /** The daily model: weekly season. */
    public Ets() {
        this(M, false);
    }

    private Ets(int m, boolean bucketed) {
        this.m = m;
        this.bucketed = bucketed;
    }

    /** The model for {@code bucket}: the daily one for days, season 52 or 12 with the short-history rule otherwise. */
    public static Ets forBucket(Bucket bucket) {
        return bucket == Bucket.DAY ? new Ets() : new Ets(bucket.season(), true);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LevelForecast forecast(DemandSeries s, int horizon, double[] levels) {
        var all = s.demand();
        int first = Math.min(s.firstSaleIndex(), all.length);
        int n = all.length - first;
        var mean = new double[horizon];
        var q = new double[horizon][];
        int season = m;
        if (bucketed && n < 2 * m && n >= MIN_NONSEASONAL) {
            season = 1;
        }
        if (n < 2 * season || season == 1 && n < MIN_NONSEASONAL) {
            double lambda = Baselines.mean(all, first, all.length);
            for (int h = 0; h < horizon; h++) {
                mean[h] = lambda;
                q[h] = Quantiles.countQuantiles(lambda, 1, levels);
            }
            return new LevelForecast(s.id(), s.lastDate().plusDays(1), levels, mean, q);
        }
        var y = java.util.Arrays.copyOfRange(all, first, all.length);
        double best = Double.POSITIVE_INFINITY;
        double[] bestParams = null;
        for (double a : ALPHAS) {
            for (double b : BETAS) {
                for (double g : season == 1 ? NO_GAMMA : GAMMAS) {
                    double sse = run(y, season, a, b, g, null, null);
                    if (sse < best) {
                        best = sse;
                        bestParams = new double[] {a, b, g};
                    }
                }
            }
        }
        double a = bestParams[0];
        double b = bestParams[1];
        double g = bestParams[2];
        var state = new double[2 + season];
        var res = new double[n - season];
        run(y, season, a, b, g, state, res);
        var sorted = Quantiles.sorted(res);
        var rq = new double[levels.length];
        for (int j = 0; j < rq.length; j++) {
            rq[j] = Quantiles.empirical(sorted, levels[j]);
        }
        double l = state[0];
        double tr = state[1];
        double phiH = 0;
        double varFactor = 1;
        double phiJ = 0;
        for (int h = 1; h <= horizon; h++) {
            phiH += Math.pow(PHI, h);
            if (h > 1) {
                int j = h - 1;
                phiJ += Math.pow(PHI, j);
                double c = a * (1 + b * phiJ) + ((j % season == 0) ? g : 0);
                varFactor += c * c;
            }
            double point = l + phiH * tr + state[2 + (n + h - 1) % season];
            double scale = Math.sqrt(varFactor);
            var qh = new double[levels.length];
            for (int j = 0; j < qh.length; j++) {
                qh[j] = point + scale * rq[j];
            }
            double sum = 0;
            for (double e : sorted) {
                sum += Math.max(0, point + scale * e);
            }
            mean[h - 1] = sum / sorted.length;
            q[h - 1] = qh;
        }
        return new LevelForecast(s.id(), s.lastDate().plusDays(1), levels, mean, q);
    }

    /**
     * Runs the recursions with season length {@code m}; returns the one-step SSE after the first
     * season. When {@code state} is given it receives {@code ℓ, b, s[0..m-1]} (season indexed by
     * step mod m of the fitted range), and {@code res} the one-step residuals.
     */
    static double run(double[] y, int m, double a, double b, double g, double[] state, double[] res) {
        int n = y.length;
        var season = new double[m];
        double init = 0;
        for (int i = 0; i < m; i++) {
            init += y[i];
        }
        init /= m;
        for (int i = 0; i < m; i++) {
            season[i] = y[i] - init;
        }
        double l = init;
        double tr = 0;
        double sse = 0;
        for (int t = m; t < n; t++) {
            int k = t % m;
            double fit = l + PHI * tr + season[k];
            double e = y[t] - fit;
            sse += e * e;
            if (res != null) {
                res[t - m] = e;
            }
            double lPrev = l;
            l = lPrev + PHI * tr + a * e;
            tr = PHI * tr + a * b * e;
            season[k] += g * e;
        }
        if (state != null) {
            state[0] = l;
            state[1] = tr;
            System.arraycopy(season, 0, state, 2, m);
        }
        return sse;
    }
}
