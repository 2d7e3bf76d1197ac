package io.stockwise.forecast.domain;

import io.stockwise.commons.error.Validator;
import io.stockwise.forecast.core.Bucket;
import io.stockwise.forecast.core.Levels;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Optional;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The forecast use case: validates a request, reads each series' demand history, runs the
 * requested (or champion) model, then stores and publishes the forecasts in one transaction.
 *
 * <p>Histories are normalised to end exactly on the requested as-of day (later days dropped,
 * missing trailing days filled with zero demand), so a forecast never sees data from after that
 * day and always starts the day after it.
 */
public final class ForecastPlanner {
    private final FeatureStore features;
    private final ForecastStore store;
    private final ForecastMetrics metrics;
    private final Clock clock;
    private final Map<String, Forecaster> forecasters;
    private final Forecaster champion;
    private final ModelRegistry registry;
    private final ServingChampion serving;
    private final BucketForecaster bucketed = new BucketForecaster();

    /**
     * @param forecasters the models clients may ask for, by {@link Forecaster#model()}
     * @param championModel the model used when a request names none; must be among {@code forecasters}
     */
    public ForecastPlanner(FeatureStore features, ForecastStore store, ForecastMetrics metrics, Clock clock,
            List<Forecaster> forecasters, String championModel) {
        this(features, store, metrics, clock, forecasters, championModel, ModelRegistry.EMPTY);
    }

    /**
     * @param forecasters the models clients may ask for, by {@link Forecaster#model()}
     * @param championModel the baseline used when a request names none and no trained champion
     *     forecast is stored for a series; must be among {@code forecasters}
     * @param registry where trained champions' forecasts are looked up
     */
    public ForecastPlanner(FeatureStore features, ForecastStore store, ForecastMetrics metrics, Clock clock,
            List<Forecaster> forecasters, String championModel, ModelRegistry registry) {
        this(features, store, metrics, clock, forecasters, championModel, registry, ServingChampion.NONE);
    }

    /**
     * @param forecasters the models clients may ask for, by {@link Forecaster#model()}
     * @param championModel the baseline used when a request names none and no trained champion
     *     serves; must be among {@code forecasters}
     * @param registry where trained champions' stored forecasts are looked up
     * @param serving the loaded champion that computes forecasts on request
     */
    public ForecastPlanner(FeatureStore features, ForecastStore store, ForecastMetrics metrics, Clock clock,
            List<Forecaster> forecasters, String championModel, ModelRegistry registry, ServingChampion serving) {
        this.serving = Objects.requireNonNull(serving, "serving");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.features = Objects.requireNonNull(features, "features");
        this.store = Objects.requireNonNull(store, "store");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        var byName = new LinkedHashMap<String, Forecaster>();
        for (var f : forecasters) {
            if (byName.put(f.model(), f) != null) {
                throw new IllegalArgumentException("two forecasters named " + f.model());
            }
        }
        this.forecasters = Map.copyOf(byName);
        this.champion = byName.get(championModel);
        if (champion == null) {
            throw new IllegalArgumentException("champion model " + championModel + " is not one of " + byName.keySet());
        }
    }

    /** The model names a request may ask for. */
    public List<String> models() {
        return forecasters.keySet().stream().sorted().toList();
    }

    /**
     * Forecasts every series of the query, in query order, and stores and publishes the results.
     *
     * <p>With no model named, the trained champion serves. A series whose current champion forecast
     * is stored (made by the loaded champion's version as of the requested day, or the newest when
     * none is requested; not marked stale by a later demand change; covering the horizon) gets it
     * from the store, cut to the horizon: recomputing it would give the same numbers from the same
     * history. The others are computed on request by the loaded champion on their fresh histories
     * (the network's series in one batch on a pooled predictor), then stored and published, so the
     * next identical request is served from the store. When no champion is loaded, or it cannot
     * forecast that many days, the baseline champion ({@code championModel}) computes them.
     *
     * @throws InvalidForecastRequest naming every invalid field
     * @throws SeriesNotFound for the first series without demand history; nothing is stored then
     * @throws FeatureServiceUnavailable when histories cannot be read; nothing is stored then
     * @throws ForecastStoreUnavailable when the forecasts cannot be stored
     *
     * <p>Quantiles come at the query's levels ({@link QuantileLevels#at} for days; stored and
     * published forecasts keep the nine). A weekly or monthly query is answered by
     * {@link BucketForecaster} from the daily histories and is neither stored nor published.
     */
    public List<SeriesForecast> forecast(ForecastQuery query) {
        var forecaster = validate(query);
        var levels = query.quantileLevels().isEmpty() ? QuantileLevels.standard()
                : query.quantileLevels().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (query.bucket() != Bucket.DAY) {
            return forecastBuckets(query, levels);
        }
        return forecastDays(query, forecaster).stream().map(f -> QuantileLevels.at(f, levels)).toList();
    }

    private List<SeriesForecast> forecastBuckets(ForecastQuery query, double[] levels) {
        var asOf = query.asOfDate();
        var histories = new ArrayList<DemandHistory>(query.series().size());
        for (var id : query.series()) {
            histories.add(features.demandHistory(id, asOf).map(h -> asOf.map(h::endingOn).orElse(h))
                    .filter(h -> !h.isEmpty())
                    .orElseThrow(() -> new SeriesNotFound(id, asOf)));
        }
        var model = query.model().isEmpty() ? ForecastQuery.DEFAULT_BUCKET_MODEL : query.model();
        long start = System.nanoTime();
        var out = bucketed.forecast(histories, query.bucket(), model, query.effectiveHorizonBuckets(), levels,
                clock.instant());
        metrics.inference(model, out.size(), System.nanoTime() - start);
        return out;
    }

    private List<SeriesForecast> forecastDays(ForecastQuery query, Forecaster forecaster) {
        int horizon = query.effectiveHorizonDays();
        var asOf = query.asOfDate();

        var champion = query.model().isEmpty() ? serving.current() : Optional.<ChampionModel>empty();
        Map<SeriesId, SeriesForecast> trained = query.model().isEmpty()
                ? registry.championForecasts(query.series(), asOf) : Map.of();
        if (champion.isPresent()) {
            var version = champion.get().version();
            trained = new HashMap<>(trained);
            trained.values().removeIf(f -> !f.modelVersion().equals(version));
        }
        var histories = new ArrayList<DemandHistory>(query.series().size());
        for (var id : query.series()) {
            var stored = trained.get(id);
            if (stored != null && stored.horizonDays() >= horizon) {
                continue;
            }
            var history = features.demandHistory(id, asOf).map(h -> asOf.map(h::endingOn).orElse(h))
                    .filter(h -> !h.isEmpty())
                    .orElseThrow(() -> new SeriesNotFound(id, asOf));
            histories.add(history);
        }

        var computed = histories.isEmpty() ? List.<SeriesForecast>of()
                : compute(champion.filter(c -> c.canServe(horizon)), forecaster, histories, horizon, asOf);
        if (computed.size() == query.series().size()) {
            return computed;
        }
        var out = new ArrayList<SeriesForecast>(query.series().size());
        int next = 0;
        for (var id : query.series()) {
            var stored = trained.get(id);
            if (stored != null && stored.horizonDays() >= horizon) {
                out.add(stored.horizonDays() == horizon ? stored : new SeriesForecast(stored.series(), stored.model(),
                        stored.modelVersion(), stored.asOfDate(), stored.quantileLevels(),
                        stored.days().subList(0, horizon), stored.createTime(), stored.obsoleteDaysWithoutDemand()));
            } else {
                out.add(computed.get(next++));
            }
        }
        return out;
    }

    /** Computes, stores and publishes forecasts of {@code histories}: the champion's when given, else the forecaster's. */
    private List<SeriesForecast> compute(Optional<ChampionModel> champion, Forecaster forecaster,
            List<DemandHistory> histories, int horizon, Optional<LocalDate> asOf) {
        var createTime = clock.instant();
        long start = System.nanoTime();
        List<SeriesForecast> computed;
        String model;
        String version;
        if (champion.isPresent()) {
            computed = champion.get().forecast(histories, horizon, createTime);
            model = ModelTrainer.MODEL;
            version = champion.get().version();
        } else {
            computed = forecaster.forecastAll(histories, horizon, createTime);
            model = forecaster.model();
            version = forecaster.version();
        }
        metrics.inference(model, computed.size(), System.nanoTime() - start);
        store.save(new ForecastRun(model, version, horizon, asOf, createTime, computed));
        return computed;
    }

    /**
     * Re-forecasts {@code series} with the loaded champion on their latest histories (each up to its
     * last day with demand), in batches of at most {@link ForecastQuery#MAX_SERIES}, and stores and
     * publishes the forecasts: the refresh after demand changes. Series without history are
     * skipped; nothing is done when no champion is loaded.
     *
     * @return the series re-forecast
     * @throws FeatureServiceUnavailable when histories cannot be read (the caller retries)
     */
    public int refresh(Collection<SeriesId> series) {
        var champion = serving.current().filter(c -> c.canServe(c.horizonDays()));
        if (champion.isEmpty() || series.isEmpty()) {
            return 0;
        }
        int done = 0;
        var batch = new ArrayList<DemandHistory>();
        for (var id : series) {
            features.demandHistory(id, Optional.empty()).filter(h -> !h.isEmpty()).ifPresent(batch::add);
            if (batch.size() == ForecastQuery.MAX_SERIES) {
                done += compute(champion, champion.get().horizonDays(), batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            done += compute(champion, champion.get().horizonDays(), batch);
        }
        return done;
    }

    private int compute(Optional<ChampionModel> champion, int horizon, List<DemandHistory> histories) {
        return compute(champion, this.champion, histories, horizon, Optional.empty()).size();
    }

    private Forecaster validate(ForecastQuery query) {
        var v = new Validator();
        var series = query.series();
        if (series.isEmpty()) {
            v.add("series", "REQUIRED", "at least one series is required");
        } else if (series.size() > ForecastQuery.MAX_SERIES) {
            v.add("series", "OUT_OF_RANGE", "must hold at most " + ForecastQuery.MAX_SERIES + " series, held " + series.size());
        } else {
            var firstIndex = new HashMap<SeriesId, Integer>();
            for (int i = 0; i < series.size(); i++) {
                var id = series.get(i);
                var path = "series[" + i + "]";
                boolean valid = checkId(v, path + ".sku_id", id.skuId());
                valid &= checkId(v, path + ".location_id", id.locationId());
                var first = firstIndex.putIfAbsent(id, i);
                if (valid && first != null) {
                    v.add(path, "DUPLICATE", "repeats series[" + first + "] (" + id.key() + ")");
                }
            }
        }
        int h = query.horizonDays();
        if (h != 0 && (h < 1 || h > ForecastQuery.MAX_HORIZON_DAYS)) {
            v.add("horizon_days", "OUT_OF_RANGE", "must be between 1 and " + ForecastQuery.MAX_HORIZON_DAYS
                    + " (0 means " + ForecastQuery.DEFAULT_HORIZON_DAYS + "), was " + h);
        }
        // Every shop's "today" is at most one day ahead of UTC's; later days have no history yet.
        var latest = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1);
        query.asOfDate().filter(d -> d.isAfter(latest)).ifPresent(d ->
                v.add("as_of_date", "OUT_OF_RANGE", "must not be after " + latest + ", was " + d));
        Forecaster forecaster = null;
        var bucket = query.bucket();
        if (bucket == Bucket.DAY) {
            forecaster = query.model().isEmpty() ? champion : forecasters.get(query.model());
            if (forecaster == null) {
                v.add("model", "UNKNOWN_MODEL", "must be empty or one of " + models() + ", was '" + query.model() + "'");
            }
            if (query.horizonBuckets() != 0) {
                v.add("horizon_buckets", "NOT_FOR_DAYS", "must be 0 for days, which use horizon_days; was "
                        + query.horizonBuckets());
            }
        } else {
            if (!query.model().isEmpty() && !bucketed.models(bucket).contains(query.model())) {
                v.add("model", "UNKNOWN_MODEL", "must be empty or one of " + bucketed.models(bucket) + " for "
                        + bucket.label() + "s, was '" + query.model() + "'");
            }
            if (h != 0) {
                v.add("horizon_days", "NOT_FOR_BUCKET", "must be 0 for " + bucket.label() + "s, which use horizon_buckets; was " + h);
            }
            int hb = query.horizonBuckets();
            int max = ForecastQuery.maxHorizon(bucket);
            if (hb < 0 || hb > max) {
                v.add("horizon_buckets", "OUT_OF_RANGE", "must be between 1 and " + max + " for " + bucket.label()
                        + "s (0 means " + (bucket == Bucket.WEEK ? 13 : 12) + "), was " + hb);
            }
        }
        var levels = query.quantileLevels();
        if (levels.size() > Levels.MAX) {
            v.add("quantile_levels", "OUT_OF_RANGE", "must hold at most " + Levels.MAX + " levels, held " + levels.size());
        } else {
            var seen = new HashMap<Double, Integer>();
            for (int i = 0; i < levels.size(); i++) {
                double l = levels.get(i);
                var path = "quantile_levels[" + i + "]";
                if (!(l > 0 && l < 1)) {
                    v.add(path, "OUT_OF_RANGE", "must be strictly between 0 and 1, was " + l);
                } else {
                    var first = seen.putIfAbsent(l, i);
                    if (first != null) {
                        v.add(path, "DUPLICATE", "repeats quantile_levels[" + first + "] (" + l + ")");
                    }
                }
            }
        }
        if (!v.isValid()) {
            throw new InvalidForecastRequest(v.violations());
        }
        return forecaster;
    }

    private static boolean checkId(Validator v, String field, String value) {
        if (value.isBlank()) {
            v.add(field, "REQUIRED", "is required");
            return false;
        }
        boolean valid = true;
        if (value.length() > ForecastQuery.MAX_ID_LENGTH) {
            v.add(field, "TOO_LONG", "must be at most " + ForecastQuery.MAX_ID_LENGTH + " characters, was " + value.length());
            valid = false;
        }
        if (value.indexOf('/') >= 0) {
            v.add(field, "INVALID_FORMAT", "must not contain '/'");
            valid = false;
        }
        return valid;
    }
}
