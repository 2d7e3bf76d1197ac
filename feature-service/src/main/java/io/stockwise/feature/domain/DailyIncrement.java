package io.stockwise.feature.domain;

import java.time.LocalDate;

/**
 * Units to add to one series' demand on one day, from newly consumed lines.
 *
 * @param series the series
 * @param date the day
 * @param quantity units added, greater than zero
 */
public record DailyIncrement(SeriesId series, LocalDate date, double quantity) {}
