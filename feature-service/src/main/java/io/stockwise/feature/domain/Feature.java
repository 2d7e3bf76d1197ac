package io.stockwise.feature.domain;

/**
 * The features served for a series on a day {@code d}, each with its definition. Every value for
 * {@code d} is point in time: it uses only data for days up to and including {@code d} (demand of
 * days {@code <= d}, prices of lines of days {@code <= d}, the shop's trading on {@code d} and the
 * shop calendar's entries for {@code d}, which are planned facts known in advance), so adding data
 * for later days never changes it.
 *
 * <p>Demand is the series' daily demand (units ordered, zero on days without demand). The series'
 * <em>history up to d</em> is the days from its first day with demand to {@code d}; days before
 * the first day with demand are not part of it (the series did not exist yet), so a lag or window
 * reaching before it is clipped, and demand features of days before it are undefined. An undefined
 * value is reported as absent (NaN in {@link FeatureRow}).
 */
public enum Feature {
    /** ISO day of week of d: 1 = Monday ... 7 = Sunday. */
    DAY_OF_WEEK("day_of_week", "ISO day of week of the day: 1 = Monday ... 7 = Sunday"),
    /** ISO-8601 week of the week-based year of d, 1 to 53. */
    WEEK_OF_YEAR("week_of_year", "ISO-8601 week of the week-based year of the day, 1 to 53"),
    /** Month of d, 1 to 12. */
    MONTH("month", "month of the day, 1 = January ... 12 = December"),
    /**
     * 1 when the shop calendar ({@code stockwise.calendar.v1}) has an entry of kind
     * {@link CalendarKind#HOLIDAY} on d for the series' location or for every location, else 0
     * (events and closures are not holidays). Calendar entries are planned facts, known in advance,
     * so reading d's entry is point in time. See {@link ShopCalendar}.
     */
    IS_HOLIDAY("is_holiday", "1 when the shop calendar has a holiday on the day for the series' location or all locations, else 0"),
    /**
     * 1 when the series' location trades on d, else 0. Precedence: (1) when the shop calendar has an
     * entry on d naming the location, its trading-day flag (several such entries: 1 only when all
     * say trading); (2) else when it has entries on d for every location, their flag likewise;
     * (3) else inferred: the shop traded on d when any series had demand on d (the Online Retail
     * shop never trades on Saturdays, and so gets 0 on every Saturday). See {@link ShopCalendar}.
     */
    IS_TRADING_DAY("is_trading_day", "1 when the location trades on the day: the shop calendar's flag when it has an entry, else inferred (any series had demand that day)"),
    /**
     * The series' price on d: the quantity-weighted mean unit price of its demand lines on the
     * latest day with demand in {@code [d-27, d]}; undefined when it had none.
     */
    UNIT_PRICE("unit_price", "quantity-weighted mean unit price of the demand lines of the latest day with demand in [d-27, d]"),
    /**
     * {@link #UNIT_PRICE} divided by the median of the daily mean prices of the days with demand in
     * {@code [d-27, d]} (the trailing 28-day median price); undefined when {@code unit_price} is.
     */
    RELATIVE_PRICE_28("relative_price_28", "unit_price divided by the median daily mean price over the days with demand in [d-27, d]"),
    /** 1 when any demand line of the series on d was sold on promotion, else 0. */
    ON_PROMOTION("on_promotion", "1 when any demand line of the series on the day was on promotion, else 0"),
    /** Demand on d-1; undefined when d-1 is before the series' first day with demand. */
    LAG_1("lag_1", "demand on d-1"),
    /** Demand on d-7; undefined when d-7 is before the series' first day with demand. */
    LAG_7("lag_7", "demand on d-7"),
    /** Demand on d-14; undefined when d-14 is before the series' first day with demand. */
    LAG_14("lag_14", "demand on d-14"),
    /** Demand on d-28; undefined when d-28 is before the series' first day with demand. */
    LAG_28("lag_28", "demand on d-28"),
    /** Mean demand over the window {@code [d-6, d]} clipped to the history. */
    ROLLING_MEAN_7("rolling_mean_7", "mean demand over [d-6, d] (clipped to the history)"),
    /** Population standard deviation of demand over {@code [d-6, d]} clipped to the history. */
    ROLLING_STD_7("rolling_std_7", "population standard deviation of demand over [d-6, d] (clipped)"),
    /** Share of days without demand in {@code [d-6, d]} clipped to the history, 0 to 1. */
    ROLLING_ZERO_SHARE_7("rolling_zero_share_7", "share of days without demand over [d-6, d] (clipped)"),
    /** Mean demand over {@code [d-27, d]} clipped to the history. */
    ROLLING_MEAN_28("rolling_mean_28", "mean demand over [d-27, d] (clipped to the history)"),
    /** Population standard deviation of demand over {@code [d-27, d]} clipped to the history. */
    ROLLING_STD_28("rolling_std_28", "population standard deviation of demand over [d-27, d] (clipped)"),
    /** Share of days without demand in {@code [d-27, d]} clipped to the history. */
    ROLLING_ZERO_SHARE_28("rolling_zero_share_28", "share of days without demand over [d-27, d] (clipped)"),
    /** Mean demand over {@code [d-90, d]} clipped to the history. */
    ROLLING_MEAN_91("rolling_mean_91", "mean demand over [d-90, d] (clipped to the history)"),
    /** Population standard deviation of demand over {@code [d-90, d]} clipped to the history. */
    ROLLING_STD_91("rolling_std_91", "population standard deviation of demand over [d-90, d] (clipped)"),
    /** Share of days without demand in {@code [d-90, d]} clipped to the history. */
    ROLLING_ZERO_SHARE_91("rolling_zero_share_91", "share of days without demand over [d-90, d] (clipped)"),
    /**
     * Average inter-demand interval over the history up to d: with demand days {@code t1 < ... < tn},
     * {@code (tn - t1) / (n - 1)} days, the mean gap between consecutive demand days; undefined
     * when {@code n < 2}.
     */
    ADI("adi", "average inter-demand interval: mean gap in days between consecutive demand days up to d (n >= 2)"),
    /**
     * Squared coefficient of variation of the non-zero demand sizes up to d: population variance
     * divided by the squared mean; 0 with one demand day.
     */
    CV2("cv2", "squared coefficient of variation of non-zero demand sizes up to d: variance / mean^2");

    private final String featureName;
    private final String description;

    Feature(String featureName, String description) {
        this.featureName = featureName;
        this.description = description;
    }

    /** The stable snake_case name, as served. */
    public String featureName() {
        return featureName;
    }

    /** The one-line definition, as served. */
    public String description() {
        return description;
    }
}
