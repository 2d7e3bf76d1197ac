package io.stockwise.feature.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The precedence rules of is_holiday and is_trading_day. */
class ShopCalendarTest {
    private static final String STORE = "STORE1";

    private static LocalDate dec(int day) {
        return LocalDate.of(2024, 12, day);
    }

    private static CalendarEntry entry(int day, String location, CalendarKind kind, String name, boolean trading) {
        return new CalendarEntry(dec(day), location, kind, name, trading);
    }

    @Test
    void aHolidayForTheLocationOrForAllLocationsIsAHolidayEventsAndClosuresAreNot() {
        var calendar = ShopCalendar.of(STORE, List.of(
                entry(25, "", CalendarKind.HOLIDAY, "Christmas Day", false),
                entry(24, STORE, CalendarKind.HOLIDAY, "Local fair day", true),
                entry(23, "OTHER", CalendarKind.HOLIDAY, "Elsewhere", false),
                entry(27, "", CalendarKind.EVENT, "Boxing sale", true),
                entry(28, STORE, CalendarKind.CLOSURE, "Stocktake", false)));

        assertThat(calendar.isHoliday(dec(25))).isTrue();
        assertThat(calendar.isHoliday(dec(24))).isTrue();
        assertThat(calendar.isHoliday(dec(23))).as("another location's holiday").isFalse();
        assertThat(calendar.isHoliday(dec(27))).as("an event").isFalse();
        assertThat(calendar.isHoliday(dec(28))).as("a closure").isFalse();
        assertThat(calendar.holidays(dec(20), dec(31))).containsExactlyInAnyOrder(dec(24), dec(25));
    }

    @Test
    void theCalendarsFlagBeatsTheInferenceAndTheInferenceFillsDaysWithoutEntries() {
        var calendar = ShopCalendar.of(STORE, List.of(
                entry(25, "", CalendarKind.HOLIDAY, "Christmas Day", false),
                entry(21, "", CalendarKind.EVENT, "Saturday opening", true)));
        var inferred = Set.of(dec(20), dec(25), dec(26));

        assertThat(calendar.isTradingDay(dec(25), true)).as("closed by the calendar despite demand").isFalse();
        assertThat(calendar.isTradingDay(dec(21), false)).as("open by the calendar without demand").isTrue();
        assertThat(calendar.isTradingDay(dec(26), true)).as("no entry: inferred").isTrue();
        assertThat(calendar.isTradingDay(dec(22), false)).as("no entry: inferred").isFalse();
        assertThat(calendar.tradingDay(dec(22))).isEqualTo(Optional.empty());
        assertThat(calendar.tradingDays(dec(20), dec(26), inferred)).containsExactlyInAnyOrder(dec(20), dec(21), dec(26));
    }

    @Test
    void anEntryNamingTheLocationBeatsEntriesForAllLocations() {
        var calendar = ShopCalendar.of(STORE, List.of(
                entry(25, "", CalendarKind.HOLIDAY, "Christmas Day", false),
                entry(25, STORE, CalendarKind.EVENT, "Open on Christmas", true),
                entry(26, "", CalendarKind.HOLIDAY, "Boxing Day", true),
                entry(26, STORE, CalendarKind.CLOSURE, "Stocktake", false)));

        assertThat(calendar.tradingDay(dec(25))).contains(true);
        assertThat(calendar.isHoliday(dec(25))).as("still the national holiday").isTrue();
        assertThat(calendar.tradingDay(dec(26))).contains(false);
        var all = List.of(entry(25, "", CalendarKind.HOLIDAY, "Christmas Day", false),
                entry(25, STORE, CalendarKind.EVENT, "Open on Christmas", true));
        assertThat(ShopCalendar.of("OTHER", all).tradingDay(dec(25))).as("another location keeps the national flag").contains(false);
    }

    @Test
    void amongEntriesOfOneLevelAnyNonTradingEntryClosesTheDay() {
        var calendar = ShopCalendar.of(STORE, List.of(
                entry(27, STORE, CalendarKind.EVENT, "Sale", true),
                entry(27, STORE, CalendarKind.CLOSURE, "Flood", false),
                entry(30, "", CalendarKind.EVENT, "A", true),
                entry(30, "", CalendarKind.EVENT, "B", true)));

        assertThat(calendar.tradingDay(dec(27))).contains(false);
        assertThat(calendar.tradingDay(dec(30))).contains(true);
    }

    @Test
    void featuresReadTheResolvedFlags() {
        var history = DemandHistory.dense(new SeriesId("SKU1", STORE), dec(23), dec(26),
                List.of(new DailyDemand(dec(23), 1), new DailyDemand(dec(25), 2)));
        var calendar = ShopCalendar.of(STORE, List.of(entry(25, "", CalendarKind.HOLIDAY, "Christmas Day", false)));
        var inferred = Set.of(dec(23), dec(25));
        var rows = FeatureCalculator.compute(history, dec(23), dec(26), List.of(),
                calendar.tradingDays(dec(23), dec(26), inferred), calendar.holidays(dec(23), dec(26)));

        var holiday = new ArrayList<Double>();
        var trading = new ArrayList<Double>();
        for (var r : rows) {
            holiday.add(r.value(Feature.IS_HOLIDAY));
            trading.add(r.value(Feature.IS_TRADING_DAY));
        }
        assertThat(holiday).containsExactly(0.0, 0.0, 1.0, 0.0);
        assertThat(trading).containsExactly(1.0, 0.0, 0.0, 0.0);
    }
}
