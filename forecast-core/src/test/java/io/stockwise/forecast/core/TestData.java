package io.stockwise.forecast.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic panels for tests. */
public final class TestData {
    public static final LocalDate START = LocalDate.of(2024, 1, 1); // a Monday

    private TestData() {}

    /** {@code n} series of {@code days} days: Poisson-ish weekly demand, closed on Saturdays, some intermittent. */
    public static List<DemandSeries> panel(int n, int days, long seed) {
        var rnd = new Random(seed);
        var out = new ArrayList<DemandSeries>();
        for (int i = 0; i < n; i++) {
            double level = i % 3 == 0 ? 0.3 : 2 + rnd.nextInt(20);
            int start = i % 5 == 0 ? days / 2 : 0;
            var y = new double[days];
            var price = new double[days];
            for (int t = start; t < days; t++) {
                var dow = START.plusDays(t).getDayOfWeek().getValue();
                double m = dow == 6 ? 0 : level * (dow == 1 ? 1.5 : 1.0);
                y[t] = poisson(rnd, m);
                price[t] = y[t] > 0 ? 2.5 : 0;
            }
            out.add(new DemandSeries(String.format("S%03d", i), START, y, price, null));
        }
        return out;
    }

    static double poisson(Random rnd, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** Asserts every day's quantiles are non-negative and non-decreasing and the mean non-negative. */
    public static void assertValid(QuantileForecast f) {
        for (int h = 0; h < f.horizon(); h++) {
            if (!(f.mean()[h] >= 0)) {
                throw new AssertionError(f.id() + " day " + h + " mean " + f.mean()[h]);
            }
            double prev = 0;
            for (int j = 0; j < Quantiles.COUNT; j++) {
                double q = f.quantile(h, j);
                if (!(q >= prev) || !Double.isFinite(q)) {
                    throw new AssertionError(f.id() + " day " + h + " quantile " + j + " = " + q + " after " + prev);
                }
                prev = q;
            }
        }
    }
}
