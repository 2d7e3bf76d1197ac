package io.stockwise.feature.domain;

import java.time.LocalDate;

/**
 * The demand of one series on one day, as stored: only days with demand have a row.
 *
 * @param date the day
 * @param quantity units demanded that day, greater than zero
 */
public record DailyDemand(LocalDate date, double quantity) {}
