package io.stockwise.forecast.domain;

import java.util.List;

/** The probability levels every Stockwise forecast reports quantiles at. */
public final class QuantileLevels {
    /**
     * The nine levels of the M5 uncertainty competition, ascending: the median, the quartiles and
     * the central 67%, 95% and 99% intervals. {@code ForecastDay} quantiles follow this order.
     */
    public static final List<Double> STANDARD = List.of(0.005, 0.025, 0.165, 0.25, 0.5, 0.75, 0.835, 0.975, 0.995);

    private QuantileLevels() {}

    /** {@link #STANDARD} as a fresh array, for arithmetic. */
    public static double[] standard() {
        return STANDARD.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
