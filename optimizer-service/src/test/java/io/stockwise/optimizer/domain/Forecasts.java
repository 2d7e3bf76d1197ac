package io.stockwise.optimizer.domain;

import java.util.ArrayList;
import java.util.Optional;
import java.util.function.IntFunction;

/** Forecasts for tests. */
final class Forecasts {
    static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    private Forecasts() {}

    /** Every quantile of day d equals means[d]. */
    static DemandForecast deterministic(double... means) {
        var days = new ArrayList<ForecastDay>();
        for (double m : means) {
            var q = new double[DECILES.length];
            java.util.Arrays.fill(q, m);
            days.add(new ForecastDay(m, q));
        }
        return new DemandForecast(Optional.empty(), "test", "1", DECILES, days);
    }

    /** Days of N(mu, sigma) demand, quantiles at the given levels (negative values cut to 0). */
    static DemandForecast normal(int days, double mu, double sigma, double[] levels) {
        return build(days, levels, d -> {
            var q = new double[levels.length];
            for (int j = 0; j < levels.length; j++) {
                q[j] = Math.max(0, mu + sigma * Normal.inverse(levels[j]));
            }
            return new ForecastDay(mu, q);
        });
    }

    static DemandForecast build(int days, double[] levels, IntFunction<ForecastDay> day) {
        var list = new ArrayList<ForecastDay>();
        for (int d = 0; d < days; d++) {
            list.add(day.apply(d));
        }
        return new DemandForecast(Optional.empty(), "test", "1", levels, list);
    }

    /** Levels 0.05, 0.10, ..., 0.95. */
    static double[] twentieths() {
        var l = new double[19];
        for (int i = 0; i < l.length; i++) {
            l[i] = (i + 1) / 20.0;
        }
        return l;
    }
}
