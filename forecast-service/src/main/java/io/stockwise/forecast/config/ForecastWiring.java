package io.stockwise.forecast.config;

import io.quarkus.arc.All;
import io.stockwise.forecast.core.model.Ets;
import io.stockwise.forecast.core.model.Intermittent;
import io.stockwise.forecast.core.model.WeekdayProfile;
import io.stockwise.forecast.domain.CoreForecaster;
import io.stockwise.forecast.domain.FeatureStore;
import io.stockwise.forecast.domain.ForecastMetrics;
import io.stockwise.forecast.domain.ForecastPlanner;
import io.stockwise.forecast.domain.ForecastStore;
import io.stockwise.forecast.domain.Forecaster;
import io.stockwise.forecast.domain.SeasonalNaiveForecaster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/** Builds the framework-free domain objects from their adapters. */
@ApplicationScoped
public class ForecastWiring {

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
            @All List<Forecaster> forecasters, ForecastConfig config) {
        return new ForecastPlanner(features, store, metrics, clock, forecasters, config.championModel());
    }
}
