package io.stockwise.ingestion.domain;

import java.time.LocalDate;

/**
 * A calendar day as a client sent it (year, month, day), not yet validated: all zero means
 * "not given". {@link ReferenceValidator} checks it before {@link #toLocalDate()} is called.
 */
public record DayInput(int year, int month, int day) {
    /** True when no part of the date was sent. */
    public boolean isEmpty() {
        return year == 0 && month == 0 && day == 0;
    }

    public LocalDate toLocalDate() {
        return LocalDate.of(year, month, day);
    }

    public static DayInput of(LocalDate d) {
        return new DayInput(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }
}
