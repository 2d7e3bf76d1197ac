package io.stockwise.forecast.domain;

import io.stockwise.forecast.core.model.SeasonalNaive;

/**
 * The weekly seasonal-naive baseline with empirical quantiles, served from forecast-core's
 * {@link SeasonalNaive} (see its Javadoc for the formulas: the same weekday of the last week,
 * quantiles from the in-sample one-season errors scaled by {@code sqrt(ceil(h/7))}, the mean of
 * the clamped distribution; a Poisson distribution around the mean for histories under two weeks).
 */
public final class SeasonalNaiveForecaster extends CoreForecaster {
    /** The model name clients ask for. */
    public static final String MODEL = SeasonalNaive.NAME;
    /** The version reported with every forecast; bump it when the formulas change. */
    public static final String VERSION = "seasonal_naive-1";
    /** The season length in days (weekly seasonality). */
    public static final int SEASON_DAYS = 7;
    /** Shortest history, in days, that gets the seasonal-naive forecast; shorter ones get the Poisson fallback. */
    public static final int MIN_SEASONAL_HISTORY_DAYS = 2 * SEASON_DAYS;

    public SeasonalNaiveForecaster() {
        super(new SeasonalNaive(), VERSION);
    }
}
