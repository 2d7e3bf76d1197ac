package io.stockwise.forecast.core;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * Daily demand of one series: one value per calendar day from {@code firstDate}, zero on days
 * without demand, with optional aligned daily average unit price and promotion share arrays
 * ({@code null} when unknown; a price of 0 means no sale that day to price).
 *
 * @param id the series id (e.g. the upper-cased stock code)
 * @param firstDate the day of {@code demand[0]}
 * @param demand units demanded per day, finite and non-negative
 * @param price average unit price per day, or {@code null}
 * @param promo share of the day under promotion in [0, 1], or {@code null}
 */
public record DemandSeries(String id, LocalDate firstDate, double[] demand, double[] price, double[] promo) {
    public DemandSeries {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(firstDate, "firstDate");
        Objects.requireNonNull(demand, "demand");
        for (double v : demand) {
            if (!Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException("demand of " + id + " must be finite and non-negative, was " + v);
            }
        }
        if (price != null && price.length != demand.length || promo != null && promo.length != demand.length) {
            throw new IllegalArgumentException("price and promo of " + id + " must align with demand");
        }
    }

    /** A series without price or promotion data. */
    public static DemandSeries of(String id, LocalDate firstDate, double[] demand) {
        return new DemandSeries(id, firstDate, demand, null, null);
    }

    /** Number of days. */
    public int length() {
        return demand.length;
    }

    /** The last day covered. */
    public LocalDate lastDate() {
        return firstDate.plusDays(demand.length - 1L);
    }

    /**
     * This series ending exactly on {@code asOf}: later days dropped (nothing after the cutoff may
     * leak into a forecast), missing days up to it filled with zero demand.
     */
    public DemandSeries endingOn(LocalDate asOf) {
        long len = asOf.toEpochDay() - firstDate.toEpochDay() + 1;
        if (len == demand.length) {
            return this;
        }
        int n = (int) Math.max(0, len);
        return new DemandSeries(id, firstDate, Arrays.copyOf(demand, n),
                price == null ? null : Arrays.copyOf(price, n), promo == null ? null : Arrays.copyOf(promo, n));
    }

    /** Index of the first day with positive demand, or {@code length()} when none. */
    public int firstSaleIndex() {
        for (int i = 0; i < demand.length; i++) {
            if (demand[i] > 0) {
                return i;
            }
        }
        return demand.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DemandSeries s && id.equals(s.id) && firstDate.equals(s.firstDate)
                && Arrays.equals(demand, s.demand) && Arrays.equals(price, s.price) && Arrays.equals(promo, s.promo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, firstDate, Arrays.hashCode(demand));
    }

    @Override
    public String toString() {
        return "DemandSeries[" + id + " from " + firstDate + ", " + demand.length + " days]";
    }
}
