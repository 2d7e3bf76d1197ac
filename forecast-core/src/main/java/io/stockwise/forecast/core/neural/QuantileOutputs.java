package io.stockwise.forecast.core.neural;

import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.Quantiles;
import java.util.List;

/**
 * The output every global daily network shares: per series and horizon day the nine quantiles
 * and the mean, {@value #PER_DAY} floats, in units of the series' scale. Turns a forward pass's
 * flat output into forecasts, with days the shop is closed set to zero (softplus outputs never
 * reach it) and series that never sold forecast as zero.
 */
public final class QuantileOutputs {
    /** Floats per series and horizon day: the nine quantiles, then the mean. */
    public static final int PER_DAY = Quantiles.COUNT + 1;

    private QuantileOutputs() {}

    /**
     * Appends the forecasts of {@code histories[start, start + rows)} to {@code out}.
     *
     * @param raw the pass's output, {@code (rows, horizon, PER_DAY)} flattened
     * @param scales each row's scale
     * @param origins each row's index of its last day in the shop total {@code total}
     */
    public static void decode(List<DemandSeries> histories, int start, int rows, int horizon, float[] raw,
            double[] scales, int[] origins, double[] total, List<QuantileForecast> out) {
        for (int r = 0; r < rows; r++) {
            var s = histories.get(start + r);
            var mean = new double[horizon];
            var q = new double[horizon][Quantiles.COUNT];
            boolean sold = s.firstSaleIndex() < s.length();
            var closed = MqNetwork.closedDays(total, origins[r]);
            for (int d = 0; d < horizon && sold; d++) {
                if (closed[d % 7]) {
                    continue;
                }
                int base = (r * horizon + d) * PER_DAY;
                for (int j = 0; j < Quantiles.COUNT; j++) {
                    q[d][j] = raw[base + j] * scales[r];
                }
                mean[d] = raw[base + Quantiles.COUNT] * scales[r];
            }
            out.add(new QuantileForecast(s.id(), s.lastDate().plusDays(1), mean, q));
        }
    }

    /** A translator whose one call is one batch (no batchifier) and whose output is the flat float array. */
    public abstract static class FlatTranslator<I> implements Translator<I, float[]> {
        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            return list.singletonOrThrow().toFloatArray();
        }

        @Override
        public Batchifier getBatchifier() {
            return null;
        }
    }
}
