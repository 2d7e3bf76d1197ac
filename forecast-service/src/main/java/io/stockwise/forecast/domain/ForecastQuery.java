package io.stockwise.forecast.domain;

import io.stockwise.forecast.core.Bucket;
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
 * @param model the model name; empty means the champion model (for weeks and months {@value #DEFAULT_BUCKET_MODEL})
 * @param quantileLevels the levels asked for, as sent; empty means {@link QuantileLevels#STANDARD}
 * @param bucket the bucket to forecast in; {@link Bucket#DAY} unless the request says otherwise
 * @param horizonBuckets weeks or months to forecast; 0 means the bucket's default (13 weeks, 12 months)
 */
public record ForecastQuery(List<SeriesId> series, int horizonDays, Optional<LocalDate> asOfDate, String model,
        List<Double> quantileLevels, Bucket bucket, int horizonBuckets) {
    /** Most series per request. */
    public static final int MAX_SERIES = 1000;
    /** Longest horizon, in days. */
    public static final int MAX_HORIZON_DAYS = 366;
    /** The horizon when a request gives 0. */
    public static final int DEFAULT_HORIZON_DAYS = 28;
    /** Longest SKU or location id, in characters. */
    public static final int MAX_ID_LENGTH = 64;
    /** Most weeks per request. */
    public static final int MAX_HORIZON_WEEKS = 104;
    /** Most months per request. */
    public static final int MAX_HORIZON_MONTHS = 36;
    /** The model serving weeks and months when a request names none. */
    public static final String DEFAULT_BUCKET_MODEL = "tsb";

    public ForecastQuery {
        series = List.copyOf(series);
        Objects.requireNonNull(asOfDate, "asOfDate");
        model = model == null ? "" : model;
        quantileLevels = List.copyOf(quantileLevels);
        Objects.requireNonNull(bucket, "bucket");
    }

    /** A daily query at the standard levels. */
    public ForecastQuery(List<SeriesId> series, int horizonDays, Optional<LocalDate> asOfDate, String model) {
        this(series, horizonDays, asOfDate, model, List.of(), Bucket.DAY, 0);
    }

    /** The buckets to forecast for weeks and months: {@link #horizonBuckets()} or the bucket's default. */
    public int effectiveHorizonBuckets() {
        if (horizonBuckets != 0) {
            return horizonBuckets;
        }
        return bucket == Bucket.WEEK ? 13 : 12;
    }

    /** The longest horizon of a bucket. */
    public static int maxHorizon(Bucket bucket) {
        return switch (bucket) {
            case DAY -> MAX_HORIZON_DAYS;
            case WEEK -> MAX_HORIZON_WEEKS;
            case MONTH -> MAX_HORIZON_MONTHS;
        };
    }

    /** The horizon to forecast: {@link #horizonDays()}, or the default when it is 0. */
    public int effectiveHorizonDays() {
        return horizonDays == 0 ? DEFAULT_HORIZON_DAYS : horizonDays;
    }
}
