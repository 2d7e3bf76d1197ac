package io.stockwise.forecast.core.metrics;

import io.stockwise.forecast.core.DemandSeries;

/**
 * The segments models are chosen for: series first sold within the last {@value #NEW_DAYS} days
 * are {@link #NEW}; others selling on fewer than {@code 1/1.32} of their days (the
 * Syntetos–Boylan average inter-demand interval cut-off, over the last {@value #WINDOW} days) are
 * {@link #INTERMITTENT}; the rest are {@link #FAST}.
 */
public enum Segment {
    FAST, INTERMITTENT, NEW;

    static final int NEW_DAYS = 56;
    static final int WINDOW = 182;

    /** The segment of a history ending on its cutoff. */
    public static Segment of(DemandSeries s) {
        var y = s.demand();
        int first = s.firstSaleIndex();
        if (y.length - first < NEW_DAYS) {
            return NEW;
        }
        int from = Math.max(first, y.length - WINDOW);
        int nz = 0;
        for (int i = from; i < y.length; i++) {
            if (y[i] > 0) {
                nz++;
            }
        }
        return nz * 1.32 < (y.length - from) ? INTERMITTENT : FAST;
    }
}
