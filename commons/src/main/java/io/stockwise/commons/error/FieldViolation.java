package io.stockwise.commons.error;

import java.util.Objects;

/**
 * One invalid field of a request.
 *
 * @param field the field's path in the request, e.g. {@code items[3].lead_time_days}
 * @param reason a stable machine-readable reason, e.g. {@code REQUIRED} or {@code OUT_OF_RANGE}
 * @param description a short English description of what is wrong
 */
public record FieldViolation(String field, String reason, String description) {
    public FieldViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(description, "description");
    }

    /** The same violation with its field path under {@code prefix} (e.g. {@code records[7].}). */
    public FieldViolation under(String prefix) {
        return new FieldViolation(prefix + field, reason, description);
    }
}
