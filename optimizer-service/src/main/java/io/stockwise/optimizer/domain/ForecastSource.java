package io.stockwise.optimizer.domain;

import java.util.List;
import java.util.Map;

/** Where forecasts not given in a request come from (forecast-service). */
public interface ForecastSource {
    /**
     * Forecasts for the series, each starting the day after its last day of history.
     *
     * @param series distinct series, at least one
     * @param horizonDays days each forecast must cover
     * @return the forecasts by series; a series forecast-service did not answer for is absent
     * @throws SeriesNotFound when forecast-service has no history for a series
     * @throws ForecastUnavailable when forecast-service is down or too slow
     * @throws ForecastUnusable when forecast-service refuses for another reason
     */
    Map<SeriesId, DemandForecast> forecasts(List<SeriesId> series, int horizonDays);

    /**
     * Forecasts for the series made from their histories up to {@code asOfDate} (days without
     * demand up to it count as zero), each starting the day after it; without a date, as
     * {@link #forecasts(List, int)}.
     */
    default Map<SeriesId, DemandForecast> forecasts(List<SeriesId> series, int horizonDays,
            java.util.Optional<java.time.LocalDate> asOfDate) {
        return forecasts(series, horizonDays);
    }
}
