package io.stockwise.forecast.core.neural;

import io.stockwise.forecast.core.DemandSeries;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/**
 * The shop-level inputs of the global network: the daily total over all series (the shop's
 * weekday shares, its 28/91-day trend and its closed days are computed from it). A batch forecast
 * of the whole catalogue builds it from the histories themselves; a served forecast of a few
 * series uses the catalogue's total saved with the network at training time, because the total of
 * the requested series alone is not the shop's.
 *
 * <p>For an origin after the last day of the total, the values at the last day of the total with
 * the same weekday are used (whole weeks back), so weekday shares and closed days stay aligned.
 */
public final class ShopContext {
    private final LocalDate start;
    private final double[] total;

    ShopContext(LocalDate start, double[] total) {
        this.start = start;
        this.total = total;
    }

    /** The daily total of {@code histories}, aligned on their calendar days. */
    public static ShopContext of(List<DemandSeries> histories) {
        if (histories.isEmpty()) {
            throw new IllegalArgumentException("no series");
        }
        LocalDate first = null;
        LocalDate end = null;
        for (var s : histories) {
            if (s.length() == 0) {
                continue;
            }
            first = first == null || s.firstDate().isBefore(first) ? s.firstDate() : first;
            end = end == null || s.lastDate().isAfter(end) ? s.lastDate() : end;
        }
        if (first == null) {
            return new ShopContext(histories.get(0).firstDate(), new double[0]);
        }
        var total = new double[(int) (end.toEpochDay() - first.toEpochDay() + 1)];
        for (var s : histories) {
            int offset = (int) (s.firstDate().toEpochDay() - first.toEpochDay());
            var y = s.demand();
            for (int t = 0; t < y.length; t++) {
                total[offset + t] += y[t];
            }
        }
        return new ShopContext(first, total);
    }

    /** The last day of the total. */
    public LocalDate end() {
        return start.plusDays(total.length - 1L);
    }

    double[] total() {
        return total;
    }

    /**
     * The index into {@link #total()} that stands for the origin day {@code origin}: its own index
     * when covered, else the last covered day with its weekday; negative before the first day.
     */
    int index(LocalDate origin) {
        if (total.length == 0) {
            return -1;
        }
        long d = origin.toEpochDay() - start.toEpochDay();
        int last = total.length - 1;
        if (d > last) {
            d -= 7 * ((d - last + 6) / 7);
        }
        return (int) Math.max(Integer.MIN_VALUE / 2, d);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(start.toEpochDay());
        out.writeInt(total.length);
        for (double v : total) {
            out.writeDouble(v);
        }
    }

    static ShopContext read(DataInputStream in) throws IOException {
        var start = LocalDate.ofEpochDay(in.readLong());
        var total = new double[in.readInt()];
        for (int i = 0; i < total.length; i++) {
            total[i] = in.readDouble();
        }
        return new ShopContext(start, total);
    }
}
