package io.stockwise.forecast.core.model;

import io.stockwise.forecast.core.ForecastModel;
import java.util.List;

/** The baseline models and small helpers they share. */
public final class Baselines {
    private Baselines() {}

    /** Every baseline, in report order. */
    public static List<ForecastModel> all() {
        return List.of(new SeasonalNaive(), new WeekdayProfile(), new Ets(),
                new Intermittent(Intermittent.Method.CROSTON), new Intermittent(Intermittent.Method.SBA),
                new Intermittent(Intermittent.Method.TSB));
    }

    static double mean(double[] y, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            s += y[i];
        }
        return s / (to - from);
    }
}
