package io.stockwise.forecast.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Port: a forecasting model. Given daily demand histories it produces a mean and quantiles at
 * {@link QuantileLevels#STANDARD} for each of the next {@code horizonDays} days of each series.
 *
 * <p>Implementations are thread-safe. Statistical baselines such as {@link SeasonalNaiveForecaster}
 * work one series at a time; global models (DJL) override {@link #forecastAll} to batch.
 */
public interface Forecaster {
    /** The model name clients ask for, e.g. {@code seasonal_naive}. */
    String model();

    /** The version of the model that {@link #forecast} runs, e.g. {@code seasonal_naive-1}. */
    String version();

    /**
     * Forecasts the days after {@code history.endDate()}.
     *
     * @param history a non-empty history ending on the forecast's as-of day
     * @param horizonDays days to forecast, at least 1
     * @param createTime the forecast's creation time
     */
    SeriesForecast forecast(DemandHistory history, int horizonDays, Instant createTime);

    /** Forecasts each history, in order; see {@link #forecast}. */
    default List<SeriesForecast> forecastAll(List<DemandHistory> histories, int horizonDays, Instant createTime) {
        var out = new ArrayList<SeriesForecast>(histories.size());
        for (var h : histories) {
            out.add(forecast(h, horizonDays, createTime));
        }
        return out;
    }
}
