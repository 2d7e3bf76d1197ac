package io.stockwise.forecast.core;

/**
 * A local model that computes its predictive distribution, so it answers any probability levels
 * directly (not by interpolating nine). Its nine-level {@link #forecast(DemandSeries, int)} is the
 * same computation at {@link Quantiles#STANDARD}.
 */
public interface LevelModel extends LocalModel, LevelForecaster {
    /** Forecasts the {@code horizon} steps after the end of {@code history} at ascending {@code levels}. */
    LevelForecast forecast(DemandSeries history, int horizon, double[] levels);

    @Override
    default java.util.List<LevelForecast> forecastAll(java.util.List<DemandSeries> histories, int horizon, double[] levels) {
        return histories.parallelStream().map(h -> forecast(h, horizon, levels)).toList();
    }

    @Override
    default QuantileForecast forecast(DemandSeries history, int horizon) {
        return forecast(history, horizon, Quantiles.levels()).toStandard();
    }
}
