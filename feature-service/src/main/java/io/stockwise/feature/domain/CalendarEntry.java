package io.stockwise.feature.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day's shop-calendar entry, as published by ingestion on {@code stockwise.calendar.v1}; its
 * natural key is ({@code date}, {@code locationId}, {@code name}). Entries are planned facts (a
 * holiday is known in advance), so an entry for day {@code d} may be used by the features of
 * {@code d} without leaking the future.
 *
 * @param date the day
 * @param locationId the location it applies to; empty means every location
 * @param kind what it is
 * @param name its name, e.g. {@code Christmas Day}
 * @param tradingDay whether the location(s) trade (are open) that day
 */
public record CalendarEntry(LocalDate date, String locationId, CalendarKind kind, String name, boolean tradingDay) {
    public CalendarEntry {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(locationId, "locationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** Whether the entry holds for every location. */
    public boolean allLocations() {
        return locationId.isEmpty();
    }

    /** Whether the entry applies to {@code location} (it names it, or holds for every location). */
    public boolean appliesTo(String location) {
        return allLocations() || locationId.equals(location);
    }
}
