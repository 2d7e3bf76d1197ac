package io.stockwise.optimizer.domain;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;

/** forecast-service could not be reached or did not answer in time; the call may be retried. */
public final class ForecastUnavailable extends StockwiseException {
    /** Stable reason of the failure. */
    public static final String REASON = "FORECAST_SERVICE_UNAVAILABLE";

    public ForecastUnavailable(String message, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, REASON, message);
        initCause(cause);
    }
}
