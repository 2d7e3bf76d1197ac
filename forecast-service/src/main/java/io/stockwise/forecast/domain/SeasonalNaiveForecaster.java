package io.stockwise.forecast.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The weekly seasonal-naive baseline with empirical quantiles (Hyndman &amp; Athanasopoulos,
 * <i>Forecasting: Principles and Practice</i>, 3rd ed., §5.2 and §5.5).
 *
 * <p>Notation: {@code y[1..T]} is the daily demand history ending on the as-of day {@code T},
 * {@code m = 7} the season, {@code h = 1..H} the horizon day, {@code k = ceil(h / m)} the number
 * of whole seasons the forecast reaches ahead, and {@code τ} a level of {@link QuantileLevels#STANDARD}.
 *
 * <h2>Histories of at least {@value #MIN_SEASONAL_HISTORY_DAYS} days</h2>
 * <ul>
 *   <li><b>Point forecast</b>: the same weekday of the last observed week,
 *       {@code ŷ[T+h] = y[T - m + ((h - 1) mod m) + 1]}.
 *   <li><b>Residuals</b>: the in-sample one-season seasonal-naive errors
 *       {@code e[t] = y[t] - y[t - m]} for {@code t = m+1..T} (at least {@code m} of them).
 *   <li><b>Quantiles</b>: {@code q[T+h](τ) = max(0, ŷ[T+h] + sqrt(k) · Q_e(τ))}, where {@code Q_e(τ)}
 *       is the empirical τ-quantile of the residuals (linear interpolation between order
 *       statistics, Hyndman &amp; Fan type 7, R's default). The {@code sqrt(k)} scaling is the
 *       seasonal-naive variance growth {@code σ_h² = k · σ²} of FPP3 Table 5.2 (errors of the
 *       {@code k}-season-ahead forecast are a sum of {@code k} independent one-season errors); it
 *       is used rather than the empirical {@code k}-season residuals because those run out on
 *       short histories and long horizons. Quantiles are then made non-decreasing across levels
 *       (a running maximum; only floating-point ties can need it).
 *   <li><b>Mean</b>: the mean of that same clamped predictive distribution,
 *       {@code mean[T+h] = (1/n) Σ_t max(0, ŷ[T+h] + sqrt(k) · e[t])}, so mean and quantiles
 *       describe one distribution. It equals {@code ŷ[T+h]} plus {@code sqrt(k)} times the mean
 *       residual when clamping does not bind, and exceeds it on intermittent series where it does.
 * </ul>
 * A series that repeats the same week exactly therefore gets that week again with zero-width
 * quantiles, every level equal to the point forecast.
 *
 * <h2>Histories of fewer than {@value #MIN_SEASONAL_HISTORY_DAYS} days</h2>
 * Too few residuals to estimate a weekly pattern and its error: every horizon day gets the mean of
 * the available history {@code λ = (1/T) Σ y[t]} as its mean, and the quantiles of a Poisson
 * distribution with mean {@code λ} (the smallest integer {@code q} with {@code P(Y ≤ q) ≥ τ}; all
 * zero when {@code λ = 0}). Poisson is the usual model of count demand with no further information
 * (its variance equals its mean).
 */
public final class SeasonalNaiveForecaster implements Forecaster {
    /** The model name clients ask for. */
    public static final String MODEL = "seasonal_naive";
    /** The version reported with every forecast; bump it when the formulas change. */
    public static final String VERSION = "seasonal_naive-1";
    /** The season length in days (weekly seasonality). */
    public static final int SEASON_DAYS = 7;
    /** Shortest history, in days, that gets the seasonal-naive forecast; shorter ones get the Poisson fallback. */
    public static final int MIN_SEASONAL_HISTORY_DAYS = 2 * SEASON_DAYS;

    private static final double[] LEVELS = QuantileLevels.standard();

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public SeriesForecast forecast(DemandHistory history, int horizonDays, Instant createTime) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("cannot forecast " + history.series() + " without history");
        }
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizonDays must be positive, was " + horizonDays);
        }
        var days = history.length() >= MIN_SEASONAL_HISTORY_DAYS
                ? seasonal(history, horizonDays)
                : poissonFallback(history, horizonDays);
        return new SeriesForecast(history.series(), MODEL, VERSION, history.endDate(), QuantileLevels.STANDARD, days,
                createTime);
    }

    private static ArrayList<ForecastDay> seasonal(DemandHistory history, int horizonDays) {
        var y = history.quantities();
        int t = y.length;
        int n = t - SEASON_DAYS;
        var residuals = new double[n];
        for (int i = 0; i < n; i++) {
            residuals[i] = y[i + SEASON_DAYS] - y[i];
        }
        Arrays.sort(residuals);
        // suffix[i] = residuals[i] + ... + residuals[n-1], for the clamped mean in O(log n) per day.
        var suffix = new double[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            suffix[i] = suffix[i + 1] + residuals[i];
        }
        var residualQuantiles = new double[LEVELS.length];
        for (int j = 0; j < LEVELS.length; j++) {
            residualQuantiles[j] = Distributions.empiricalQuantile(residuals, LEVELS[j]);
        }

        var days = new ArrayList<ForecastDay>(horizonDays);
        var asOf = history.endDate();
        for (int h = 1; h <= horizonDays; h++) {
            double point = y[t - SEASON_DAYS + (h - 1) % SEASON_DAYS];
            int k = (h + SEASON_DAYS - 1) / SEASON_DAYS;
            double scale = Math.sqrt(k);
            var q = new double[LEVELS.length];
            double previous = 0;
            for (int j = 0; j < LEVELS.length; j++) {
                previous = Math.max(previous, Math.max(0, point + scale * residualQuantiles[j]));
                q[j] = previous;
            }
            days.add(new ForecastDay(asOf.plusDays(h), clampedMean(point, scale, residuals, suffix), q));
        }
        return days;
    }

    /** {@code (1/n) Σ max(0, point + scale · e)} over the sorted residuals {@code e}. */
    private static double clampedMean(double point, double scale, double[] sortedResiduals, double[] suffix) {
        int n = sortedResiduals.length;
        // Terms are positive exactly for e > -point/scale: those form a suffix of the sorted array.
        int first = Distributions.firstGreaterThan(sortedResiduals, -point / scale);
        double sum = (n - first) * point + scale * suffix[first];
        return Math.max(0, sum / n);
    }

    private static ArrayList<ForecastDay> poissonFallback(DemandHistory history, int horizonDays) {
        double total = 0;
        for (int i = 0; i < history.length(); i++) {
            total += history.quantity(i);
        }
        double lambda = total / history.length();
        var q = Distributions.poissonQuantiles(lambda, LEVELS);
        var days = new ArrayList<ForecastDay>(horizonDays);
        var asOf = history.endDate();
        for (int h = 1; h <= horizonDays; h++) {
            days.add(new ForecastDay(asOf.plusDays(h), lambda, q));
        }
        return days;
    }
}
