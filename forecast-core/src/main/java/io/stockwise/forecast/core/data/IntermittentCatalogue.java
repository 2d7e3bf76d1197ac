package io.stockwise.forecast.core.data;

import io.stockwise.forecast.core.Bucket;
import io.stockwise.forecast.core.DemandSeries;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of intermittent monthly catalogues in the style of spare-parts and B2B data:
 * most months of most items are zero. Each item follows a Teunter–Syntetos–Babai-style process:
 * in month {@code t} demand occurs with probability {@code p_t} and is then {@code 1 + N}, {@code N}
 * negative binomial around the item's size. Item kinds (shares of the catalogue):
 *
 * <ul>
 *   <li>60% slow: {@code p} in 0.03–0.30, mean size 1–4;
 *   <li>15% lumpy: {@code p} in 0.03–0.20, large over-dispersed sizes (mean 4–30);
 *   <li>10% seasonal: a yearly cycle ({@code p} and size times {@code 1 + 0.9·sin}) around
 *       {@code p} 0.2–0.6;
 *   <li>15% regular: {@code p} in 0.55–0.95, mean size 2–12;
 * </ul>
 * and, across kinds, {@code p} drifts slowly (a random walk on its logit); 25% of items become
 * obsolete at a random month in the second half, after which {@code p} decays geometrically to
 * zero (their rows continue, as zeros); 15% are introduced after the start (their rows begin
 * there); 3% are delisted (their rows stop early: the long format's "ended" series). The same
 * seed always gives the same catalogue.
 */
public final class IntermittentCatalogue {
    private IntermittentCatalogue() {}

    /**
     * Generates {@code series} items over {@code months} months from {@code start}, in bucket time
     * of {@link Bucket#MONTH}; ids {@code P00001}, … .
     */
    public static List<DemandSeries> generate(int series, int months, YearMonth start, long seed) {
        if (series < 1 || months < 2) {
            throw new IllegalArgumentException("need at least one series and two months");
        }
        var rnd = new Random(seed);
        long first = Bucket.MONTH.index(start.atDay(1));
        var out = new ArrayList<DemandSeries>(series);
        for (int i = 0; i < series; i++) {
            double kind = rnd.nextDouble();
            double p;
            double size;
            double shape;
            boolean seasonal = false;
            if (kind < 0.60) {
                p = 0.03 + 0.27 * rnd.nextDouble();
                size = 1 + 3 * rnd.nextDouble();
                shape = 2;
            } else if (kind < 0.75) {
                p = 0.03 + 0.17 * rnd.nextDouble();
                size = 4 * Math.exp(2 * rnd.nextDouble());
                shape = 0.7;
            } else if (kind < 0.85) {
                p = 0.2 + 0.4 * rnd.nextDouble();
                size = 2 + 6 * rnd.nextDouble();
                shape = 3;
                seasonal = true;
            } else {
                p = 0.55 + 0.4 * rnd.nextDouble();
                size = 2 + 10 * rnd.nextDouble();
                shape = 4;
            }
            int phase = rnd.nextInt(12);
            int begin = rnd.nextDouble() < 0.15 ? rnd.nextInt(Math.max(1, months * 2 / 3)) : 0;
            int obsolete = rnd.nextDouble() < 0.25 ? months / 2 + rnd.nextInt(Math.max(1, months - months / 2)) : Integer.MAX_VALUE;
            double decay = 0.5 + 0.4 * rnd.nextDouble();
            int end = rnd.nextDouble() < 0.03 ? begin + 1 + rnd.nextInt(Math.max(1, months - begin - 1)) : months;
            double logit = Math.log(p / (1 - p));
            var y = new double[end - begin];
            for (int t = begin; t < end; t++) {
                logit += 0.1 * rnd.nextGaussian();
                double pt = 1 / (1 + Math.exp(-logit));
                double st = size;
                if (seasonal) {
                    double s = 1 + 0.9 * Math.sin(2 * Math.PI * ((first + t + phase) % 12) / 12.0);
                    pt = Math.min(0.98, pt * s);
                    st = Math.max(1, size * s);
                }
                if (t >= obsolete) {
                    pt *= Math.pow(decay, t - obsolete + 1);
                }
                if (rnd.nextDouble() < pt) {
                    y[t - begin] = 1 + negBin(rnd, Math.max(0, st - 1), shape);
                }
            }
            out.add(DemandSeries.of(String.format("P%05d", i + 1), Bucket.time(first + begin), y));
        }
        return out;
    }

    /** Share of zero values over all series' periods. */
    public static double zeroShare(List<DemandSeries> series) {
        long zeros = 0;
        long all = 0;
        for (var s : series) {
            zeros += Arrays.stream(s.demand()).filter(v -> v == 0).count();
            all += s.length();
        }
        return all == 0 ? Double.NaN : (double) zeros / all;
    }

    /** A negative binomial draw with mean {@code mean} and shape {@code r} (Poisson–gamma mixture). */
    static int negBin(Random rnd, double mean, double r) {
        if (mean <= 0) {
            return 0;
        }
        double lambda = gamma(rnd, r) * mean / r;
        return poisson(rnd, lambda);
    }

    private static double gamma(Random rnd, double shape) {
        if (shape < 1) {
            return gamma(rnd, shape + 1) * Math.pow(rnd.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rnd.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rnd.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static int poisson(Random rnd, double lambda) {
        if (lambda > 50) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rnd.nextGaussian()));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
