package io.stockwise.feature.domain;

import io.stockwise.commons.error.StockwiseException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Serves the {@link Feature}s of a series for a range of days, each day computed point in time by
 * {@link FeatureCalculator} from data for days up to it only.
 */
public final class FeatureQueries {
    /** Most days one request may ask for. */
    public static final int MAX_FEATURE_DAYS = 366;

    private final DemandStore demand;
    private final FeatureSource source;

    public FeatureQueries(DemandStore demand, FeatureSource source) {
        this.demand = demand;
        this.source = source;
    }

    /**
     * The features of {@code series} for every day of {@code [start, end]}.
     *
     * @param start first day; empty means {@code end}
     * @param end last day, inclusive
     * @throws SeriesNotFound when the series has no demand on or before {@code end}
     * @throws StockwiseException {@code INVALID_ARGUMENT} when {@code start} is after {@code end} or
     *     the range is longer than {@value #MAX_FEATURE_DAYS} days
     */
    public List<FeatureRow> features(SeriesId series, Optional<LocalDate> start, LocalDate end) {
        LocalDate from = start.orElse(end);
        if (from.isAfter(end)) {
            throw StockwiseException.invalid("start_date", "OUT_OF_RANGE",
                    "must not be after end_date (" + from + " > " + end + ")");
        }
        long days = ChronoUnit.DAYS.between(from, end) + 1;
        if (days > MAX_FEATURE_DAYS) {
            throw StockwiseException.invalid("start_date", "OUT_OF_RANGE",
                    "the range " + from + " to " + end + " spans " + days + " days; at most " + MAX_FEATURE_DAYS + " are served");
        }
        var summary = demand.summary(series).orElseThrow(() -> new SeriesNotFound(series));
        LocalDate first = summary.firstDemandDate();
        if (first.isAfter(end)) {
            throw new SeriesNotFound(series, end);
        }
        // Read only up to `end`: nothing after the last requested day can reach any row.
        var history = DemandHistory.dense(series, first, end, demand.daily(series, first, end));
        var prices = source.dailyPrices(series, from.minusDays(FeatureCalculator.PRICE_WINDOW_DAYS - 1), end);
        // Calendar entries are planned facts (a holiday is known in advance), so reading day d's
        // entry for the row of d is point in time; ShopCalendar holds the precedence rules.
        var calendar = ShopCalendar.of(series.locationId(), source.calendar(series.locationId(), from, end));
        return FeatureCalculator.compute(history, from, end, prices,
                calendar.tradingDays(from, end, source.tradingDays(from, end)), calendar.holidays(from, end));
    }
}
