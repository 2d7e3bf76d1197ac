package io.stockwise.feature.domain;

import java.time.LocalDate;

/**
 * The days of one series whose demand a batch changed, announced on {@code stockwise.demand.v1}.
 *
 * @param series the series
 * @param firstChangedDate the earliest changed day
 * @param lastChangedDate the latest changed day
 */
public record SeriesChange(SeriesId series, LocalDate firstChangedDate, LocalDate lastChangedDate) {}
