package io.stockwise.optimizer.config;

import io.stockwise.optimizer.domain.ForecastSource;
import io.stockwise.optimizer.domain.MonteCarloDemandSum;
import io.stockwise.optimizer.domain.OrderUpToPolicy;
import io.stockwise.optimizer.domain.PlanStore;
import io.stockwise.optimizer.domain.ReplenishmentPlanner;
import io.stockwise.optimizer.domain.SupplyTermsResolver;
import io.stockwise.optimizer.persistence.SupplyTermsStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/** Builds the plain-Java domain from its adapters and configuration. */
@Singleton
public class PlannerWiring {
    @Produces
    @Singleton
    SupplyTermsResolver supplyTerms(SupplyTermsStore store) {
        return new SupplyTermsResolver(store);
    }

    @Produces
    @Singleton
    ReplenishmentPlanner planner(ForecastSource forecasts, PlanStore store, OptimizerConfig config) {
        var simulation = config.simulation();
        var policy = new OrderUpToPolicy(new MonteCarloDemandSum(simulation.samples(), simulation.seed()));
        return new ReplenishmentPlanner(forecasts, store, policy, Clock.systemUTC(), UUID::randomUUID);
    }
}
