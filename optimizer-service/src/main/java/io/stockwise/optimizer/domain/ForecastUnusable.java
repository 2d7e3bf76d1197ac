package io.stockwise.optimizer.domain;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;

/**
 * forecast-service answered, but not with a forecast the plan can use (too few days, malformed
 * quantiles, or it refused to forecast): {@code FAILED_PRECONDITION}.
 */
public final class ForecastUnusable extends StockwiseException {
    /** Stable reason of the failure. */
    public static final String REASON = "FORECAST_UNUSABLE";

    public ForecastUnusable(String message) {
        super(ErrorCode.FAILED_PRECONDITION, REASON, message);
    }
}
