package io.stockwise.feature.domain;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;
import java.time.LocalDate;

/** The series has no demand (at all, or on or before the requested day): {@code NOT_FOUND}, {@code SERIES_NOT_FOUND}. */
public final class SeriesNotFound extends StockwiseException {
    /** The stable reason. */
    public static final String REASON = "SERIES_NOT_FOUND";

    public SeriesNotFound(SeriesId series) {
        super(ErrorCode.NOT_FOUND, REASON, "series " + series.key() + " has no demand");
    }

    public SeriesNotFound(SeriesId series, LocalDate asOf) {
        super(ErrorCode.NOT_FOUND, REASON, "series " + series.key() + " has no demand on or before " + asOf);
    }
}
