package io.stockwise.forecast.domain;

import io.stockwise.commons.error.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
     * With no model named, a series the current trained champion has a stored forecast for (made as
     * of the requested day, or the latest when none is requested; covering the horizon) gets that
     * forecast, cut to the horizon; the others get the baseline champion's, stored and published.
     *
     * @throws InvalidForecastRequest naming every invalid field
     * @throws SeriesNotFound for the first series without demand history; nothing is stored then
     * @throws FeatureServiceUnavailable when histories cannot be read; nothing is stored then
     * @throws ForecastStoreUnavailable when the forecasts cannot be stored
     */
    public List<SeriesForecast> forecast(ForecastQuery query) {
        var forecaster = validate(query);
        int horizon = query.effectiveHorizonDays();
        var asOf = query.asOfDate();

        Map<SeriesId, SeriesForecast> trained = query.model().isEmpty()
                ? registry.championForecasts(query.series(), asOf) : Map.of();
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

        var createTime = clock.instant();
        long start = System.nanoTime();
        var computed = forecaster.forecastAll(histories, horizon, createTime);
        if (!computed.isEmpty()) {
            metrics.inference(forecaster.model(), computed.size(), System.nanoTime() - start);
            store.save(new ForecastRun(forecaster.model(), forecaster.version(), horizon, asOf, createTime, computed));
        }
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
                        stored.days().subList(0, horizon), stored.createTime()));
            } else {
                out.add(computed.get(next++));
            }
        }
        return out;
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
        Forecaster forecaster = query.model().isEmpty() ? champion : forecasters.get(query.model());
        if (forecaster == null) {
            v.add("model", "UNKNOWN_MODEL", "must be empty or one of " + models() + ", was '" + query.model() + "'");
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
