package io.stockwise.forecast.core.ensemble;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LocalModel;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.model.Ets;
import io.stockwise.forecast.core.model.Intermittent;

/**
 * The classical combination a planner could run in a spreadsheet add-in, {@value #NAME}: each
 * series is classified by Syntetos–Boylan–Croston (SBC; Syntetos, Boylan &amp; Croston 2005) over
 * the last {@value #WINDOW} days from its first sale: <em>smooth</em> when the average inter-demand
 * interval {@code ADI < 1.32} and the squared coefficient of variation of the non-zero sizes
 * {@code CV² < 0.49}; smooth series get exponential smoothing ({@link Ets}), all others
 * (intermittent, erratic, lumpy) Teunter–Syntetos–Babai ({@link Intermittent.Method#TSB}). It is
 * the reference the champion must beat on average over the rolling origins.
 */
public final class ClassicalSbc implements LocalModel {
    public static final String NAME = "classical_sbc";
    static final int WINDOW = 182;
    static final double ADI_CUT = 1.32;
    static final double CV2_CUT = 0.49;
    private final Ets ets = new Ets();
    private final Intermittent tsb = new Intermittent(Intermittent.Method.TSB);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public QuantileForecast forecast(DemandSeries history, int horizon) {
        return smooth(history) ? ets.forecast(history, horizon) : tsb.forecast(history, horizon);
    }

    /** Whether SBC classifies the history as smooth ({@code ADI < 1.32} and {@code CV² < 0.49}). */
    public static boolean smooth(DemandSeries s) {
        var y = s.demand();
        int from = Math.max(s.firstSaleIndex(), y.length - WINDOW);
        int nz = 0;
        double sum = 0;
        double sum2 = 0;
        for (int i = from; i < y.length; i++) {
            if (y[i] > 0) {
                nz++;
                sum += y[i];
                sum2 += y[i] * y[i];
            }
        }
        if (nz < 2) {
            return false;
        }
        double adi = (double) (y.length - from) / nz;
        double mean = sum / nz;
        double var = sum2 / nz - mean * mean;
        double cv2 = var / (mean * mean);
        return adi < ADI_CUT && cv2 < CV2_CUT;
    }
}
