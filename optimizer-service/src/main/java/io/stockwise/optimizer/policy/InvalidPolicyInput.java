package io.stockwise.optimizer.policy;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.FieldViolation;
import io.stockwise.commons.error.StockwiseException;
import java.util.List;

/** A policy request with an invalid field: {@code INVALID_ARGUMENT} naming the field by its proto path. */
public final class InvalidPolicyInput extends StockwiseException {
    public InvalidPolicyInput(String field, String description) {
        super(ErrorCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", field + ": " + description,
                List.of(new FieldViolation(field, "INVALID_VALUE", description)));
    }

    static void require(boolean ok, String field, String description) {
        if (!ok) {
            throw new InvalidPolicyInput(field, description);
        }
    }

    static double nonNegative(double value, String field) {
        require(Double.isFinite(value) && value >= 0, field, "must be a finite number at least 0");
        return value;
    }

    static double positive(double value, String field) {
        require(Double.isFinite(value) && value > 0, field, "must be a finite number greater than 0");
        return value;
    }

    static double finite(double value, String field) {
        require(Double.isFinite(value), field, "must be a finite number");
        return value;
    }
}
