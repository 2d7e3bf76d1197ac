package io.stockwise.forecast.domain;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;

/** A training job was asked for while another is queued or running: {@code FAILED_PRECONDITION}. */
public final class TrainingJobRunning extends StockwiseException {
    /** The stable reason clients and tests match on. */
    public static final String REASON = "TRAINING_JOB_RUNNING";

    public TrainingJobRunning(String detail) {
        super(ErrorCode.FAILED_PRECONDITION, REASON, "a training job is already queued or running" + detail);
    }
}
