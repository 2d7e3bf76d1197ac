package io.stockwise.forecast.core;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The time bucket a series is counted in: {@link #DAY} (the default everywhere), ISO {@link #WEEK}
 * (Monday to Sunday, numbered by ISO week-based year) or calendar {@link #MONTH}.
 *
 * <p><b>Bucket time.</b> A bucketed series is an ordinary {@link DemandSeries} whose "days" are
 * buckets: its {@code firstDate} is {@link #time(long) time(index)}, the epoch day numbered by the
 * bucket's index ({@link #index(LocalDate)}: days, ISO weeks or months since 1970). All day
 * arithmetic of the library ({@code endingOn}, {@code lastDate().plusDays(1)}, backtests that step
 * back a horizon) then counts buckets, and a horizon of 12 on monthly data is twelve months. For
 * {@link #DAY} bucket time is the calendar, so daily series are unchanged. Only the edges convert:
 * {@link #period(LocalDate)} writes a bucket-time date in the bucket's notation, {@link #parse}
 * reads one.
 */
public enum Bucket {
    /** Calendar days, {@code YYYY-MM-DD}; season 7 (the week). */
    DAY(7, 56, 182, "day"),
    /** ISO weeks, Monday first, {@code YYYY-Www}; season 52 (the year). */
    WEEK(52, 13, 26, "week"),
    /** Calendar months, {@code YYYY-MM}; season 12 (the year). */
    MONTH(12, 6, 24, "month");

    private static final Pattern DAY_P = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern WEEK_P = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH_P = Pattern.compile("(\\d{4})-(\\d{2})");
    /** The Monday of ISO week 1 of 1970 (1969-12-29) is epoch day -3. */
    private static final long WEEK_ZERO = -3;

    private final int season;
    private final int newBuckets;
    private final int segmentWindow;
    private final String label;

    Bucket(int season, int newBuckets, int segmentWindow, String label) {
        this.season = season;
        this.newBuckets = newBuckets;
        this.segmentWindow = segmentWindow;
        this.label = label;
    }

    /** Buckets per season: 7 days, 52 weeks, 12 months. */
    public int season() {
        return season;
    }

    /** Series first sold within this many buckets are new (56 days, 13 weeks, 6 months). */
    public int newBuckets() {
        return newBuckets;
    }

    /** Buckets over which intermittency is measured (182 days, 26 weeks, 24 months). */
    public int segmentWindow() {
        return segmentWindow;
    }

    /** The lower-case name used on command lines and in the contract: {@code day}, {@code week}, {@code month}. */
    public String label() {
        return label;
    }

    /** The bucket named {@code day}, {@code week} or {@code month} (case-insensitive). */
    public static Bucket named(String name) {
        for (var b : values()) {
            if (b.label.equalsIgnoreCase(name.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("bucket must be day, week or month, was '" + name + "'");
    }

    /** The bucket whose notation {@code period} is written in, or {@code null} when it is none. */
    public static Bucket detect(String period) {
        if (DAY_P.matcher(period).matches()) {
            return DAY;
        }
        if (WEEK_P.matcher(period).matches()) {
            return WEEK;
        }
        if (MONTH_P.matcher(period).matches()) {
            return MONTH;
        }
        return null;
    }

    /** The index of the bucket that holds calendar day {@code day}. */
    public long index(LocalDate day) {
        return switch (this) {
            case DAY -> day.toEpochDay();
            case WEEK -> Math.floorDiv(day.toEpochDay() - WEEK_ZERO, 7);
            case MONTH -> (day.getYear() - 1970L) * 12 + day.getMonthValue() - 1;
        };
    }

    /** The first calendar day of bucket {@code index}. */
    public LocalDate start(long index) {
        return switch (this) {
            case DAY -> LocalDate.ofEpochDay(index);
            case WEEK -> LocalDate.ofEpochDay(WEEK_ZERO + 7 * index);
            case MONTH -> LocalDate.of((int) (1970 + Math.floorDiv(index, 12)), (int) Math.floorMod(index, 12) + 1, 1);
        };
    }

    /** The last calendar day of bucket {@code index}. */
    public LocalDate end(long index) {
        return start(index + 1).minusDays(1);
    }

    /** The bucket-time date of bucket {@code index} (see the class comment). */
    public static LocalDate time(long index) {
        return LocalDate.ofEpochDay(index);
    }

    /** The bucket-time date of the bucket holding calendar day {@code day}. */
    public LocalDate timeOf(LocalDate day) {
        return time(index(day));
    }

    /** Bucket {@code index} in this bucket's notation: {@code 2024-03-05}, {@code 2024-W09}, {@code 2024-03}. */
    public String format(long index) {
        var s = start(index);
        return switch (this) {
            case DAY -> s.toString();
            case WEEK -> String.format(Locale.ROOT, "%04d-W%02d", s.get(IsoFields.WEEK_BASED_YEAR), s.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> String.format(Locale.ROOT, "%04d-%02d", s.getYear(), s.getMonthValue());
        };
    }

    /** A bucket-time date in this bucket's notation. */
    public String period(LocalDate bucketTime) {
        return format(bucketTime.toEpochDay());
    }

    /**
     * The index of {@code period} written in this bucket's notation.
     *
     * @throws IllegalArgumentException with the reason, when it is not a valid period of this bucket
     */
    public long parse(String period) {
        var found = detect(period);
        if (found != this) {
            throw new IllegalArgumentException("'" + period + "' is not a " + label + " ("
                    + switch (this) { case DAY -> "YYYY-MM-DD"; case WEEK -> "YYYY-Www"; case MONTH -> "YYYY-MM"; }
                    + (found == null ? ")" : "), it is a " + found.label));
        }
        try {
            return switch (this) {
                case DAY -> LocalDate.parse(period).toEpochDay();
                case WEEK -> {
                    var m = WEEK_P.matcher(period);
                    m.matches();
                    int year = Integer.parseInt(m.group(1));
                    int week = Integer.parseInt(m.group(2));
                    var jan4 = LocalDate.of(year, 1, 4);
                    long weeks = jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
                    if (week < 1 || week > weeks) {
                        throw new IllegalArgumentException("'" + period + "': ISO year " + year + " has weeks 1 to " + weeks);
                    }
                    var monday = jan4.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(week - 1L);
                    yield index(monday);
                }
                case MONTH -> {
                    var ym = YearMonth.parse(period);
                    yield index(ym.atDay(1));
                }
            };
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + period + "' is not a valid " + label + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sums a daily series into this bucket's complete buckets, in bucket time. A bucket is complete
     * when the series covers every one of its days: the first bucket counts only when the series
     * starts on its first day, and a partial last bucket (the days of the current week or month
     * seen so far) is dropped, never counted as if the bucket were over. Price and promotion are
     * not carried. For {@link #DAY} the series itself is returned.
     *
     * @return the bucketed series, or a series of length 0 (starting at the first complete bucket)
     *     when no bucket is complete
     */
    public DemandSeries aggregate(DemandSeries daily) {
        if (this == DAY) {
            return daily;
        }
        var first = daily.firstDate();
        long firstIndex = index(first);
        if (!start(firstIndex).equals(first)) {
            firstIndex++;
        }
        long lastIndex = index(daily.lastDate());
        if (!end(lastIndex).equals(daily.lastDate())) {
            lastIndex--;
        }
        int n = (int) Math.max(0, lastIndex - firstIndex + 1);
        var y = new double[n];
        var d = daily.demand();
        for (int b = 0; b < n; b++) {
            long from = start(firstIndex + b).toEpochDay() - first.toEpochDay();
            long to = end(firstIndex + b).toEpochDay() - first.toEpochDay();
            double s = 0;
            for (long i = from; i <= to; i++) {
                s += d[(int) i];
            }
            y[b] = s;
        }
        return DemandSeries.of(daily.id(), time(firstIndex), y);
    }
}
