package io.stockwise.ingestion.config;

import io.stockwise.ingestion.domain.ReferenceIngestion;
import io.stockwise.ingestion.domain.SalesIngestion;
import io.stockwise.ingestion.persistence.JdbcReferenceStore;
import io.stockwise.ingestion.persistence.JdbcSalesStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Builds the plain-Java domain services from their adapters. */
@ApplicationScoped
public class IngestionWiring {
    @Produces
    @ApplicationScoped
    SalesIngestion salesIngestion(JdbcSalesStore store) {
        return new SalesIngestion(store);
    }

    @Produces
    @ApplicationScoped
    ReferenceIngestion referenceIngestion(JdbcReferenceStore store) {
        return new ReferenceIngestion(store);
    }
}
