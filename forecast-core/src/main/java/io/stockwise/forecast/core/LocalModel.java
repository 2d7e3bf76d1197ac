package io.stockwise.forecast.core;

import java.util.List;

/** A model that forecasts every series from its own history alone. */
public interface LocalModel extends ForecastModel {
    /** Forecasts the {@code horizon} days after the end of {@code history}. */
    QuantileForecast forecast(DemandSeries history, int horizon);

    @Override
    default List<QuantileForecast> fitAndForecast(List<DemandSeries> histories, int horizon) {
        return histories.parallelStream().map(h -> forecast(h, horizon)).toList();
    }
}
