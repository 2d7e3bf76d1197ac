package io.stockwise.feature.config;

import io.stockwise.feature.domain.DemandQueries;
import io.stockwise.feature.domain.DemandStore;
import io.stockwise.feature.domain.FeatureQueries;
import io.stockwise.feature.domain.FeatureSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the framework-free domain services injectable. */
public class DomainWiring {
    @Produces
    @Singleton
    DemandQueries demandQueries(DemandStore store) {
        return new DemandQueries(store);
    }

    @Produces
    @Singleton
    FeatureQueries featureQueries(DemandStore store, FeatureSource source) {
        return new FeatureQueries(store, source);
    }
}
