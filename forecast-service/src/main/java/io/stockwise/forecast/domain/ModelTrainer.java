package io.stockwise.forecast.domain;

import io.stockwise.commons.error.Validator;
import io.stockwise.forecast.core.Backtest;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.ForecastModel;
import io.stockwise.forecast.core.TotalAggregator;
import io.stockwise.forecast.core.ensemble.ChampionSelector;
import io.stockwise.forecast.core.ensemble.ClassicalSbc;
import io.stockwise.forecast.core.ensemble.MultiOriginChampion;
import io.stockwise.forecast.core.model.Baselines;
import io.stockwise.forecast.core.neural.MqConfig;
import io.stockwise.forecast.core.neural.MqForecaster;
import io.stockwise.forecast.core.neural.TrainingMonitor;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The training use case: one asynchronous job at a time reads the whole catalogue, backtests the
 * baselines, the classical combination and the global network on several rolling origins before
 * the cutoff, picks the champion per segment (weighted ensembles) and its reconciliation with a
 * direct total forecast ({@link MultiOriginChampion}), refits it at the cutoff, registers it with
 * its metrics, choice, reconciliation factors and network, and stores and publishes a forecast for
 * every series. Job state lives in a {@link TrainingJobStore}, so a restart finds
 * it; a job left running by a previous process is failed as interrupted ({@link #recover()}).
 */
public final class ModelTrainer {
    /** The model name of trained champions, as reported with their forecasts. */
    public static final String MODEL = MultiOriginChampion.NAME;
    private static final System.Logger LOG = System.getLogger(ModelTrainer.class.getName());

    private final CatalogueSource catalogue;
    private final TrainingJobStore jobs;
    private final ModelRegistry registry;
    private final Clock clock;
    private final MqConfig network;
    private final boolean pairs;
    private final int validationOrigins;
    private final int stepDays;
    private final ExecutorService executor;
    private final TrainingMetrics metrics;
    private final Map<String, AtomicBoolean> cancelFlags = new ConcurrentHashMap<>();
    private final Runnable onChampion;

    /**
     * @param network the network's configured hyper-parameters (a request may override seed and epochs)
     * @param pairs whether quantile averages of the network with each baseline are candidates too
     * @param executor runs the jobs; a single thread, so jobs never overlap
     */
    public ModelTrainer(CatalogueSource catalogue, TrainingJobStore jobs, ModelRegistry registry, Clock clock,
            MqConfig network, boolean pairs, ExecutorService executor, TrainingMetrics metrics) {
        this(catalogue, jobs, registry, clock, network, pairs, executor, metrics, () -> {});
    }

    /** @param onChampion called after a new champion is registered (the serving side reloads it) */
    public ModelTrainer(CatalogueSource catalogue, TrainingJobStore jobs, ModelRegistry registry, Clock clock,
            MqConfig network, boolean pairs, ExecutorService executor, TrainingMetrics metrics, Runnable onChampion) {
        this(catalogue, jobs, registry, clock, network, pairs, MultiOriginChampion.DEFAULT_VALIDATION_ORIGINS,
                MultiOriginChampion.DEFAULT_STEP_DAYS, executor, metrics, onChampion);
    }

    /**
     * @param validationOrigins rolling origins the champion is chosen on (the network trains once per
     *     origin, then once at the cutoff)
     * @param stepDays days between those origins
     */
    public ModelTrainer(CatalogueSource catalogue, TrainingJobStore jobs, ModelRegistry registry, Clock clock,
            MqConfig network, boolean pairs, int validationOrigins, int stepDays, ExecutorService executor,
            TrainingMetrics metrics, Runnable onChampion) {
        if (validationOrigins < 1 || stepDays < 1) {
            throw new IllegalArgumentException("validation origins and step days must be positive");
        }
        this.validationOrigins = validationOrigins;
        this.stepDays = stepDays;
        this.onChampion = onChampion;
        this.metrics = metrics;
        this.catalogue = catalogue;
        this.jobs = jobs;
        this.registry = registry;
        this.clock = clock;
        this.network = network;
        this.pairs = pairs;
        this.executor = executor;
    }

    /** Fails the jobs a previous process left queued or running. */
    public int recover() {
        return jobs.failActive("interrupted: the service stopped while the job was running", clock.instant());
    }

    /**
     * Validates the request and starts a job.
     *
     * @return the queued job
     * @throws TrainingJobRunning when a job is queued or running
     */
    public synchronized TrainingJob start(TrainRequest request) {
        validate(request);
        var job = jobs.create(request, clock.instant());
        var flag = new AtomicBoolean();
        cancelFlags.put(job.id(), flag);
        executor.submit(() -> run(job.id(), request, flag));
        return job;
    }

    /** @throws TrainingJobNotFound for an unknown id */
    public TrainingJob get(String id) {
        return jobs.find(id).orElseThrow(() -> new TrainingJobNotFound(id));
    }

    /**
     * Cancels a queued or running job (at once in its stored state; the worker stops at its next
     * check); a finished job is returned as it is.
     */
    public TrainingJob cancel(String id) {
        var job = get(id);
        if (!job.status().active()) {
            return job;
        }
        var flag = cancelFlags.get(id);
        if (flag != null) {
            flag.set(true);
        }
        jobs.update(id, JobStatus.CANCELLED, job.progress(), "cancelled", "", clock.instant());
        return get(id);
    }

    private static void validate(TrainRequest r) {
        var v = new Validator();
        if (r.horizonDays() < 0 || r.horizonDays() > ForecastQuery.MAX_HORIZON_DAYS) {
            v.add("horizon_days", "OUT_OF_RANGE", "must be between 1 and " + ForecastQuery.MAX_HORIZON_DAYS
                    + " (0 means " + ForecastQuery.DEFAULT_HORIZON_DAYS + "), was " + r.horizonDays());
        }
        if (r.epochs() < 0 || r.epochs() > TrainRequest.MAX_EPOCHS) {
            v.add("epochs", "OUT_OF_RANGE", "must be between 0 and " + TrainRequest.MAX_EPOCHS + ", was " + r.epochs());
        }
        if (!v.isValid()) {
            throw new InvalidForecastRequest(v.violations());
        }
    }

    private void run(String id, TrainRequest request, AtomicBoolean cancelled) {
        long start = System.nanoTime();
        try {
            train(id, request, cancelled);
            metrics.jobFinished(JobStatus.SUCCEEDED, System.nanoTime() - start);
        } catch (TrainingMonitor.TrainingCancelled e) {
            jobs.update(id, JobStatus.CANCELLED, 0, "cancelled", "", clock.instant());
            metrics.jobFinished(JobStatus.CANCELLED, System.nanoTime() - start);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "training job " + id + " failed", e);
            jobs.update(id, JobStatus.FAILED, 0, "failed: " + e, "", clock.instant());
            metrics.jobFinished(JobStatus.FAILED, System.nanoTime() - start);
        } finally {
            cancelFlags.remove(id);
        }
    }

    private void train(String id, TrainRequest request, AtomicBoolean cancelled) {
        Supplier<Boolean> stop = cancelled::get;
        int horizon = request.horizonDays() == 0 ? ForecastQuery.DEFAULT_HORIZON_DAYS : request.horizonDays();
        progress(id, 0.02, "reading the catalogue's demand histories", stop);
        var histories = catalogue.all(request.asOfDate());
        var cutoff = request.asOfDate().orElseGet(() -> histories.stream().map(DemandHistory::endDate)
                .max(LocalDate::compareTo).orElse(null));
        if (cutoff == null) {
            throw new IllegalStateException("feature-service holds no demand history");
        }
        var byKey = new HashMap<String, DemandHistory>();
        var series = new ArrayList<DemandSeries>();
        for (var h : histories) {
            var cut = h.endingOn(cutoff);
            if (cut.isEmpty()) {
                continue;
            }
            byKey.put(cut.series().key(), cut);
            series.add(CoreForecaster.toCore(cut));
        }
        var usable = Backtest.historiesAt(series, cutoff);
        if (usable.isEmpty()) {
            throw new IllegalStateException("no series has demand on or before " + cutoff);
        }
        progress(id, 0.1, "backtesting " + usable.size() + " series and training", stop);

        var cfg = network.withSeed(request.seed() != 0 ? request.seed() : network.seed());
        if (request.epochs() > 0) {
            cfg = cfg.withEpochs(request.epochs());
        }
        cfg = new MqConfig(horizon, cfg.hidden(), cfg.layers(), cfg.epochs(), cfg.batchSize(), cfg.learningRate(),
                cfg.maxSamples(), cfg.meanWeight(), cfg.seed(), cfg.device());
        // The network trains once per validation origin, then (refitted) at the cutoff.
        int trainings = validationOrigins + 1;
        int[] trainingsDone = {0};
        var mq = new MqForecaster(cfg, new TrainingMonitor() {
            @Override
            public void progress(double fraction, double loss) {
                double done = Math.min(1, (trainingsDone[0] + fraction) / trainings);
                if (fraction >= 1) {
                    trainingsDone[0]++;
                }
                jobs.update(id, JobStatus.RUNNING, 0.1 + 0.8 * done,
                        String.format(Locale.ROOT, "training mq_mlp (loss %.4f)", loss), "", clock.instant());
            }

            @Override
            public boolean cancelled() {
                return cancelled.get();
            }
        });
        var models = new ArrayList<ForecastModel>(Baselines.all());
        models.add(new ClassicalSbc());
        models.add(mq);
        var aggregator = new TotalAggregator();
        var champion = new MultiOriginChampion(models, validationOrigins, stepDays, aggregator,
                pairs ? ChampionSelector.ROUNDS : 1);
        var forecasts = champion.fit(usable, horizon, true);
        var report = champion.lastReport();
        progress(id, 0.92, "storing the model and " + forecasts.size() + " forecasts", stop);

        var now = clock.instant();
        var version = MODEL + "-" + id;
        var served = new ArrayList<SeriesForecast>(forecasts.size());
        for (var f : forecasts) {
            served.add(CoreForecaster.fromCore(byKey.get(f.id()), f, MODEL, version, now));
        }
        var metrics = new ArrayList<ModelScore>();
        report.validation().forEach((name, s) ->
                metrics.add(new ModelScore(name, s.wrmsse(), s.wspl(), s.maseMean(), s.maseMedian(), s.coverage())));
        byte[] artifact = report.finalForecasts().containsKey(MqForecaster.NAME) ? mq.lastArtifact() : null;
        var model = new RegisteredModel(version, MODEL, id, cutoff, horizon, parameters(cfg, pairs, report.choice(),
                usable.size(), cutoff, report.selection().reconciliation() + "/" + report.selection().meanRule(), report.factors(),
                report.origins()), metrics, artifact, artifact == null ? 0 : artifact.length, now, true);
        if (stop.get()) {
            throw new TrainingMonitor.TrainingCancelled();
        }
        registry.registerChampion(model, new ForecastRun(MODEL, version, horizon, Optional.of(cutoff), now, served));
        onChampion.run();
        jobs.update(id, JobStatus.SUCCEEDED, 1.0, "trained on " + usable.size() + " series; champion per segment "
                + report.choice(), version, clock.instant());
    }

    private void progress(String id, double progress, String message, Supplier<Boolean> stop) {
        if (stop.get()) {
            throw new TrainingMonitor.TrainingCancelled();
        }
        jobs.update(id, JobStatus.RUNNING, progress, message, "", clock.instant());
    }

    static String parameters(MqConfig c, boolean pairs, Map<?, String> choice, int seriesCount, LocalDate cutoff) {
        return parameters(c, pairs, choice, seriesCount, cutoff, "bottom_up", new double[0], List.of());
    }

    /**
     * The registry's parameters JSON: the network's hyper-parameters, the choice per segment, the
     * reconciliation method, its factor per horizon day at the cutoff (what serving applies) and
     * the validation origins.
     */
    static String parameters(MqConfig c, boolean pairs, Map<?, String> choice, int seriesCount, LocalDate cutoff,
            String reconciliation, double[] factors, List<LocalDate> origins) {
        var sb = new StringBuilder("{");
        sb.append("\"horizon\":").append(c.horizon())
                .append(",\"hidden\":").append(c.hidden())
                .append(",\"layers\":").append(c.layers())
                .append(",\"epochs\":").append(c.epochs())
                .append(",\"batch_size\":").append(c.batchSize())
                .append(",\"learning_rate\":").append(c.learningRate())
                .append(",\"max_samples\":").append(c.maxSamples())
                .append(",\"mean_weight\":").append(c.meanWeight())
                .append(",\"seed\":").append(c.seed())
                .append(",\"device\":\"").append(c.device()).append('"')
                .append(",\"pairs\":").append(pairs)
                .append(",\"series\":").append(seriesCount)
                .append(",\"cutoff\":\"").append(cutoff).append('"')
                .append(",\"choice\":{");
        boolean first = true;
        for (var e : choice.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(e.getKey()).append("\":\"").append(e.getValue().replace("\"", "")).append('"');
        }
        // reconciliation is "<method>[/<mean rule>]".
        var parts = reconciliation.replace("\"", "").split("/");
        sb.append("},\"reconciliation\":\"").append(parts[0]).append('"');
        if (parts.length > 1) {
            sb.append(",\"mean_rule\":\"").append(parts[1]).append('"');
        }
        sb.append(",\"factors\":[");
        for (int h = 0; h < factors.length; h++) {
            sb.append(h == 0 ? "" : ",").append(factors[h]);
        }
        sb.append("],\"validation_origins\":[");
        for (int i = 0; i < origins.size(); i++) {
            sb.append(i == 0 ? "\"" : ",\"").append(origins.get(i)).append('"');
        }
        return sb.append("]}").toString();
    }

    /** Jobs queued or running are abandoned; used on shutdown. */
    public void shutdown() {
        // Running jobs stay RUNNING in the store: the next start fails them as interrupted.
        executor.shutdownNow();
    }

    /** The configured network (for the registry's listing). */
    public MqConfig network() {
        return network;
    }

    /** The ids of jobs whose worker has not finished (a cancelled job stays here until its worker stops). */
    public List<String> pending() {
        return List.copyOf(cancelFlags.keySet());
    }
}
