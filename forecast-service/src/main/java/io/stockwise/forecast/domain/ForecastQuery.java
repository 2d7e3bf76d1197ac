package io.stockwise.forecast.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for forecasts, as the client sent it (not yet validated; {@link ForecastPlanner} does
 * that and names fields as the contract does: {@code series[2].sku_id}, {@code horizon_days}).
 *
 * @param series the series to forecast, 1 to {@value #MAX_SERIES}, each at most once
 * @param horizonDays days to forecast, 1 to {@value #MAX_HORIZON_DAYS}; 0 means {@value #DEFAULT_HORIZON_DAYS}
 * @param asOfDate the last day of history to use; empty means each series' last day with demand
 * @param model the model name; empty means the champion model
 */
public record ForecastQuery(List<SeriesId> series, int horizonDays, Optional<LocalDate> asOfDate, String model) {
    /** Most series per request. */
    public static final int MAX_SERIES = 1000;
    /** Longest horizon, in days. */
    public static final int MAX_HORIZON_DAYS = 366;
    /** The horizon when a request gives 0. */
    public static final int DEFAULT_HORIZON_DAYS = 28;
    /** Longest SKU or location id, in characters. */
    public static final int MAX_ID_LENGTH = 64;

    public ForecastQuery {
        series = List.copyOf(series);
        Objects.requireNonNull(asOfDate, "asOfDate");
        model = model == null ? "" : model;
    }

    /** The horizon to forecast: {@link #horizonDays()}, or the default when it is 0. */
    public int effectiveHorizonDays() {
        return horizonDays == 0 ? DEFAULT_HORIZON_DAYS : horizonDays;
    }
}
