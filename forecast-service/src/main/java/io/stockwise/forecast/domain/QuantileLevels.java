package io.stockwise.forecast.domain;

import io.stockwise.forecast.core.Levels;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * A nine-level forecast read at other ascending {@code levels} ({@link Levels#interpolate}:
     * linear between the nine, a normal-shaped tail beyond 0.005 and 0.995, never below 0); the
     * forecast itself when the levels are the nine.
     */
    public static SeriesForecast at(SeriesForecast f, double[] levels) {
        var known = f.quantileLevels().stream().mapToDouble(Double::doubleValue).toArray();
        if (Arrays.equals(known, levels)) {
            return f;
        }
        var days = new ArrayList<ForecastDay>(f.days().size());
        for (var d : f.days()) {
            var q = d.quantiles();
            var out = new double[levels.length];
            for (int j = 0; j < levels.length; j++) {
                out[j] = Levels.interpolate(known, q, levels[j]);
            }
            days.add(new ForecastDay(d.date(), d.mean(), out));
        }
        return new SeriesForecast(f.series(), f.model(), f.modelVersion(), f.asOfDate(),
                Arrays.stream(levels).boxed().toList(), days, f.createTime());
    }
}
