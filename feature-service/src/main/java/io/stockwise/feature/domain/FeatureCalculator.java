package io.stockwise.feature.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the {@link Feature}s of a series, day by day, point in time: the row of day {@code d}
 * reads demand only at indices {@code <= d}, prices only of days {@code <= d} and the trading and
 * holiday flags of {@code d} itself. The definitions are those of {@link Feature}.
 */
public final class FeatureCalculator {
    /** Lags served, in days. */
    static final int[] LAGS = {1, 7, 14, 28};
    /** Rolling windows served, in days (ending on and including d). */
    static final int[] WINDOWS = {7, 28, 91};
    /** Window of the reference (median) price, in days ending on and including d. */
    public static final int PRICE_WINDOW_DAYS = 28;

    private FeatureCalculator() {}

    /**
     * The rows of {@code [start, end]}.
     *
     * @param history the series' dense demand from its first day with demand (its {@code startDate})
     *     to at least {@code end}; values after {@code end} are never read
     * @param prices the series' daily prices, covering at least {@code [start - 27, end]}, any order
     * @param tradingDays the days on which the series' location trades (resolved by {@link ShopCalendar}), covering at least {@code [start, end]}
     * @param holidays the holidays at the series' location (see {@link ShopCalendar}), covering at least {@code [start, end]}
     */
    public static List<FeatureRow> compute(DemandHistory history, LocalDate start, LocalDate end, List<DailyPrice> prices,
            Set<LocalDate> tradingDays, Set<LocalDate> holidays) {
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("start " + start + " is after end " + end);
        }
        var priceByDay = new HashMap<LocalDate, DailyPrice>();
        for (var p : prices) {
            priceByDay.put(p.date(), p);
        }
        var rows = new ArrayList<FeatureRow>((int) ChronoUnit.DAYS.between(start, end) + 1);
        for (var d = start; !d.isAfter(end); d = d.plusDays(1)) {
            rows.add(row(history, d, priceByDay, tradingDays, holidays));
        }
        return rows;
    }

    /** The row of one day, reading nothing after it. */
    static FeatureRow row(DemandHistory history, LocalDate d, Map<LocalDate, DailyPrice> prices, Set<LocalDate> tradingDays,
            Set<LocalDate> holidays) {
        var v = new double[Feature.values().length];
        Arrays.fill(v, Double.NaN);
        set(v, Feature.DAY_OF_WEEK, d.getDayOfWeek().getValue());
        set(v, Feature.WEEK_OF_YEAR, d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        set(v, Feature.MONTH, d.getMonthValue());
        set(v, Feature.IS_HOLIDAY, holidays.contains(d) ? 1 : 0);
        set(v, Feature.IS_TRADING_DAY, tradingDays.contains(d) ? 1 : 0);
        price(v, d, prices);

        long i = ChronoUnit.DAYS.between(history.startDate(), d);
        if (i < 0) {
            return new FeatureRow(d, v); // before the series' first day with demand: no demand features
        }
        if (i >= history.length()) {
            throw new IllegalArgumentException("history of " + history.series() + " ends before " + d);
        }
        int today = (int) i;
        for (int k = 0; k < LAGS.length; k++) {
            int j = today - LAGS[k];
            set(v, Feature.valueOf("LAG_" + LAGS[k]), j >= 0 ? history.quantity(j) : Double.NaN);
        }
        for (int w : WINDOWS) {
            rolling(v, history, today, w);
        }
        intermittency(v, history, today);
        return new FeatureRow(d, v);
    }

    private static void price(double[] v, LocalDate d, Map<LocalDate, DailyPrice> prices) {
        var today = prices.get(d);
        set(v, Feature.ON_PROMOTION, today != null && today.onPromotion() ? 1 : 0);
        DailyPrice latest = null;
        var window = new ArrayList<Double>();
        for (int back = 0; back < PRICE_WINDOW_DAYS; back++) {
            var p = prices.get(d.minusDays(back));
            if (p != null) {
                if (latest == null) {
                    latest = p;
                }
                window.add(p.meanUnitPrice());
            }
        }
        if (latest == null) {
            return;
        }
        set(v, Feature.UNIT_PRICE, latest.meanUnitPrice());
        set(v, Feature.RELATIVE_PRICE_28, latest.meanUnitPrice() / median(window));
    }

    /** The median; the mean of the two middle values for an even count. */
    static double median(List<Double> values) {
        var sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void rolling(double[] v, DemandHistory h, int today, int window) {
        int from = Math.max(0, today - window + 1);
        int n = today - from + 1;
        double sum = 0;
        int zeros = 0;
        for (int j = from; j <= today; j++) {
            sum += h.quantity(j);
            if (h.quantity(j) == 0) {
                zeros++;
            }
        }
        double mean = sum / n;
        double squares = 0;
        for (int j = from; j <= today; j++) {
            double dev = h.quantity(j) - mean;
            squares += dev * dev;
        }
        set(v, Feature.valueOf("ROLLING_MEAN_" + window), mean);
        set(v, Feature.valueOf("ROLLING_STD_" + window), Math.sqrt(squares / n));
        set(v, Feature.valueOf("ROLLING_ZERO_SHARE_" + window), (double) zeros / n);
    }

    private static void intermittency(double[] v, DemandHistory h, int today) {
        int first = -1;
        int last = -1;
        int n = 0;
        double sum = 0;
        for (int j = 0; j <= today; j++) {
            double q = h.quantity(j);
            if (q != 0) {
                if (first < 0) {
                    first = j;
                }
                last = j;
                n++;
                sum += q;
            }
        }
        if (n >= 2) {
            set(v, Feature.ADI, (double) (last - first) / (n - 1));
        }
        if (n >= 1) {
            double mean = sum / n;
            double squares = 0;
            for (int j = 0; j <= today; j++) {
                double q = h.quantity(j);
                if (q != 0) {
                    squares += (q - mean) * (q - mean);
                }
            }
            set(v, Feature.CV2, squares / n / (mean * mean));
        }
    }

    private static void set(double[] v, Feature f, double value) {
        v[f.ordinal()] = value;
    }
}
