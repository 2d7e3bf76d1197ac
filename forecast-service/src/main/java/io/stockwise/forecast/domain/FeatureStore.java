package io.stockwise.forecast.domain;

import java.time.LocalDate;
import java.util.Optional;

/** Port: where demand histories come from (feature-service). */
public interface FeatureStore {
    /**
     * The daily demand of a series from its first day with demand up to {@code asOf} inclusive, or
     * up to its last day with demand when {@code asOf} is empty. No data after {@code asOf} is
     * returned.
     *
     * @return empty when the series has no demand (on or before {@code asOf})
     * @throws FeatureServiceUnavailable when the histories cannot be read right now
     */
    Optional<DemandHistory> demandHistory(SeriesId series, Optional<LocalDate> asOf);
}
