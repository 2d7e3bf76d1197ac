package io.stockwise.cli.demo;

import io.stockwise.proto.v1.Date;
import io.stockwise.proto.v1.SaleKind;
import io.stockwise.proto.v1.SaleRecord;
import io.stockwise.proto.v1.SeriesKey;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A realistic generated shop: SKUs at several locations with a weekly profile, yearly seasonality,
 * trend, promotions with price cuts, and a share of intermittent (slow, lumpy) items. Daily units
 * are Poisson around the expected demand. Deterministic for a seed.
 */
public final class SampleCatalog {
    /** What to generate. */
    public record Options(int skus, int locations, int days, LocalDate lastDay, long seed) {
        public Options {
            if (skus <= 0 || locations <= 0 || days <= 0) {
                throw new IllegalArgumentException("skus, locations and days must be positive");
            }
        }
    }

    /** One generated series: its daily units from {@code firstDay}, and its base price. */
    public record Series(SeriesKey key, LocalDate firstDay, double[] units, boolean[] promotion, double unitPrice, boolean intermittent) {
        public double total() {
            double t = 0;
            for (double u : units) {
                t += u;
            }
            return t;
        }
    }

    private static final double[] WEEKLY = {1.00, 0.95, 0.95, 1.00, 1.15, 1.35, 0.60}; // Monday .. Sunday

    private SampleCatalog() {}

    public static List<Series> generate(Options o) {
        var rnd = new SplittableRandom(o.seed());
        var first = o.lastDay().minusDays(o.days() - 1L);
        var out = new ArrayList<Series>();
        for (int s = 0; s < o.skus(); s++) {
            var sku = String.format("SKU%05d", s + 1);
            boolean intermittent = rnd.nextDouble() < 0.3;
            double level = intermittent ? 0.2 + rnd.nextDouble() * 0.8 : Math.exp(rnd.nextDouble() * Math.log(60));
            double trendPerYear = -0.1 + rnd.nextDouble() * 0.4;
            double yearlyAmp = rnd.nextDouble() * 0.35;
            double yearlyPhase = rnd.nextDouble() * 2 * Math.PI;
            double price = Math.round((1 + rnd.nextDouble() * 29) * 100) / 100.0;
            var weekly = new double[7];
            for (int d = 0; d < 7; d++) {
                weekly[d] = WEEKLY[d] * (0.9 + rnd.nextDouble() * 0.2);
            }
            for (int l = 0; l < o.locations(); l++) {
                double locScale = 0.5 + rnd.nextDouble();
                int promoEvery = 45 + rnd.nextInt(60);
                int promoOffset = rnd.nextInt(promoEvery);
                var units = new double[o.days()];
                var promotion = new boolean[o.days()];
                for (int t = 0; t < o.days(); t++) {
                    var day = first.plusDays(t);
                    boolean promo = (t + promoOffset) % promoEvery < 7;
                    promotion[t] = promo;
                    double mean = level * locScale
                            * weekly[day.getDayOfWeek().getValue() - 1]
                            * (1 + yearlyAmp * Math.sin(2 * Math.PI * day.getDayOfYear() / 365.25 + yearlyPhase))
                            * (1 + trendPerYear * t / 365.25)
                            * (promo ? 1.6 : 1.0);
                    units[t] = intermittent && rnd.nextDouble() > 0.25 ? 0 : poisson(rnd, Math.max(0, mean) * (intermittent ? 4 : 1));
                }
                var key = SeriesKey.newBuilder().setSkuId(sku).setLocationId(String.format("store-%02d", l + 1)).build();
                out.add(new Series(key, first, units, promotion, price, intermittent));
            }
        }
        return out;
    }

    /** One sales line per series and day with demand: the day's units at the base price (or 20% off on promotion days). */
    public static List<SaleRecord> records(List<Series> catalog) {
        var out = new ArrayList<SaleRecord>();
        for (var s : catalog) {
            for (int t = 0; t < s.units().length; t++) {
                if (s.units()[t] <= 0) {
                    continue;
                }
                var day = s.firstDay().plusDays(t);
                out.add(SaleRecord.newBuilder()
                        .setSourceId("gen:" + s.key().getSkuId() + "/" + s.key().getLocationId() + "/" + day)
                        .setSeries(s.key())
                        .setBusinessDate(Date.newBuilder().setYear(day.getYear()).setMonth(day.getMonthValue()).setDay(day.getDayOfMonth()))
                        .setQuantity(s.units()[t])
                        .setUnitPrice(s.promotion()[t] ? Math.round(s.unitPrice() * 80) / 100.0 : s.unitPrice())
                        .setOnPromotion(s.promotion()[t])
                        .setCurrencyCode("EUR")
                        .setKind(SaleKind.SALE_KIND_SALE)
                        .build());
            }
        }
        return out;
    }

    /** Total units per series key. */
    public static Map<String, Double> totals(List<Series> catalog) {
        var m = new LinkedHashMap<String, Double>();
        for (var s : catalog) {
            m.put(s.key().getSkuId() + "/" + s.key().getLocationId(), s.total());
        }
        return m;
    }

    static double poisson(SplittableRandom rnd, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(rnd)));
        }
        double l = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-300))) * Math.cos(2 * Math.PI * u2);
    }
}
