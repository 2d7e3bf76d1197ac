package io.stockwise.forecast.core.neural;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;

/**
 * The global network's input pieces ({@link Features}, the {@link ShopContext} total and the
 * closed-day rule of {@link MqNetwork}) for other global models, such as the sequence models in
 * {@code neural.seq}: each method calls the same code {@code mq_mlp} uses, so every global model
 * sees a series and its shop the same way.
 */
public final class GlobalInputs {
    /** Length of the per-series summary vector written by {@link #writeSummary}. */
    public static final int SUMMARY_DIM = Features.DIM;

    private GlobalInputs() {}

    /** The scale of series {@code y} at origin {@code t} (first sale at {@code first}); see {@link Features#scale}. */
    public static double scale(double[] y, int first, int t) {
        return Features.scale(y, first, t);
    }

    /** The shop's weekday shares for horizon days 1..7 after index {@code t} of {@code total}. */
    public static double[] shopShare(double[] total, int t) {
        return Features.shopShare(total, t);
    }

    /** Log of the shop's 28-day over 91-day mean at index {@code t} of {@code total}, clipped to ±2. */
    public static double shopTrend(double[] total, int t) {
        return Features.shopTrend(total, t);
    }

    /** Writes {@code mq_mlp}'s {@link Features} vector ({@value Features#DIM} values) of a series at origin {@code t}. */
    public static void writeSummary(double[] y, double[] price, double[] promo, int first, int t, double scale,
            double[] shopShare, double shopTrend, LocalDate firstHorizonDay, float[] out, int pos) {
        Features.write(y, price, promo, first, t, scale, shopShare, shopTrend, firstHorizonDay, out, pos);
    }

    /** Horizon days (by {@code d mod 7}) on which the whole shop is closed after index {@code t} of {@code total}. */
    public static boolean[] closedDays(double[] total, int t) {
        return MqNetwork.closedDays(total, t);
    }

    /** The daily total of a shop context (not a copy: do not modify). */
    public static double[] total(ShopContext shop) {
        return shop.total();
    }

    /** The index into {@link #total} standing for origin day {@code origin} (see {@link ShopContext}). */
    public static int index(ShopContext shop, LocalDate origin) {
        return shop.index(origin);
    }

    /** Writes a shop context in the format {@link MqNetwork} artifacts use. */
    public static void writeContext(ShopContext shop, DataOutputStream out) throws IOException {
        shop.write(out);
    }

    /** Reads a shop context written by {@link #writeContext}. */
    public static ShopContext readContext(DataInputStream in) throws IOException {
        return ShopContext.read(in);
    }
}
