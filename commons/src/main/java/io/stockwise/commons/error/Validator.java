package io.stockwise.commons.error;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects field violations of one request so a caller learns every bad field at once.
 * Reasons are the stable values {@code REQUIRED}, {@code OUT_OF_RANGE}, {@code TOO_LONG},
 * {@code NOT_FINITE}, {@code INVALID_FORMAT}, {@code INVALID_CHARACTERS} (control characters or
 * unpaired surrogates in a string) and {@code DUPLICATE}.
 */
public final class Validator {
    private final List<FieldViolation> violations = new ArrayList<>();

    /** Records a violation. */
    public Validator add(String field, String reason, String description) {
        violations.add(new FieldViolation(field, reason, description));
        return this;
    }

    /** Requires a non-blank string of at most {@code maxLength} characters. */
    public Validator requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return add(field, "REQUIRED", "is required");
        }
        return maxLength(field, value, maxLength);
    }

    /**
     * Requires at most {@code maxLength} characters (empty is fine) of storable {@link Text}: no
     * control character and no unpaired surrogate.
     */
    public Validator maxLength(String field, String value, int maxLength) {
        if (value == null) {
            return this;
        }
        if (value.length() > maxLength) {
            add(field, "TOO_LONG", "must be at most " + maxLength + " characters, was " + value.length());
        }
        String bad = Text.problem(value);
        if (bad != null) {
            add(field, "INVALID_CHARACTERS", "must be text: " + bad);
        }
        return this;
    }

    /** Requires a finite value in {@code [min, max]}. */
    public Validator requireRange(String field, double value, double min, double max) {
        if (!Double.isFinite(value)) {
            return add(field, "NOT_FINITE", "must be a finite number");
        }
        if (value < min || value > max) {
            add(field, "OUT_OF_RANGE", "must be between " + fmt(min) + " and " + fmt(max) + ", was " + fmt(value));
        }
        return this;
    }

    /** Requires a finite value strictly between {@code min} and {@code max}. */
    public Validator requireOpenRange(String field, double value, double min, double max) {
        if (!Double.isFinite(value)) {
            return add(field, "NOT_FINITE", "must be a finite number");
        }
        if (value <= min || value >= max) {
            add(field, "OUT_OF_RANGE", "must be strictly between " + fmt(min) + " and " + fmt(max) + ", was " + fmt(value));
        }
        return this;
    }

    /** Requires an integer in {@code [min, max]}. */
    public Validator requireRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            add(field, "OUT_OF_RANGE", "must be between " + min + " and " + max + ", was " + value);
        }
        return this;
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    public List<FieldViolation> violations() {
        return List.copyOf(violations);
    }

    /** Throws an {@code INVALID_ARGUMENT} failure naming every violation, if there is any. */
    public void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw StockwiseException.invalid(violations);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
