package io.stockwise.feature.domain;

import java.time.LocalDate;

/**
 * What a series' demand lines of one day were sold at.
 *
 * @param date the day
 * @param meanUnitPrice quantity-weighted mean unit price of the day's demand lines, greater than 0
 * @param onPromotion whether any of the day's demand lines was on promotion
 */
public record DailyPrice(LocalDate date, double meanUnitPrice, boolean onPromotion) {}
