package io.stockwise.forecast.core.ensemble;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LocalModel;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.TotalAggregator;
import io.stockwise.forecast.core.model.Ets;
import io.stockwise.forecast.core.model.WeekdayProfile;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Direct forecasts of the shop total (the sum of every series), for top-down reconciliation: the
 * total is a smooth series, so a model with level, damped trend and weekday season ({@link Ets},
 * ETS(A,Ad,A)) can follow a shop-wide rise that the series-level models treat as noise; the
 * weekday moving average ({@link WeekdayProfile}) of the total is the short-memory alternative, and
 * {@link WeeklyHolt} smooths the weekly sums with a damped trend (only the block sums matter to
 * the reconciliation).
 * Which one (if any) reconciles the series is chosen on the rolling origins
 * ({@link ChampionSelector}).
 */
public final class TotalModels {
    /** The total models, by name. */
    public static final List<LocalModel> ALL = List.of(new Ets(), new WeekdayProfile(), new WeeklyHolt());

    private TotalModels() {}

    /** The total of {@code histories} (all ending on the same day), aligned at their last day. */
    public static DemandSeries total(List<DemandSeries> histories) {
        int len = histories.stream().mapToInt(DemandSeries::length).max().orElse(0);
        LocalDate last = histories.get(0).lastDate();
        var sum = new double[len];
        for (var s : histories) {
            var y = s.demand();
            int off = len - y.length;
            for (int t = 0; t < y.length; t++) {
                sum[t + off] += y[t];
            }
        }
        return DemandSeries.of(TotalAggregator.TOTAL_ID, last.minusDays(len - 1L), sum);
    }

    /** Every total model's forecast of the total of {@code histories}. */
    public static Map<String, QuantileForecast> forecastAll(List<DemandSeries> histories, int horizon) {
        var total = total(histories);
        var out = new LinkedHashMap<String, QuantileForecast>();
        for (var m : ALL) {
            out.put(m.name(), m.forecast(total, horizon));
        }
        return out;
    }

    /** One total model by name. */
    public static LocalModel byName(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown total model " + name));
    }
}
