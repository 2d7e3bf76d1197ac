package io.stockwise.forecast.domain;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.FieldViolation;
import io.stockwise.commons.error.StockwiseException;
import java.util.List;

/** A forecast request has invalid fields, each named by its path: {@code INVALID_ARGUMENT}. */
public final class InvalidForecastRequest extends StockwiseException {
    /** The stable reason clients and tests match on. */
    public static final String REASON = "INVALID_ARGUMENT";

    public InvalidForecastRequest(List<FieldViolation> violations) {
        super(ErrorCode.INVALID_ARGUMENT, REASON, message(violations), violations);
    }

    private static String message(List<FieldViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request needs at least one violation");
        }
        var first = violations.get(0);
        var more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "";
        return first.field() + ": " + first.description() + more;
    }
}
