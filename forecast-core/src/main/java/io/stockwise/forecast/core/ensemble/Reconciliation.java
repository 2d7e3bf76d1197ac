package io.stockwise.forecast.core.ensemble;

import io.stockwise.forecast.core.QuantileForecast;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the series forecasts and a direct forecast of their total agree (Hyndman &amp;
 * Athanasopoulos, FPP3 §11). Methods, in the order ties are broken:
 *
 * <ul>
 *   <li>{@value #BOTTOM_UP}: the series forecasts as they are; the total is their sum;
 *   <li>{@code top_down:<model>}: every series' mean and quantiles are multiplied, per block of
 *       {@value #BLOCK} horizon days, by the ratio of the direct total model's mean over the block
 *       to the sum of the series' means (proportional top-down; each series keeps its own weekday
 *       shape and share, so days a series never sells stay at zero);
 *   <li>{@code middle:<model>}: the square root of that ratio, the geometric middle of the two
 *       levels (a combination of the bottom-up and direct totals with equal weights, the MinT-style
 *       compromise when both levels are about equally reliable).
 * </ul>
 * Ratios are clamped to [{@value #MIN_FACTOR}, {@value #MAX_FACTOR}]. The total of the reconciled
 * series is again the sum of their means, with quantiles from coupled draws of the reconciled
 * series ({@link io.stockwise.forecast.core.TotalAggregator}), so the levels stay coherent.
 */
public final class Reconciliation {
    public static final String BOTTOM_UP = "bottom_up";
    static final int BLOCK = 7;
    static final double MIN_FACTOR = 1 / 3.0;
    static final double MAX_FACTOR = 3;

    private Reconciliation() {}

    /** Every method, bottom-up first, with the given total models. */
    public static List<String> methods(Iterable<String> totalModels) {
        var out = new ArrayList<String>();
        out.add(BOTTOM_UP);
        for (var m : totalModels) {
            out.add("top_down:" + m);
        }
        for (var m : totalModels) {
            out.add("middle:" + m);
        }
        return out;
    }

    /** The direct total model a method uses, or {@code null} for bottom-up. */
    public static String totalModel(String method) {
        if (method.equals(BOTTOM_UP)) {
            return null;
        }
        int colon = method.indexOf(':');
        var kind = colon < 0 ? "" : method.substring(0, colon);
        if (!kind.equals("top_down") && !kind.equals("middle")) {
            throw new IllegalArgumentException("unknown reconciliation " + method);
        }
        return method.substring(colon + 1);
    }

    /**
     * The factor per horizon day that {@code method} applies to the series, given the direct
     * total forecast ({@code null} for bottom-up): all ones for bottom-up.
     */
    public static double[] factors(String method, List<QuantileForecast> series, QuantileForecast directTotal) {
        int horizon = series.isEmpty() ? directTotal == null ? 0 : directTotal.horizon() : series.get(0).horizon();
        var out = new double[horizon];
        java.util.Arrays.fill(out, 1);
        if (method.equals(BOTTOM_UP)) {
            return out;
        }
        double power = method.startsWith("middle:") ? 0.5 : 1;
        totalModel(method);
        for (int from = 0; from < horizon; from += BLOCK) {
            int to = Math.min(horizon, from + BLOCK);
            double direct = 0;
            double sum = 0;
            for (int h = from; h < to; h++) {
                direct += directTotal.mean()[h];
                for (var f : series) {
                    sum += f.mean()[h];
                }
            }
            double ratio = sum > 0 && direct > 0 ? direct / sum : 1;
            double f = Math.pow(Math.max(MIN_FACTOR, Math.min(MAX_FACTOR, ratio)), power);
            for (int h = from; h < to; h++) {
                out[h] = f;
            }
        }
        return out;
    }

    /** The series forecasts scaled day by day by {@code factors} (beyond its length: the last factor). */
    public static List<QuantileForecast> apply(List<QuantileForecast> series, double[] factors) {
        var out = new ArrayList<QuantileForecast>(series.size());
        for (var f : series) {
            out.add(scale(f, factors));
        }
        return out;
    }

    /** One forecast scaled by {@code factors}. */
    public static QuantileForecast scale(QuantileForecast f, double[] factors) {
        if (factors.length == 0) {
            return f;
        }
        int horizon = f.horizon();
        var mean = new double[horizon];
        var q = new double[horizon][];
        for (int h = 0; h < horizon; h++) {
            double k = factors[Math.min(h, factors.length - 1)];
            mean[h] = f.mean()[h] * k;
            q[h] = f.quantiles()[h].clone();
            for (int j = 0; j < q[h].length; j++) {
                q[h][j] *= k;
            }
        }
        return new QuantileForecast(f.id(), f.firstDate(), mean, q);
    }
}
