package io.stockwise.forecast.domain;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A request to train, as the client sent it.
 *
 * @param horizonDays days to forecast (and to backtest), 1 to {@value ForecastQuery#MAX_HORIZON_DAYS}; 0 means 28
 * @param asOfDate the cutoff for every series; empty means the last day with demand of any series
 * @param seed the network's seed; 0 means the configured one
 * @param epochs the network's epochs; 0 means the configured number
 */
public record TrainRequest(int horizonDays, Optional<LocalDate> asOfDate, long seed, int epochs) {
    /** Most epochs a request may ask for. */
    public static final int MAX_EPOCHS = 1000;
}
