package io.stockwise.optimizer.domain;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.FieldViolation;
import io.stockwise.commons.error.StockwiseException;
import java.util.List;

/** A plan request with invalid fields: {@code INVALID_ARGUMENT} naming each of them. */
public final class InvalidPlanRequest extends StockwiseException {
    public InvalidPlanRequest(List<FieldViolation> violations) {
        super(ErrorCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", message(violations), violations);
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
