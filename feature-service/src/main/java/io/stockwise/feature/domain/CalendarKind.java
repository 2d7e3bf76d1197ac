package io.stockwise.feature.domain;

/** What a shop-calendar entry is (ingestion's {@code CalendarEventKind}). */
public enum CalendarKind {
    /** A public or religious holiday: sets {@link Feature#IS_HOLIDAY}. */
    HOLIDAY,
    /** A sporting, cultural or commercial event (e.g. Black Friday); not a holiday. */
    EVENT,
    /** The location is closed (stocktake, renovation); not a holiday. */
    CLOSURE
}
