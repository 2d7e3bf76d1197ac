package io.stockwise.forecast.core;

/**
 * A local model that computes its predictive distribution, so it answers any probability levels
 * directly (not by interpolating nine). Its nine-level {@link #forecast(DemandSeries, int)} is the
 * same computation at {@link Quantiles#STANDARD}.
 */
public interface LevelModel extends LocalModel {
    /** Forecasts the {@code horizon} steps after the end of {@code history} at ascending {@code levels}. */
    LevelForecast forecast(DemandSeries history, int horizon, double[] levels);

    @Override
    default QuantileForecast forecast(DemandSeries history, int horizon) {
        return forecast(history, horizon, Quantiles.levels()).toStandard();
    }
}
