package io.stockwise.feature.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * What is known of a series with demand: its active range and totals.
 *
 * @param series the series
 * @param firstDemandDate the first day with demand
 * @param lastDemandDate the last day with demand
 * @param totalQuantity units demanded over the whole range
 * @param demandDays days with non-zero demand
 */
public record SeriesSummary(SeriesId series, LocalDate firstDemandDate, LocalDate lastDemandDate, double totalQuantity,
        int demandDays) {
    /** Calendar days from the first to the last day with demand, both included. */
    public long activeDays() {
        return ChronoUnit.DAYS.between(firstDemandDate, lastDemandDate) + 1;
    }
}
