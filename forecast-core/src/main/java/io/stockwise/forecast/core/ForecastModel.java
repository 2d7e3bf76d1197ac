package io.stockwise.forecast.core;

import java.util.List;

/**
 * A forecasting method: fitted on histories that all end on the same cutoff day, it forecasts the
 * {@code horizon} days after it for each of them. Local baselines fit each series on its own;
 * global models train one network across all series.
 */
public interface ForecastModel {
    /** The model's name, e.g. {@code seasonal_naive}. */
    String name();

    /**
     * Fits on {@code histories} (each ending on the cutoff) and forecasts the next {@code horizon}
     * days of each, in order. Uses nothing beyond the given histories.
     */
    List<QuantileForecast> fitAndForecast(List<DemandSeries> histories, int horizon);
}
