package io.stockwise.forecast.domain;

/** Port: where forecasts are kept and announced. */
public interface ForecastStore {
    /**
     * Stores every forecast of the run and queues one {@code stockwise.forecasts.v1} event per
     * forecast, atomically: either all are stored and will be published, or nothing is.
     *
     * @throws ForecastStoreUnavailable when the database cannot be reached
     */
    void save(ForecastRun run);
}
