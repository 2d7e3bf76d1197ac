package io.stockwise.forecast.core.ensemble;

import io.stockwise.forecast.core.Backtest;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.ForecastModel;
import io.stockwise.forecast.core.QuantileForecast;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every base model's forecasts of the histories cut at one origin, the direct forecasts of their
 * total ({@link TotalModels}) and, when the data reaches past the horizon, the actuals.
 *
 * @param origin the last day of history
 * @param histories the series with a sale on or before the origin, cut there
 * @param actuals per history the {@code horizon} days after the origin, or {@code null} when unknown
 * @param forecasts per model name the forecasts, aligned with {@code histories} (a model that could
 *     not fit there is absent)
 * @param directTotals per total model name its forecast of the sum of the histories
 */
public record OriginRun(LocalDate origin, int horizon, List<DemandSeries> histories, List<double[]> actuals,
        Map<String, List<QuantileForecast>> forecasts, Map<String, QuantileForecast> directTotals) {
    private static final System.Logger LOG = System.getLogger(OriginRun.class.getName());

    /** Whether the actuals are known (the run can be scored). */
    public boolean scored() {
        return actuals != null;
    }

    /**
     * Fits {@code models} on {@code data} cut at {@code origin}; actuals are attached when
     * {@code withActuals} (the caller knows the data covers the horizon after the origin).
     */
    public static OriginRun compute(List<DemandSeries> data, LocalDate origin, int horizon, List<ForecastModel> models,
            boolean withActuals) {
        var histories = Backtest.historiesAt(data, origin);
        List<double[]> actuals = null;
        if (withActuals) {
            var byId = new HashMap<String, DemandSeries>();
            data.forEach(s -> byId.put(s.id(), s));
            actuals = histories.stream().map(h -> Backtest.actualsAfter(byId.get(h.id()), origin, horizon)).toList();
        }
        var forecasts = new LinkedHashMap<String, List<QuantileForecast>>();
        if (histories.isEmpty()) {
            return new OriginRun(origin, horizon, histories, actuals, forecasts, Map.of());
        }
        for (var m : models) {
            try {
                forecasts.put(m.name(), m.fitAndForecast(histories, horizon));
            } catch (IllegalArgumentException e) {
                // E.g. a global model without a single full training window on short data.
                LOG.log(System.Logger.Level.WARNING, "model " + m.name() + " skipped at " + origin + ": " + e.getMessage());
            }
        }
        return new OriginRun(origin, horizon, histories, actuals, forecasts, TotalModels.forecastAll(histories, horizon));
    }
}
