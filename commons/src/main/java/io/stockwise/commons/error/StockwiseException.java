package io.stockwise.commons.error;

import java.util.List;
import java.util.Objects;

/**
 * A failure a domain knows how to name. Domains subclass it with situation names ({@code
 * SeriesNotFound}, {@code InvalidForecastRequest}); the gRPC adapter turns it into a status with
 * the canonical code, this message and an {@code ErrorInfo} carrying {@link #reason()}.
 */
public class StockwiseException extends RuntimeException {
    private final ErrorCode code;
    private final String reason;
    private final List<FieldViolation> violations;

    /**
     * @param code the canonical failure class
     * @param reason a stable UPPER_SNAKE_CASE reason, e.g. {@code SERIES_NOT_FOUND}; tests assert it
     * @param message a short English message for humans
     * @param violations the invalid fields, for {@link ErrorCode#INVALID_ARGUMENT}; may be empty
     */
    public StockwiseException(ErrorCode code, String reason, String message, List<FieldViolation> violations) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.violations = List.copyOf(violations);
    }

    public StockwiseException(ErrorCode code, String reason, String message) {
        this(code, reason, message, List.of());
    }

    /** An {@code INVALID_ARGUMENT} failure for the given fields, with reason {@code INVALID_ARGUMENT}. */
    public static StockwiseException invalid(List<FieldViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid-argument failure needs at least one violation");
        }
        var first = violations.get(0);
        var more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "";
        return new StockwiseException(ErrorCode.INVALID_ARGUMENT, "INVALID_ARGUMENT",
                first.field() + ": " + first.description() + more, violations);
    }

    /** An {@code INVALID_ARGUMENT} failure for one field. */
    public static StockwiseException invalid(String field, String reason, String description) {
        return invalid(List.of(new FieldViolation(field, reason, description)));
    }

    public ErrorCode code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
