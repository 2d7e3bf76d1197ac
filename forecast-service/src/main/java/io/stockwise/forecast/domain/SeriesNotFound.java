package io.stockwise.forecast.domain;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;
import java.time.LocalDate;
import java.util.Optional;

/** A requested series has no demand history (on or before the requested as-of day): {@code NOT_FOUND}. */
public final class SeriesNotFound extends StockwiseException {
    /** The stable reason clients and tests match on. */
    public static final String REASON = "SERIES_NOT_FOUND";

    private final SeriesId series;

    public SeriesNotFound(SeriesId series, Optional<LocalDate> asOf) {
        super(ErrorCode.NOT_FOUND, REASON, "series " + series.key() + " has no demand history"
                + asOf.map(d -> " on or before " + d).orElse(""));
        this.series = series;
    }

    public SeriesId series() {
        return series;
    }
}
