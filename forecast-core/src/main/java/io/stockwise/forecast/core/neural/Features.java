package io.stockwise.forecast.core.neural;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The input vector of the global network for one series at one origin (the last observed day
 * {@code t}), built from data up to and including {@code t} only. Values are divided by the
 * series' scale {@link #scale} and passed through {@code log1p}, so one network serves series of
 * any size:
 *
 * <ul>
 *   <li>the last {@value #LAGS} daily values;
 *   <li>{@value #WEEKS} weekly means before them;
 *   <li>the series' mean on each weekday over the last 8 weeks, aligned to horizon days 1..7;
 *   <li>the shop's (all series summed) weekday shares over the last 8 weeks, aligned the same way
 *       (closed days such as a shop's Saturdays show up as 0);
 *   <li>the calendar weekday of the first horizon day (one-hot);
 *   <li>log scale, log age since first sale, share of selling days over 28 and 91 days, log days
 *       since the last sale, the shop's 28/91-day trend;
 *   <li>price (log of the 28-day over the 182-day average price) and the 28-day promotion share,
 *       0 when unknown.
 * </ul>
 */
final class Features {
    static final int LAGS = 28;
    static final int WEEKS = 12;
    static final int DIM = LAGS + WEEKS + 7 + 7 + 7 + 6 + 2;

    private Features() {}

    /**
     * The scale of a series at origin {@code t}: the mean of its 28-, 91- and all-day (since
     * first sale, at most a year) average daily demand, at least {@value #MIN_SCALE}.
     */
    static double scale(double[] y, int first, int t) {
        double m28 = mean(y, Math.max(first, t - 27), t + 1);
        double m91 = mean(y, Math.max(first, t - 90), t + 1);
        double mAll = mean(y, Math.max(first, t - 364), t + 1);
        return Math.max(MIN_SCALE, (m28 + m91 + mAll) / 3);
    }

    static final double MIN_SCALE = 0.05;

    static double mean(double[] y, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double s = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            s += y[i];
        }
        return s / (to - Math.max(0, from));
    }

    /**
     * Writes the features of series {@code y} at origin {@code t} to {@code out[pos..pos+DIM)}.
     *
     * @param shopShare the shop's weekday share for horizon days 1..7 at this origin
     * @param shopTrend log of the shop's 28-day over 91-day mean at this origin
     * @param firstHorizonDay the calendar day {@code t + 1}
     */
    static void write(double[] y, double[] price, double[] promo, int first, int t, double scale, double[] shopShare,
            double shopTrend, LocalDate firstHorizonDay, float[] out, int pos) {
        int p = pos;
        for (int k = LAGS - 1; k >= 0; k--) {
            int i = t - k;
            out[p++] = (float) (i >= 0 ? Math.log1p(y[i] / scale) : 0);
        }
        for (int w = 0; w < WEEKS; w++) {
            int to = t - LAGS - 7 * w + 1;
            int from = to - 7;
            out[p++] = (float) (from >= first && from >= 0 ? Math.log1p(mean(y, from, to) / scale) : 0);
        }
        // Weekday means over 8 weeks, aligned: feature k is horizon day k+1's weekday (same as day t+1+k-7).
        for (int k = 0; k < 7; k++) {
            double s = 0;
            int n = 0;
            for (int i = t + 1 + k - 7; i > t - 56 && i >= Math.max(0, first); i -= 7) {
                s += y[i];
                n++;
            }
            out[p++] = (float) (n > 0 ? Math.log1p(s / n / scale) : 0);
        }
        for (int k = 0; k < 7; k++) {
            out[p++] = (float) shopShare[k];
        }
        DayOfWeek dow = firstHorizonDay.getDayOfWeek();
        for (int k = 0; k < 7; k++) {
            out[p++] = dow.getValue() - 1 == k ? 1f : 0f;
        }
        out[p++] = (float) (Math.log1p(scale) / 3);
        out[p++] = (float) (Math.log1p(Math.max(0, t - first)) / 6);
        out[p++] = (float) nonZeroShare(y, Math.max(first, t - 27), t + 1);
        out[p++] = (float) nonZeroShare(y, Math.max(first, t - 90), t + 1);
        int since = 0;
        while (t - since >= 0 && y[t - since] <= 0 && since < 365) {
            since++;
        }
        out[p++] = (float) (Math.log1p(since) / 6);
        out[p++] = (float) shopTrend;
        double priceFeature = 0;
        if (price != null) {
            double p28 = positiveMean(price, Math.max(0, t - 27), t + 1);
            double p182 = positiveMean(price, Math.max(0, t - 181), t + 1);
            if (p28 > 0 && p182 > 0) {
                priceFeature = Math.max(-2, Math.min(2, Math.log(p28 / p182)));
            }
        }
        out[p++] = (float) priceFeature;
        out[p++] = (float) (promo == null ? 0 : mean(promo, Math.max(0, t - 27), t + 1));
    }

    private static double nonZeroShare(double[] y, int from, int to) {
        if (to <= from) {
            return 0;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            if (y[i] > 0) {
                n++;
            }
        }
        return (double) n / (to - from);
    }

    private static double positiveMean(double[] v, int from, int to) {
        double s = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (v[i] > 0) {
                s += v[i];
                n++;
            }
        }
        return n == 0 ? 0 : s / n;
    }

    /** The shop's weekday shares for horizon days 1..7 after origin {@code t} of the total series. */
    static double[] shopShare(double[] total, int t) {
        var out = new double[7];
        double all = mean(total, Math.max(0, t - 55), t + 1);
        for (int k = 0; k < 7; k++) {
            double s = 0;
            int n = 0;
            for (int i = t + 1 + k - 7; i > t - 56 && i >= 0; i -= 7) {
                s += total[i];
                n++;
            }
            out[k] = all > 0 && n > 0 ? Math.min(3, s / n / all) : 1;
        }
        return out;
    }

    static double shopTrend(double[] total, int t) {
        double m28 = mean(total, Math.max(0, t - 27), t + 1);
        double m91 = mean(total, Math.max(0, t - 90), t + 1);
        return m28 > 0 && m91 > 0 ? Math.max(-2, Math.min(2, Math.log(m28 / m91))) : 0;
    }
}
