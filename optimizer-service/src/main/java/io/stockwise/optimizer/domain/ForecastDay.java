package io.stockwise.optimizer.domain;

/**
 * The forecast demand of one day.
 *
 * @param mean expected units demanded that day
 * @param quantiles units at each level of {@link DemandForecast#quantileLevels()}, in that order
 */
public record ForecastDay(double mean, double[] quantiles) {
    public ForecastDay {
        quantiles = quantiles.clone();
    }

    /** A copy of the quantiles (the record is immutable). */
    @Override
    public double[] quantiles() {
        return quantiles.clone();
    }

    /** How many quantiles the day has. */
    public int quantileCount() {
        return quantiles.length;
    }

    /** The {@code i}-th quantile, without copying. */
    public double quantile(int i) {
        return quantiles[i];
    }
}
