package io.stockwise.forecast.domain;

import io.stockwise.forecast.core.Bucket;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LevelModel;
import io.stockwise.forecast.core.model.Baselines;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weekly and monthly forecasts from daily histories: each history is summed into the bucket's
 * complete buckets ({@link Bucket#aggregate}) and forecast by one of the bucket's local models
 * ({@link Baselines#forBucket}) at the requested levels.
 *
 * <p>The partial last bucket: a history ending before the last day of its week or month does
 * not count that bucket (its days so far would read as a whole bucket of low demand); the
 * forecast's {@code asOfDate} is the last day of the last complete bucket, and the partial bucket
 * is the first one forecast, whole. Each {@link ForecastDay} is one bucket, dated by its first day.
 */
public final class BucketForecaster {
    private final Map<Bucket, Map<String, LevelModel>> models = new LinkedHashMap<>();

    public BucketForecaster() {
        for (var b : List.of(Bucket.WEEK, Bucket.MONTH)) {
            var byName = new LinkedHashMap<String, LevelModel>();
            Baselines.forBucket(b).forEach(m -> byName.put(m.name(), m));
            models.put(b, Map.copyOf(byName));
        }
    }

    /** The model names a weekly or monthly request may ask for, sorted. */
    public List<String> models(Bucket bucket) {
        return models.get(bucket).keySet().stream().sorted().toList();
    }

    /**
     * Forecasts each daily history (non-empty, ending on its as-of day) in {@code bucket}.
     *
     * @param model a name from {@link #models}
     * @param horizon buckets to forecast
     * @param levels ascending levels
     */
    public List<SeriesForecast> forecast(List<DemandHistory> histories, Bucket bucket, String model, int horizon,
            double[] levels, Instant createTime) {
        var m = models.get(bucket).get(model);
        if (m == null) {
            throw new IllegalArgumentException("no " + bucket.label() + " model " + model);
        }
        var levelList = Arrays.stream(levels).boxed().toList();
        var out = new ArrayList<SeriesForecast>(histories.size());
        for (var h : histories) {
            var daily = DemandSeries.of(h.series().key(), h.startDate(), h.quantities());
            var bucketed = bucket.aggregate(daily);
            var f = m.forecast(bucketed, horizon, levels);
            long first = f.firstDate().toEpochDay();
            var days = new ArrayList<ForecastDay>(horizon);
            for (int k = 0; k < horizon; k++) {
                days.add(new ForecastDay(bucket.start(first + k), f.mean()[k], f.quantiles()[k]));
            }
            var asOf = bucket.start(first).minusDays(1);
            out.add(new SeriesForecast(h.series(), model, model + "-" + bucket.label() + "-1", asOf, levelList, days,
                    createTime));
        }
        return out;
    }
}
