package io.stockwise.optimizer.domain;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;

/** A series to plan has neither a forecast in the request nor one forecast-service can make. */
public final class SeriesNotFound extends StockwiseException {
    /** Stable reason of the failure. */
    public static final String REASON = "SERIES_NOT_FOUND";

    public SeriesNotFound(String message) {
        super(ErrorCode.NOT_FOUND, REASON, message);
    }

    public SeriesNotFound(SeriesId series) {
        this("no forecast for series " + series + ": forecast-service has no demand history for it");
    }
}
