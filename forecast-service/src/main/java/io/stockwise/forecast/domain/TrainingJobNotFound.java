package io.stockwise.forecast.domain;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;

/** An unknown training job id: {@code NOT_FOUND}. */
public final class TrainingJobNotFound extends StockwiseException {
    /** The stable reason clients and tests match on. */
    public static final String REASON = "TRAINING_JOB_NOT_FOUND";

    public TrainingJobNotFound(String id) {
        super(ErrorCode.NOT_FOUND, REASON, "no training job " + id);
    }
}
