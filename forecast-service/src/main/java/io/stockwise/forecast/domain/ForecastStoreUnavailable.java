package io.stockwise.forecast.domain;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;

/** The forecast database could not be reached; nothing was stored and the call may be retried: {@code UNAVAILABLE}. */
public final class ForecastStoreUnavailable extends StockwiseException {
    /** The stable reason clients and tests match on. */
    public static final String REASON = "DATABASE_UNAVAILABLE";

    public ForecastStoreUnavailable(String detail, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, REASON, "the forecast database is unavailable: " + detail);
        initCause(cause);
    }
}
