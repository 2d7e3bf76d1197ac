package io.stockwise.feature.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shop calendar as seen from one location, and the precedence rules of the calendar features:
 *
 * <ul>
 *   <li><b>Holiday.</b> Day {@code d} is a holiday when an entry of kind {@link CalendarKind#HOLIDAY}
 *       for {@code d} names the location or holds for every location. Events and closures are not
 *       holidays.
 *   <li><b>Trading day.</b> When the calendar has an entry for {@code d} that applies to the
 *       location, its {@code tradingDay} flag decides. Entries naming the location take precedence
 *       over entries for every location (a shop open on a national holiday); among entries of the
 *       same level, the day is a trading day only when all of them say so (a closure wins). Without
 *       any applicable entry, the inferred trading days (any series had demand on {@code d}) decide.
 * </ul>
 */
public final class ShopCalendar {
    private final Map<LocalDate, List<CalendarEntry>> ownByDay = new HashMap<>();
    private final Map<LocalDate, List<CalendarEntry>> allByDay = new HashMap<>();

    private ShopCalendar(String locationId, List<CalendarEntry> entries) {
        for (var e : entries) {
            if (e.allLocations()) {
                allByDay.computeIfAbsent(e.date(), d -> new ArrayList<>()).add(e);
            } else if (e.locationId().equals(locationId)) {
                ownByDay.computeIfAbsent(e.date(), d -> new ArrayList<>()).add(e);
            }
        }
    }

    /** The calendar of {@code locationId}; entries for other locations are ignored. */
    public static ShopCalendar of(String locationId, List<CalendarEntry> entries) {
        return new ShopCalendar(locationId, entries);
    }

    /** Whether {@code d} is a holiday at the location. */
    public boolean isHoliday(LocalDate d) {
        return has(ownByDay, d) || has(allByDay, d);
    }

    private static boolean has(Map<LocalDate, List<CalendarEntry>> byDay, LocalDate d) {
        return byDay.getOrDefault(d, List.of()).stream().anyMatch(e -> e.kind() == CalendarKind.HOLIDAY);
    }

    /** The calendar's word on whether the location trades on {@code d}; empty when it has no entry for it. */
    public Optional<Boolean> tradingDay(LocalDate d) {
        var own = ownByDay.get(d);
        var entries = own != null ? own : allByDay.get(d);
        if (entries == null) {
            return Optional.empty();
        }
        return Optional.of(entries.stream().allMatch(CalendarEntry::tradingDay));
    }

    /** Whether the location trades on {@code d}: the calendar's flag, else {@code inferred}. */
    public boolean isTradingDay(LocalDate d, boolean inferred) {
        return tradingDay(d).orElse(inferred);
    }

    /** The holidays in {@code [from, to]}. */
    public Set<LocalDate> holidays(LocalDate from, LocalDate to) {
        var days = new HashSet<LocalDate>();
        for (var d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (isHoliday(d)) {
                days.add(d);
            }
        }
        return days;
    }

    /** The trading days in {@code [from, to]}: the calendar's flag where it has an entry, else {@code inferred}. */
    public Set<LocalDate> tradingDays(LocalDate from, LocalDate to, Set<LocalDate> inferred) {
        var days = new HashSet<LocalDate>();
        for (var d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (isTradingDay(d, inferred.contains(d))) {
                days.add(d);
            }
        }
        return days;
    }
}
