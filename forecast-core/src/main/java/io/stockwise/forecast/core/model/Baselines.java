package io.stockwise.forecast.core.model;

import io.stockwise.forecast.core.Bucket;
import io.stockwise.forecast.core.ForecastModel;
import io.stockwise.forecast.core.LevelModel;
import java.util.ArrayList;
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

    /**
     * The local models for series in {@code bucket}, each answering any quantile levels: seasonal
     * naive and ETS with the bucket's season, Croston, SBA, TSB, ADIDA, iMAPA, and the negative
     * binomial and hurdle count models; for days also the weekday moving average.
     */
    public static List<LevelModel> forBucket(Bucket bucket) {
        var out = new ArrayList<LevelModel>();
        out.add(SeasonalNaive.forBucket(bucket));
        if (bucket == Bucket.DAY) {
            out.add(new WeekdayProfile());
        }
        out.add(Ets.forBucket(bucket));
        for (var m : Intermittent.Method.values()) {
            out.add(new Intermittent(m));
        }
        for (var m : TemporalAggregation.Method.values()) {
            out.add(new TemporalAggregation(m));
        }
        for (var m : CountModel.Method.values()) {
            out.add(new CountModel(m));
        }
        return List.copyOf(out);
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
