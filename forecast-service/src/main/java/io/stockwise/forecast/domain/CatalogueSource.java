package io.stockwise.forecast.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Port: every series' demand history at once, for training (feature-service's stream). */
public interface CatalogueSource {
    /**
     * The history of every series up to {@code asOf} inclusive (each series' last day with demand
     * when empty); series without demand by then are left out.
     *
     * @throws FeatureServiceUnavailable when the histories cannot be read right now
     */
    List<DemandHistory> all(Optional<LocalDate> asOf);
}
