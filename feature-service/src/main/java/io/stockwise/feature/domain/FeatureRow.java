package io.stockwise.feature.domain;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * The features of a series on one day, one value per {@link Feature} in declaration order;
 * {@code NaN} means undefined that day.
 */
public final class FeatureRow {
    private final LocalDate date;
    private final double[] values;

    FeatureRow(LocalDate date, double[] values) {
        this.date = Objects.requireNonNull(date, "date");
        if (values.length != Feature.values().length) {
            throw new IllegalArgumentException("one value per feature expected, got " + values.length);
        }
        this.values = values;
    }

    /** The day; the values use only data for days up to and including it. */
    public LocalDate date() {
        return date;
    }

    /** The value of {@code feature}; {@code NaN} when undefined. */
    public double value(Feature feature) {
        return values[feature.ordinal()];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureRow r && date.equals(r.date) && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return 31 * date.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        var b = new StringBuilder("FeatureRow[").append(date);
        for (var f : Feature.values()) {
            b.append(", ").append(f.featureName()).append('=').append(values[f.ordinal()]);
        }
        return b.append(']').toString();
    }
}
