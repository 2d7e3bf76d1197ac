package io.stockwise.forecast.core;

import java.util.List;

/**
 * A forecasting method answering requested levels for many series at once: a local model one
 * series at a time ({@link LevelModel}), a global one trained across all of them.
 */
public interface LevelForecaster {
    /** The method's name, e.g. {@code tsb}. */
    String name();

    /**
     * Forecasts the {@code horizon} steps after each history (all ending on the same cutoff) at
     * ascending {@code levels}, in order, using nothing beyond the histories.
     *
     * @throws IllegalArgumentException when the histories are too short for the method
     */
    List<LevelForecast> forecastAll(List<DemandSeries> histories, int horizon, double[] levels);
}
