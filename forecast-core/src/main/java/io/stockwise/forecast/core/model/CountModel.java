package io.stockwise.forecast.core.model;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LevelForecast;
import io.stockwise.forecast.core.LevelModel;
import io.stockwise.forecast.core.Quantiles;
import java.util.Locale;

/**
 * Count distributions for slow movers, with the Teunter–Syntetos–Babai (TSB) smoother's level:
 * the occurrence probability {@code π} (updated every step towards 1 or 0) and the non-zero size
 * {@code z} (updated at demand steps), smoothing constant {@value #ALPHA}, from the first sale on.
 * The mean is {@code π·z}, flat over the horizon (an item that stopped selling decays to zero).
 *
 * <ul>
 *   <li>{@code negbin}: negative binomial with that mean and the dispersion
 *       {@code φ = Σ(y - ŷ)² / Σŷ} of the one-step TSB fit (at least 1: Poisson).
 *   <li>{@code hurdle}: zero with probability {@code 1 - π}; otherwise {@code 1 + N}, with
 *       {@code N} negative binomial of mean {@code z - 1} and the dispersion of the observed non-zero
 *       sizes ({@code var/(mean - 1)}, at least 1), so quantile τ is 0 for {@code τ ≤ 1 - π} and
 *       {@code 1 + F_N⁻¹((τ - 1 + π)/π)} above.
 * </ul>
 */
public final class CountModel implements LevelModel {
    /** The variant. */
    public enum Method { NEGBIN, HURDLE }

    static final double ALPHA = 0.1;
    private final Method method;

    public CountModel(Method method) {
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
        var fit = Tsb.fit(y, first, ALPHA);
        double rate = fit.pi() * fit.size();
        double[] qd;
        if (method == Method.NEGBIN) {
            qd = Quantiles.countQuantiles(rate, fit.dispersion(), levels);
        } else {
            qd = new double[levels.length];
            double pi = Math.min(1, fit.pi());
            double sizeMean = Math.max(0, fit.size() - 1);
            double d = fit.sizeMean() - 1 > 1e-9 ? Math.max(1, fit.sizeVar() / (fit.sizeMean() - 1)) : 1;
            int firstPositive = 0;
            while (firstPositive < levels.length && levels[firstPositive] <= 1 - pi) {
                firstPositive++;
            }
            if (firstPositive < levels.length && pi > 0) {
                var inner = new double[levels.length - firstPositive];
                for (int j = 0; j < inner.length; j++) {
                    inner[j] = Math.min(1 - 1e-12, (levels[firstPositive + j] - 1 + pi) / pi);
                }
                var nq = Quantiles.countQuantiles(sizeMean, d, inner);
                for (int j = 0; j < inner.length; j++) {
                    qd[firstPositive + j] = 1 + nq[j];
                }
            }
        }
        for (int h = 0; h < horizon; h++) {
            mean[h] = rate;
            q[h] = qd;
        }
        return new LevelForecast(s.id(), from, levels, mean, q);
    }

    /** The TSB smoother's end state and its fit statistics. */
    record Tsb(double pi, double size, double dispersion, double sizeMean, double sizeVar) {
        static Tsb fit(double[] y, int first, double alpha) {
            double z = y[first];
            double pi = 1.0 / Math.max(1, Math.min(first + 1.0, 30));
            double sse = 0;
            double sfit = 0;
            double sSum = y[first];
            double sSq = y[first] * y[first];
            int nS = 1;
            for (int i = first + 1; i < y.length; i++) {
                double fitted = pi * z;
                sse += (y[i] - fitted) * (y[i] - fitted);
                sfit += fitted;
                if (y[i] > 0) {
                    z += alpha * (y[i] - z);
                    pi += alpha * (1 - pi);
                    sSum += y[i];
                    sSq += y[i] * y[i];
                    nS++;
                } else {
                    pi += alpha * (0 - pi);
                }
            }
            double sm = sSum / nS;
            double sv = nS > 1 ? Math.max(0, (sSq - nS * sm * sm) / (nS - 1)) : 0;
            return new Tsb(pi, z, sfit > 0 ? Math.max(1, sse / sfit) : 1, sm, sv);
        }
    }
}
