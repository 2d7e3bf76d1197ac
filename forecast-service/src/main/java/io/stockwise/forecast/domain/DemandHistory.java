package io.stockwise.forecast.domain;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * Daily demand of one series over a contiguous range of calendar days: one value per day from
 * {@link #startDate()}, zero on days without demand. Immutable.
 */
public final class DemandHistory {
    private final SeriesId series;
    private final LocalDate startDate;
    private final double[] quantities;

    /**
     * @param series the series
     * @param startDate the day of {@code quantities[0]}
     * @param quantities units demanded per day; finite and non-negative (copied)
     * @throws IllegalArgumentException when a quantity is negative or not finite
     */
    public DemandHistory(SeriesId series, LocalDate startDate, double[] quantities) {
        this.series = Objects.requireNonNull(series, "series");
        this.startDate = Objects.requireNonNull(startDate, "startDate");
        this.quantities = quantities.clone();
        for (int i = 0; i < this.quantities.length; i++) {
            double q = this.quantities[i];
            if (!Double.isFinite(q) || q < 0) {
                throw new IllegalArgumentException("demand of " + series + " on " + startDate.plusDays(i)
                        + " must be finite and non-negative, was " + q);
            }
        }
    }

    public SeriesId series() {
        return series;
    }

    public LocalDate startDate() {
        return startDate;
    }

    /** Number of days covered. */
    public int length() {
        return quantities.length;
    }

    public boolean isEmpty() {
        return quantities.length == 0;
    }

    /** The units demanded on day {@code i} (0 is {@link #startDate()}). */
    public double quantity(int i) {
        return quantities[i];
    }

    /** A copy of the daily values. */
    public double[] quantities() {
        return quantities.clone();
    }

    /** The last day covered; {@code startDate - 1} when empty. */
    public LocalDate endDate() {
        return startDate.plusDays(quantities.length - 1L);
    }

    /**
     * This history ending exactly on {@code asOf}: days after it are dropped (no data from after the
     * as-of day may leak into a forecast), and days between the last day covered and {@code asOf}
     * are added as zero demand (a day without demand is a day with zero demand).
     */
    public DemandHistory endingOn(LocalDate asOf) {
        long length = asOf.toEpochDay() - startDate.toEpochDay() + 1;
        if (length == quantities.length) {
            return this;
        }
        if (length <= 0) {
            return new DemandHistory(series, startDate, new double[0]);
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("history of " + series + " from " + startDate + " to " + asOf + " is too long");
        }
        return new DemandHistory(series, startDate, Arrays.copyOf(quantities, (int) length));
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
        return "DemandHistory[" + series + " from " + startDate + ", " + quantities.length + " days]";
    }
}
