package io.stockwise.forecast.domain;

/** Port: what the forecast use case reports to monitoring. */
public interface ForecastMetrics {
    /**
     * One call of a model's inference finished.
     *
     * @param model the model name (a bounded label)
     * @param series how many series it forecast
     * @param nanos how long it took, in nanoseconds
     */
    void inference(String model, int series, long nanos);

    /** Metrics that go nowhere, for tests. */
    ForecastMetrics NONE = (model, series, nanos) -> {};
}
