package io.stockwise.forecast.domain;

import io.stockwise.forecast.core.ChampionPlan;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.neural.MqNetwork;
import io.stockwise.forecast.core.neural.MqPredictorPool;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A registered champion loaded for serving: its per-segment choice ({@link ChampionPlan}) and, when
 * the choice uses the network, a pool of DJL predictors over the network loaded once from the
 * registry's artifact. It forecasts fresh histories on request the way the training batch did at
 * the cutoff (forecast-core's code), batching the series routed to the network into one forward
 * pass on a borrowed predictor; the other series get their segment's baseline.
 */
public final class ChampionModel implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChampionModel.class.getName());

    private final String version;
    private final LocalDate asOfDate;
    private final int horizonDays;
    private final ChampionPlan plan;
    private final MqPredictorPool pool;

    /**
     * @param pool the network's predictors; {@code null} when the plan does not use the network
     *     (or it could not be loaded: then only horizons the plan serves without it are served)
     */
    public ChampionModel(String version, LocalDate asOfDate, int horizonDays, ChampionPlan plan, MqPredictorPool pool) {
        this.version = Objects.requireNonNull(version, "version");
        this.asOfDate = Objects.requireNonNull(asOfDate, "asOfDate");
        this.horizonDays = horizonDays;
        this.plan = Objects.requireNonNull(plan, "plan");
        this.pool = pool;
    }

    /**
     * Loads a registry row: parses its choice and, when it has a network, loads the network once on
     * {@code device} ({@code auto|cpu|gpu}; no GPU falls back to the CPU) with {@code poolSize}
     * predictors. A network saved without its shop context (before serving existed) is not served.
     */
    public static ChampionModel load(RegisteredModel model, int poolSize, String device) {
        var plan = ChampionPlan.fromParametersJson(model.parametersJson());
        MqPredictorPool pool = null;
        if (plan.usesNetwork() && model.artifact().length > 0) {
            var network = MqNetwork.fromBytes(model.artifact(), device);
            if (network.context() == null) {
                network.close();
                LOG.log(System.Logger.Level.WARNING, "champion " + model.version()
                        + " was saved without its shop context; its network is not served on request (retrain)");
            } else {
                pool = new MqPredictorPool(network, poolSize, null);
            }
        }
        return new ChampionModel(model.version(), model.asOfDate(), model.horizonDays(), plan, pool);
    }

    /** The registry version, reported with every forecast. */
    public String version() {
        return version;
    }

    /** The cutoff it was trained on. */
    public LocalDate asOfDate() {
        return asOfDate;
    }

    /** The days it forecasts (a request may ask for fewer). */
    public int horizonDays() {
        return horizonDays;
    }

    /** Predictors pooled over the network; 0 when it serves without one. */
    public int predictors() {
        return pool == null ? 0 : pool.size();
    }

    /** The device of the network ({@code cpu()}, {@code gpu(0)}), or {@code none}. */
    public String device() {
        return pool == null ? "none" : pool.device();
    }

    /** Whether it can compute forecasts of {@code horizon} days on request. */
    public boolean canServe(int horizon) {
        return horizon >= 1 && horizon <= horizonDays && (pool != null || !plan.usesNetwork());
    }

    /**
     * Forecasts the {@code horizon} days after each history (non-empty, each ending on its as-of
     * day), in order, as model {@link ModelTrainer#MODEL} and this version.
     */
    public List<SeriesForecast> forecast(List<DemandHistory> histories, int horizon, Instant createTime) {
        if (!canServe(horizon)) {
            throw new IllegalArgumentException("champion " + version + " cannot serve " + horizon + " days");
        }
        var core = new ArrayList<DemandSeries>(histories.size());
        histories.forEach(h -> core.add(CoreForecaster.toCore(h)));
        var f = plan.forecast(core, horizon, series -> pool.forecast(series));
        var out = new ArrayList<SeriesForecast>(f.size());
        for (int i = 0; i < f.size(); i++) {
            out.add(CoreForecaster.fromCore(histories.get(i), f.get(i), ModelTrainer.MODEL, version, createTime));
        }
        return out;
    }

    /** Frees the network (after borrowed predictors come back). */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
