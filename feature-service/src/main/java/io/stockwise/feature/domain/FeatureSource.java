package io.stockwise.feature.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Reads what features need besides daily demand: prices, the shop's trading days, its calendar. */
public interface FeatureSource {
    /** The series' days with demand in {@code [from, to]} and what they sold at, in day order. */
    List<DailyPrice> dailyPrices(SeriesId series, LocalDate from, LocalDate to);

    /** The days in {@code [from, to]} on which any series had demand (the inferred trading days). */
    Set<LocalDate> tradingDays(LocalDate from, LocalDate to);

    /**
     * The shop-calendar entries in {@code [from, to]} that apply to {@code locationId}: those naming
     * it and those for every location. Entries are planned facts, known in advance.
     */
    List<CalendarEntry> calendar(String locationId, LocalDate from, LocalDate to);
}
