package io.stockwise.forecast.domain;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;

/** feature-service could not be reached or did not answer in time; the call may be retried: {@code UNAVAILABLE}. */
public final class FeatureServiceUnavailable extends StockwiseException {
    /** The stable reason clients and tests match on. */
    public static final String REASON = "FEATURE_SERVICE_UNAVAILABLE";

    public FeatureServiceUnavailable(String detail, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, REASON, "feature-service is unavailable: " + detail);
        initCause(cause);
    }
}
