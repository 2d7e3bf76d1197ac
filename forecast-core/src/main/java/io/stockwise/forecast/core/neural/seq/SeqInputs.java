package io.stockwise.forecast.core.neural.seq;

import io.stockwise.forecast.core.neural.GlobalInputs;
import java.time.LocalDate;

/**
 * The inputs of the sequence models for one series at one origin {@code t} (its last observed
 * day), from data up to and including {@code t} only; demand is divided by the series' scale
 * ({@link GlobalInputs#scale}) and {@code log1p}-ed:
 *
 * <ul>
 *   <li><b>past</b>, {@value #PAST} values per day of the context window (oldest first): scaled
 *       demand, whether the series had started selling, the shop's share of that weekday, the
 *       weekday (one-hot), the day's price relative to the 182-day average price (0 when no sale
 *       or no price), the day's promotion share;
 *   <li><b>future</b>, {@value #FUTURE} known values per horizon day: the shop's share of its
 *       weekday, whether the whole shop is closed on it, the weekday (one-hot), the position in
 *       the horizon, and the price and promotion levels of the last 28 days carried forward (the
 *       histories hold no planned prices or promotions);
 *   <li><b>summary</b>: {@code mq_mlp}'s feature vector ({@link GlobalInputs#writeSummary}: weekly
 *       means, weekday profile, level, age, intermittency, shop trend, price and promotion).
 * </ul>
 */
final class SeqInputs {
    static final int PAST = 12;
    static final int FUTURE = 12;
    static final int SUMMARY = GlobalInputs.SUMMARY_DIM;

    private SeqInputs() {}

    /**
     * Writes the inputs of series {@code y} at origin {@code t}.
     *
     * @param total the shop's daily total; {@code pt} the index in it standing for day {@code t}
     * @param origin the calendar day of {@code t}
     * @param r the row in the batch arrays
     */
    static void write(double[] y, double[] price, double[] promo, int first, int t, double scale, double[] total,
            int pt, LocalDate origin, int context, int horizon, float[] past, float[] future, float[] summary, int r) {
        var share = GlobalInputs.shopShare(total, pt);
        double trend = GlobalInputs.shopTrend(total, pt);
        var closed = GlobalInputs.closedDays(total, pt);
        GlobalInputs.writeSummary(y, price, promo, first, t, scale, share, trend, origin.plusDays(1), summary, r * SUMMARY);
        double p182 = price == null ? 0 : positiveMean(price, Math.max(0, t - 181), t + 1);
        double p28 = price == null ? 0 : positiveMean(price, Math.max(0, t - 27), t + 1);
        int originDow = origin.getDayOfWeek().getValue() - 1; // 0 = Monday
        int p = r * context * PAST;
        for (int k = context - 1; k >= 0; k--) {
            int i = t - k;
            int dow = Math.floorMod(originDow - k, 7);
            past[p++] = (float) (i >= 0 ? Math.log1p(y[i] / scale) : 0);
            past[p++] = i >= first && i >= 0 ? 1f : 0f;
            // share[j] is day t+1+j's weekday: day i = t-k is j = (-k-1) mod 7.
            past[p++] = (float) share[Math.floorMod(-k - 1, 7)];
            for (int w = 0; w < 7; w++) {
                past[p++] = w == dow ? 1f : 0f;
            }
            double rel = 0;
            if (i >= 0 && price != null && price[i] > 0 && p182 > 0) {
                rel = Math.max(-2, Math.min(2, Math.log(price[i] / p182)));
            }
            past[p++] = (float) rel;
            past[p++] = (float) (i >= 0 && promo != null ? promo[i] : 0);
        }
        double priceLevel = p28 > 0 && p182 > 0 ? Math.max(-2, Math.min(2, Math.log(p28 / p182))) : 0;
        double promoLevel = promo == null ? 0 : mean(promo, Math.max(0, t - 27), t + 1);
        int f = r * horizon * FUTURE;
        for (int d = 0; d < horizon; d++) {
            int dow = Math.floorMod(originDow + 1 + d, 7);
            future[f++] = (float) share[d % 7];
            future[f++] = closed[d % 7] ? 1f : 0f;
            for (int w = 0; w < 7; w++) {
                future[f++] = w == dow ? 1f : 0f;
            }
            future[f++] = (float) d / horizon;
            future[f++] = (float) priceLevel;
            future[f++] = (float) promoLevel;
        }
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

    private static double mean(double[] v, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }
}
