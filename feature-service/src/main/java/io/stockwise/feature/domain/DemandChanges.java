package io.stockwise.feature.domain;

import java.util.List;

/**
 * What a consumed batch changes once the lines already applied earlier are set aside.
 *
 * @param increments per series and day, ordered by series then day (a stable lock order)
 * @param seriesChanges one per changed series, ordered by series
 * @param counted newly applied lines that are demand
 * @param notDemand newly applied lines that are not demand (recorded only)
 * @param duplicates lines applied before (or repeated within the batch), ignored
 */
public record DemandChanges(List<DailyIncrement> increments, List<SeriesChange> seriesChanges, int counted,
        int notDemand, int duplicates) {
    public DemandChanges {
        increments = List.copyOf(increments);
        seriesChanges = List.copyOf(seriesChanges);
    }
}
