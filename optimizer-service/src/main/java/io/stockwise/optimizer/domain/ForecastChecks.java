package io.stockwise.optimizer.domain;

import io.stockwise.commons.error.FieldViolation;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a forecast can be planned from: quantile levels ascending and strictly between 0 and
 * 1, one finite, non-negative, non-decreasing quantile per level on every day, a finite non-negative
 * mean, and at least as many days as the protection interval. Field names are relative to the
 * forecast ({@code quantile_levels[2]}, {@code days[4].quantiles}), as in {@code SeriesForecast}.
 */
public final class ForecastChecks {
    private ForecastChecks() {}

    /**
     * Every problem of {@code forecast}, at most one per day.
     *
     * @param requiredDays days the plan needs (the protection interval); 0 to skip that check
     */
    public static List<FieldViolation> violations(DemandForecast forecast, int requiredDays) {
        var out = new ArrayList<FieldViolation>();
        var levels = forecast.quantileLevels();
        if (levels.length == 0) {
            out.add(new FieldViolation("quantile_levels", "REQUIRED", "must list at least one probability level"));
        }
        for (int j = 0; j < levels.length; j++) {
            var field = "quantile_levels[" + j + "]";
            if (!Double.isFinite(levels[j])) {
                out.add(new FieldViolation(field, "NOT_FINITE", "must be a finite number"));
            } else if (levels[j] <= 0 || levels[j] >= 1) {
                out.add(new FieldViolation(field, "OUT_OF_RANGE", "must be strictly between 0 and 1, was " + levels[j]));
            } else if (j > 0 && !(levels[j] > levels[j - 1])) {
                out.add(new FieldViolation(field, "OUT_OF_RANGE",
                        "must be greater than the level before it (" + levels[j - 1] + "), was " + levels[j]));
            }
        }
        var days = forecast.days();
        if (requiredDays > 0 && days.size() < requiredDays) {
            out.add(new FieldViolation("days", "OUT_OF_RANGE", "must cover the protection interval of " + requiredDays
                    + " days (lead time + review period), has " + days.size()));
        }
        for (int d = 0; d < days.size(); d++) {
            var problem = dayProblem(days.get(d), levels.length);
            if (problem != null) {
                out.add(problem.under("days[" + d + "]."));
            }
        }
        return out;
    }

    private static FieldViolation dayProblem(ForecastDay day, int levels) {
        if (!Double.isFinite(day.mean())) {
            return new FieldViolation("mean", "NOT_FINITE", "must be a finite number");
        }
        if (day.mean() < 0) {
            return new FieldViolation("mean", "OUT_OF_RANGE", "must be at least 0, was " + day.mean());
        }
        if (day.quantileCount() != levels) {
            return new FieldViolation("quantiles", "INVALID_FORMAT",
                    "must have one quantile per quantile level (" + levels + "), has " + day.quantileCount());
        }
        for (int j = 0; j < levels; j++) {
            double q = day.quantile(j);
            // the field name is built only for a violation: this runs for every quantile of every day
            if (!Double.isFinite(q)) {
                return new FieldViolation("quantiles[" + j + "]", "NOT_FINITE", "must be a finite number");
            }
            if (q < 0) {
                return new FieldViolation("quantiles[" + j + "]", "OUT_OF_RANGE", "must be at least 0, was " + q);
            }
            if (j > 0 && q < day.quantile(j - 1)) {
                return new FieldViolation("quantiles[" + j + "]", "OUT_OF_RANGE",
                        "must not be below the quantile before it (" + day.quantile(j - 1) + "), was " + q);
            }
        }
        return null;
    }
}
