package io.stockwise.forecast.config;

import io.quarkus.arc.All;
import io.stockwise.forecast.core.model.Ets;
import io.stockwise.forecast.core.model.Intermittent;
import io.stockwise.forecast.core.model.WeekdayProfile;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockwise.forecast.domain.ChampionModel;
import io.stockwise.forecast.domain.CoreForecaster;
import io.stockwise.forecast.domain.ServingChampion;
import io.stockwise.forecast.domain.FeatureStore;
import io.stockwise.forecast.domain.ForecastMetrics;
import io.stockwise.forecast.domain.ForecastPlanner;
import io.stockwise.forecast.domain.ForecastStore;
import io.stockwise.forecast.domain.Forecaster;
import io.stockwise.forecast.domain.SeasonalNaiveForecaster;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stockwise.forecast.core.neural.MqConfig;
import io.stockwise.forecast.domain.CatalogueSource;
import io.stockwise.forecast.domain.ForecastQuery;
import io.stockwise.forecast.domain.ModelRegistry;
import io.stockwise.forecast.domain.ModelTrainer;
import io.stockwise.forecast.domain.TrainingJobStore;
import io.stockwise.forecast.domain.TrainingMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/** Builds the framework-free domain objects from their adapters. */
@ApplicationScoped
public class ForecastWiring {
    private static final Logger LOG = Logger.getLogger(ForecastWiring.class);

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    // Each model is a Forecaster bean; the DJL models of a later issue join the list the same way.
    @Produces
    @Singleton
    Forecaster seasonalNaive() {
        return new SeasonalNaiveForecaster();
    }

    @Produces
    @Singleton
    Forecaster weekdayMovingAverage() {
        return new CoreForecaster(new WeekdayProfile(), "weekday_ma-1");
    }

    @Produces
    @Singleton
    Forecaster ets() {
        return new CoreForecaster(new Ets(), "ets-1");
    }

    @Produces
    @Singleton
    Forecaster croston() {
        return new CoreForecaster(new Intermittent(Intermittent.Method.CROSTON), "croston-1");
    }

    @Produces
    @Singleton
    Forecaster sba() {
        return new CoreForecaster(new Intermittent(Intermittent.Method.SBA), "sba-1");
    }

    @Produces
    @Singleton
    Forecaster tsb() {
        return new CoreForecaster(new Intermittent(Intermittent.Method.TSB), "tsb-1");
    }

    @Produces
    @Singleton
    ForecastPlanner planner(FeatureStore features, ForecastStore store, ForecastMetrics metrics, Clock clock,
            @All List<Forecaster> forecasters, ForecastConfig config, ModelRegistry registry, ServingChampion serving) {
        return new ForecastPlanner(features, store, metrics, clock, forecasters, config.championModel(), registry,
                serving);
    }

    @Produces
    @Singleton
    ServingChampion servingChampion(ModelRegistry registry, ForecastConfig config, MeterRegistry meters) {
        var s = config.serving();
        int poolSize = s.poolSize() > 0 ? s.poolSize() : Runtime.getRuntime().availableProcessors();
        var serving = new ServingChampion(registry, m -> ChampionModel.load(m, poolSize, s.device()),
                s.championCheckInterval(), System::nanoTime);
        Gauge.builder("stockwise.forecast.predictors", serving,
                c -> c.loaded().map(ChampionModel::predictors).orElse(0))
                .description("DJL predictors pooled over the serving champion's loaded network").register(meters);
        return serving;
    }

    @Produces
    @Singleton
    ModelTrainer trainer(CatalogueSource catalogue, TrainingJobStore jobs, ModelRegistry registry, Clock clock,
            ForecastConfig config, TrainingMetrics metrics, ServingChampion serving) {
        var t = config.training();
        var network = new MqConfig(ForecastQuery.DEFAULT_HORIZON_DAYS, t.hidden(), t.layers(), t.epochs(),
                t.batchSize(), 1e-3f, t.maxSamples(), 0.1f, t.seed(), t.device());
        // One worker thread: jobs never overlap, and the network trains on one PyTorch thread anyway.
        var executor = Executors.newSingleThreadExecutor(r -> {
            var thread = new Thread(r, "forecast-training");
            thread.setDaemon(true);
            return thread;
        });
        return new ModelTrainer(catalogue, jobs, registry, clock, network, t.pairs(), t.validationOrigins(), t.stepDays(),
                executor, metrics,
                serving::reload);
    }

    void recoverJobs(@Observes StartupEvent event, ModelTrainer trainer) {
        int failed = trainer.recover();
        if (failed > 0) {
            LOG.warnf("marked %d training job(s) interrupted by the last shutdown as FAILED", failed);
        }
    }

    void loadChampion(@Observes StartupEvent event, ServingChampion serving) {
        try {
            serving.current();
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not look up the champion at startup; the first request retries");
        }
    }

    void stopJobs(@Observes ShutdownEvent event, ModelTrainer trainer, ServingChampion serving) {
        trainer.shutdown();
        serving.close();
    }
}
