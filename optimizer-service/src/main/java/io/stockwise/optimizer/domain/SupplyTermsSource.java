package io.stockwise.optimizer.domain;

import java.util.Collection;
import java.util.Map;

/** The supply terms kept from {@code stockwise.supply.v1}. */
public interface SupplyTermsSource {
    /**
     * The terms of each series that has some: those of its location, else those for every location;
     * among several suppliers, the most recently ingested.
     */
    Map<SeriesId, SupplyTerms> find(Collection<SeriesId> series);
}
