package io.stockwise.forecast.core.neural;

import io.stockwise.forecast.core.DemandSeries;
import java.time.LocalDate;
import java.util.List;

/** Histories ending on one common day, aligned on a shared calendar, with the shop total. */
final class Panel {
    private final List<DemandSeries> series;
    private final int[] offset;
    private final int[] first;
    private final double[] total;
    private final LocalDate start;

    private Panel(List<DemandSeries> series, int[] offset, int[] first, double[] total, LocalDate start) {
        this.series = series;
        this.offset = offset;
        this.first = first;
        this.total = total;
        this.start = start;
    }

    static Panel of(List<DemandSeries> histories) {
        if (histories.isEmpty()) {
            throw new IllegalArgumentException("no series");
        }
        var end = histories.get(0).lastDate();
        int len = 0;
        for (var s : histories) {
            if (!s.lastDate().equals(end)) {
                throw new IllegalArgumentException("series " + s.id() + " ends on " + s.lastDate() + ", not " + end);
            }
            len = Math.max(len, s.length());
        }
        var offset = new int[histories.size()];
        var first = new int[histories.size()];
        var total = new double[len];
        for (int i = 0; i < histories.size(); i++) {
            var s = histories.get(i);
            offset[i] = len - s.length();
            first[i] = s.firstSaleIndex();
            var y = s.demand();
            for (int t = 0; t < y.length; t++) {
                total[offset[i] + t] += y[t];
            }
        }
        return new Panel(histories, offset, first, total, end.minusDays(len - 1L));
    }

    int size() {
        return series.size();
    }

    double[] y(int i) {
        return series.get(i).demand();
    }

    double[] price(int i) {
        return series.get(i).price();
    }

    double[] promo(int i) {
        return series.get(i).promo();
    }

    int first(int i) {
        return first[i];
    }

    int toPanel(int i, int t) {
        return offset[i] + t;
    }

    double[] total() {
        return total;
    }

    LocalDate date(int i, int t) {
        return start.plusDays((long) offset[i] + t);
    }
}
