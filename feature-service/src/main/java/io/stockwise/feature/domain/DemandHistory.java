package io.stockwise.feature.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * The dense daily demand of one series over a contiguous range of calendar days: one value per
 * day from {@link #startDate()}, zero on days without demand. May be empty (no days).
 */
public final class DemandHistory {
    private final SeriesId series;
    private final LocalDate startDate;
    private final double[] quantities;

    private DemandHistory(SeriesId series, LocalDate startDate, double[] quantities) {
        this.series = Objects.requireNonNull(series, "series");
        this.startDate = Objects.requireNonNull(startDate, "startDate");
        this.quantities = quantities;
    }

    /**
     * Assembles the dense history of {@code [start, end]} from sparse stored rows: days without a
     * row are zero and rows outside the range are ignored (clipped).
     *
     * @param end the last day, inclusive; {@code start - 1} gives an empty history
     * @param sparse stored rows in any order, at most one per day
     */
    public static DemandHistory dense(SeriesId series, LocalDate start, LocalDate end, Iterable<DailyDemand> sparse) {
        var builder = builder(series, start, end);
        for (var row : sparse) {
            builder.add(row.date(), row.quantity());
        }
        return builder.build();
    }

    /** A builder of the dense history of {@code [start, end]}, fed row by row. */
    public static Builder builder(SeriesId series, LocalDate start, LocalDate end) {
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days < 0) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        if (days > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("range too long: " + days + " days");
        }
        return new Builder(series, start, new double[(int) days]);
    }

    /** Fills a dense history from sparse rows. */
    public static final class Builder {
        private final SeriesId series;
        private final LocalDate start;
        private final long startEpochDay;
        private double[] quantities;

        private Builder(SeriesId series, LocalDate start, double[] quantities) {
            this.series = series;
            this.start = start;
            this.startEpochDay = start.toEpochDay();
            this.quantities = quantities;
        }

        /** Sets the demand of one day; days outside the range are ignored. */
        public Builder add(LocalDate date, double quantity) {
            long i = date.toEpochDay() - startEpochDay;
            if (i >= 0 && i < quantities.length) {
                quantities[(int) i] = quantity;
            }
            return this;
        }

        /** The history; the builder must not be used afterwards. */
        public DemandHistory build() {
            var h = new DemandHistory(series, start, quantities);
            quantities = null;
            return h;
        }
    }

    public SeriesId series() {
        return series;
    }

    /** The day of the first value (also set when the history is empty). */
    public LocalDate startDate() {
        return startDate;
    }

    /** Number of days. */
    public int length() {
        return quantities.length;
    }

    /** Units demanded on day {@code startDate + i}. */
    public double quantity(int i) {
        return quantities[i];
    }

    /** A copy of the values, one per day. */
    public double[] quantities() {
        return quantities.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DemandHistory h && series.equals(h.series) && startDate.equals(h.startDate)
                && Arrays.equals(quantities, h.quantities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(series, startDate, Arrays.hashCode(quantities));
    }

    @Override
    public String toString() {
        return "DemandHistory[" + series + " from " + startDate + ": " + Arrays.toString(quantities) + "]";
    }
}
