package io.stockwise.forecast.core;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The last step of every served forecast, a pure function from (history, forecast) to forecast.
 * It applies, in this order:
 *
 * <ol>
 *   <li><b>Obsolescence</b> (TSB-style): a series with no demand for its {@linkplain #obsolescenceSpan
 *       span} (default the longer of 90 days and 3 × its mean inter-demand interval) is obsolete; the
 *       probability that demand occurs decays by the factor {@code (1 - decayPerDay)} per day beyond
 *       the span, counted up to each horizon day. With {@code f} that factor, a day's distribution
 *       becomes the mixture "zero with probability {@code 1 - f}, the model's distribution with
 *       probability {@code f}": mean {@code f · mean}, quantile function {@code 0} up to
 *       {@code 1 - f} and {@code Q((u - (1 - f)) / f)} above.
 *   <li><b>Closed days</b>: days the location does not trade (a {@link TradingCalendar}: the
 *       ingested calendar, or closed weekdays inferred from the histories) get zero mean and zero
 *       quantiles. The mean those days carried is moved to the open days of the horizon (the open
 *       days' means and quantiles are scaled by {@code total / open}), so a model that spread a
 *       week's demand flat over seven days keeps the week's total.
 *   <li><b>One distribution</b>: the mean of every day equals the mean its nine quantiles describe
 *       ({@link #impliedMean}). By default ({@link MeanRule#CARRIED}) the model's mean is carried
 *       and the quantiles are scaled by {@code mean / impliedMean}; with {@link MeanRule#IMPLIED}
 *       the mean is replaced by the quantile-implied mean. A day whose quantiles are all zero has
 *       mean zero under either rule (its distribution has no mass above zero).
 * </ol>
 */
public final class ForecastPostProcessor {
    /** Which of a day's mean and quantiles wins when they disagree. */
    public enum MeanRule {
        /** The model's mean is kept; the quantiles are scaled so that they imply it. */
        CARRIED,
        /** The mean becomes the mean implied by the quantiles; the quantiles are kept. */
        IMPLIED
    }

    /**
     * Settings.
     *
     * @param meanRule which of mean and quantiles is kept
     * @param closedWeeks weeks of history a weekday must show no catalogue demand on to be inferred closed
     * @param obsoleteMinDays the shortest span without demand that makes a series obsolete
     * @param obsoleteIntervalMultiple the span is at least this many mean inter-demand intervals
     * @param decayPerDay TSB decay of the demand probability per day beyond the span, in (0, 1]
     */
    public record Settings(MeanRule meanRule, int closedWeeks, int obsoleteMinDays, double obsoleteIntervalMultiple,
            double decayPerDay) {
        public Settings {
            Objects.requireNonNull(meanRule, "meanRule");
            if (closedWeeks < 1) {
                throw new IllegalArgumentException("closedWeeks must be positive, was " + closedWeeks);
            }
            if (obsoleteMinDays < 1) {
                throw new IllegalArgumentException("obsoleteMinDays must be positive, was " + obsoleteMinDays);
            }
            if (!(obsoleteIntervalMultiple >= 0)) {
                throw new IllegalArgumentException("obsoleteIntervalMultiple must be non-negative");
            }
            if (!(decayPerDay > 0 && decayPerDay <= 1)) {
                throw new IllegalArgumentException("decayPerDay must be in (0, 1], was " + decayPerDay);
            }
        }

        /** Carried mean, 8 weeks for closed weekdays, obsolete after max(90 days, 3 intervals), decay 5% a day. */
        public static Settings defaults() {
            return new Settings(MeanRule.CARRIED, 8, 90, 3.0, 0.05);
        }

        /** These settings with another mean rule. */
        public Settings withMeanRule(MeanRule rule) {
            return new Settings(rule, closedWeeks, obsoleteMinDays, obsoleteIntervalMultiple, decayPerDay);
        }

        /** These settings with another minimum obsolescence span. */
        public Settings withObsoleteMinDays(int days) {
            return new Settings(meanRule, closedWeeks, days, obsoleteIntervalMultiple, decayPerDay);
        }
    }

    /**
     * The days a location trades on.
     *
     * @param closedWeekdays weekdays it never trades on
     * @param closedDates further single days it does not trade on (holidays from an ingested calendar)
     */
    public record TradingCalendar(Set<DayOfWeek> closedWeekdays, Set<LocalDate> closedDates) {
        /** A location open every day. */
        public static final TradingCalendar ALWAYS_OPEN = new TradingCalendar(Set.of(), Set.of());

        public TradingCalendar {
            closedWeekdays = closedWeekdays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(closedWeekdays));
            closedDates = Set.copyOf(closedDates);
        }

        /** Whether the location trades on {@code day}. */
        public boolean open(LocalDate day) {
            return !closedWeekdays.contains(day.getDayOfWeek()) && !closedDates.contains(day);
        }

        /** This calendar with further closed dates (e.g. from the ingested calendar). */
        public TradingCalendar withClosedDates(Set<LocalDate> dates) {
            var all = new java.util.HashSet<>(closedDates);
            all.addAll(dates);
            return new TradingCalendar(closedWeekdays, all);
        }

        /**
         * The weekdays on which the whole catalogue of {@code histories} (all ending on the same day)
         * sold nothing in the last {@code weeks} weeks, while it sold on at least three quarters of
         * the other days of those weeks (so a thin catalogue, or a single slow series, never closes
         * a weekday by chance). Online Retail's Saturdays come out closed.
         */
        public static TradingCalendar infer(List<DemandSeries> histories, int weeks) {
            if (histories.isEmpty()) {
                return ALWAYS_OPEN;
            }
            LocalDate end = histories.get(0).lastDate();
            int days = 7 * weeks;
            var total = new double[days];
            for (var s : histories) {
                var y = s.demand();
                long offset = end.toEpochDay() - s.lastDate().toEpochDay();
                for (int t = 0; t < days; t++) {
                    long i = y.length - 1 - (days - 1 - t) - offset;
                    if (i >= 0 && i < y.length) {
                        total[t] += y[(int) i];
                    }
                }
            }
            var sold = new int[7];
            for (int t = 0; t < days; t++) {
                if (total[t] > 0) {
                    sold[end.minusDays(days - 1 - t).getDayOfWeek().getValue() - 1]++;
                }
            }
            int openDays = 0;
            int openSold = 0;
            var closed = EnumSet.noneOf(DayOfWeek.class);
            for (int d = 0; d < 7; d++) {
                if (sold[d] == 0) {
                    closed.add(DayOfWeek.of(d + 1));
                } else {
                    openDays += weeks;
                    openSold += sold[d];
                }
            }
            if (closed.isEmpty() || closed.size() == 7 || openSold * 4 < openDays * 3) {
                return ALWAYS_OPEN;
            }
            return new TradingCalendar(closed, Set.of());
        }
    }

    private static final double[] LEVELS = Quantiles.levels();
    private static final ForecastPostProcessor STANDARD = new ForecastPostProcessor(Settings.defaults());

    private final Settings settings;

    public ForecastPostProcessor(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The post-processor every served forecast passes through ({@link Settings#defaults()}). */
    public static ForecastPostProcessor standard() {
        return STANDARD;
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /**
     * Post-processes {@code forecasts} (aligned with {@code histories}, all ending on the same day),
     * with the trading calendar inferred from the histories.
     */
    public List<QuantileForecast> apply(List<DemandSeries> histories, List<QuantileForecast> forecasts) {
        return apply(histories, forecasts, TradingCalendar.infer(histories, settings.closedWeeks()));
    }

    /** Post-processes {@code forecasts} (aligned with {@code histories}) with a given trading calendar. */
    public List<QuantileForecast> apply(List<DemandSeries> histories, List<QuantileForecast> forecasts,
            TradingCalendar calendar) {
        if (histories.size() != forecasts.size()) {
            throw new IllegalArgumentException(histories.size() + " histories for " + forecasts.size() + " forecasts");
        }
        var out = new ArrayList<QuantileForecast>(forecasts.size());
        for (int i = 0; i < forecasts.size(); i++) {
            out.add(apply(histories.get(i), forecasts.get(i), calendar));
        }
        return out;
    }

    /** Post-processes one forecast of {@code history} (ending the day before the forecast's first day). */
    public QuantileForecast apply(DemandSeries history, QuantileForecast forecast, TradingCalendar calendar) {
        int horizon = forecast.horizon();
        var mean = forecast.mean().clone();
        var q = new double[horizon][];
        for (int h = 0; h < horizon; h++) {
            q[h] = forecast.quantiles()[h].clone();
        }
        // 1. Obsolescence.
        var idle = obsolete(history);
        if (idle.isPresent()) {
            int beyond = idle.getAsInt() - obsolescenceSpan(history);
            for (int h = 0; h < horizon; h++) {
                double f = Math.pow(1 - settings.decayPerDay(), beyond + h + 1.0);
                mean[h] *= f;
                q[h] = mixtureWithZero(q[h], f);
            }
        }
        // 2. Closed days, their mean moved to the open days.
        double all = 0;
        double open = 0;
        var isOpen = new boolean[horizon];
        for (int h = 0; h < horizon; h++) {
            isOpen[h] = calendar.open(forecast.firstDate().plusDays(h));
            all += mean[h];
            if (isOpen[h]) {
                open += mean[h];
            }
        }
        double lift = open > 0 ? all / open : 1;
        for (int h = 0; h < horizon; h++) {
            if (!isOpen[h]) {
                mean[h] = 0;
                java.util.Arrays.fill(q[h], 0);
            } else if (lift != 1) {
                mean[h] *= lift;
                for (int j = 0; j < q[h].length; j++) {
                    q[h][j] *= lift;
                }
            }
        }
        // 3. One distribution per day.
        for (int h = 0; h < horizon; h++) {
            consistent(mean, q, h, settings.meanRule());
        }
        return new QuantileForecast(forecast.id(), forecast.firstDate(), mean, q);
    }

    /**
     * {@code forecast} with each day's mean and quantiles made one distribution by {@code rule}
     * (what aggregates such as the {@code _TOTAL} series pass through: the mean of a sum is the sum
     * of the means, so {@link MeanRule#CARRIED} suits them).
     */
    public static QuantileForecast consistent(QuantileForecast forecast, MeanRule rule) {
        var mean = forecast.mean().clone();
        var q = new double[forecast.horizon()][];
        for (int h = 0; h < q.length; h++) {
            q[h] = forecast.quantiles()[h].clone();
            consistent(mean, q, h, rule);
        }
        return new QuantileForecast(forecast.id(), forecast.firstDate(), mean, q);
    }

    private static void consistent(double[] mean, double[][] q, int h, MeanRule rule) {
        Quantiles.repair(q[h]);
        double implied = impliedMean(q[h]);
        if (!(implied > 0)) {
            mean[h] = 0;
            java.util.Arrays.fill(q[h], 0);
            return;
        }
        if (rule == MeanRule.IMPLIED || !(mean[h] > 0)) {
            mean[h] = implied;
            return;
        }
        double k = mean[h] / implied;
        for (int j = 0; j < q[h].length; j++) {
            q[h][j] *= k;
        }
    }

    /**
     * The mean of the distribution nine quantiles at {@link Quantiles#STANDARD} describe: the integral
     * over {@code u} in [0, 1] of the quantile function, linear between the nine levels (the
     * trapezoid rule, exact for that function) and, in the two tails, continued with the slope of the
     * adjacent segment: below 0.005 with the slope of the 0.005–0.025 segment, clamped at zero; above
     * 0.995 with the slope of the 0.975–0.995 segment (so a tail of mass 0.005 adds
     * {@code 0.005 · (q0.995 + slope · 0.0025)}). The result is linear in the quantiles: scaling them
     * by {@code k} scales it by {@code k}.
     */
    public static double impliedMean(double[] q) {
        if (q.length != Quantiles.COUNT) {
            throw new IllegalArgumentException("expected " + Quantiles.COUNT + " quantiles, got " + q.length);
        }
        int n = q.length;
        double m = 0;
        for (int i = 0; i + 1 < n; i++) {
            m += (LEVELS[i + 1] - LEVELS[i]) * (q[i] + q[i + 1]) / 2;
        }
        double u0 = LEVELS[0];
        double s0 = (q[1] - q[0]) / (LEVELS[1] - LEVELS[0]);
        double atZero = q[0] - s0 * u0;
        if (atZero >= 0) {
            m += u0 * (q[0] + atZero) / 2;
        } else {
            // The extrapolated line reaches zero inside the tail at u = u0 - q0 / s0.
            m += q[0] * q[0] / (2 * s0);
        }
        double tail = 1 - LEVELS[n - 1];
        double s8 = (q[n - 1] - q[n - 2]) / (LEVELS[n - 1] - LEVELS[n - 2]);
        m += tail * (q[n - 1] + s8 * tail / 2);
        return m;
    }

    /** The quantile-implied mean of day {@code h} of {@code f}. */
    public static double impliedMean(QuantileForecast f, int h) {
        return impliedMean(f.quantiles()[h]);
    }

    /**
     * The span without demand after which {@code history} is obsolete: the longer of
     * {@code obsoleteMinDays} and {@code obsoleteIntervalMultiple} times its mean inter-demand
     * interval (days between its first and last sale over the number of gaps; a single sale counts
     * as one gap from it to the end of the history).
     */
    public int obsolescenceSpan(DemandSeries history) {
        var y = history.demand();
        int first = -1;
        int last = -1;
        int count = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] > 0) {
                if (first < 0) {
                    first = i;
                }
                last = i;
                count++;
            }
        }
        double interval;
        if (count >= 2) {
            interval = (last - first) / (double) (count - 1);
        } else if (count == 1) {
            interval = y.length - first;
        } else {
            interval = 0;
        }
        return (int) Math.max(settings.obsoleteMinDays(), Math.ceil(settings.obsoleteIntervalMultiple() * interval));
    }

    /**
     * The days without demand at the end of {@code history} when they reach its
     * {@linkplain #obsolescenceSpan span} (the series is obsolete), empty otherwise. A history with
     * no demand at all is not classified (there is nothing it stopped selling).
     */
    public OptionalInt obsolete(DemandSeries history) {
        var y = history.demand();
        int last = y.length - 1;
        while (last >= 0 && !(y[last] > 0)) {
            last--;
        }
        if (last < 0) {
            return OptionalInt.empty();
        }
        int idle = y.length - 1 - last;
        return idle >= obsolescenceSpan(history) ? OptionalInt.of(idle) : OptionalInt.empty();
    }

    /** The quantiles at the standard levels of "0 with probability 1 - f, else the distribution of {@code q}". */
    static double[] mixtureWithZero(double[] q, double f) {
        var out = new double[q.length];
        if (f >= 1) {
            System.arraycopy(q, 0, out, 0, q.length);
            return out;
        }
        double zeroMass = 1 - f;
        for (int j = 0; j < q.length; j++) {
            double u = LEVELS[j];
            out[j] = u <= zeroMass ? 0 : Quantiles.inverse(q, (u - zeroMass) / f);
        }
        return Quantiles.repair(out);
    }
}
