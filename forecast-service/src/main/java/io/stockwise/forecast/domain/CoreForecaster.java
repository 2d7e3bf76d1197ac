package io.stockwise.forecast.domain;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LocalModel;
import io.stockwise.forecast.core.QuantileForecast;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Forecaster} running one of forecast-core's per-series models (seasonal naive, weekday
 * moving average, ETS, Croston/SBA/TSB): the same code as {@code ./stockwise forecast-eval}, so a
 * served forecast equals the offline one for the same history.
 */
public class CoreForecaster implements Forecaster {
    private final LocalModel model;
    private final String version;

    /**
     * @param model the core model; its {@link LocalModel#name()} is the model name clients ask for
     * @param version the version reported with every forecast; bump it when the model's formulas change
     */
    public CoreForecaster(LocalModel model, String version) {
        this.model = Objects.requireNonNull(model, "model");
        this.version = Objects.requireNonNull(version, "version");
    }

    @Override
    public String model() {
        return model.name();
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public SeriesForecast forecast(DemandHistory history, int horizonDays, Instant createTime) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("cannot forecast " + history.series() + " without history");
        }
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizonDays must be positive, was " + horizonDays);
        }
        var f = model.forecast(toCore(history), horizonDays);
        return fromCore(history, f, model(), version, createTime);
    }

    /** The core form of a history (the series key as id). */
    public static DemandSeries toCore(DemandHistory history) {
        return DemandSeries.of(history.series().key(), history.startDate(), history.quantities());
    }

    /** The service form of a core forecast made from {@code history}. */
    public static SeriesForecast fromCore(DemandHistory history, QuantileForecast f, String model, String version,
            Instant createTime) {
        var days = new ArrayList<ForecastDay>(f.horizon());
        for (int h = 0; h < f.horizon(); h++) {
            days.add(new ForecastDay(f.firstDate().plusDays(h), f.mean()[h], f.quantiles()[h]));
        }
        int obsolete = io.stockwise.forecast.core.ForecastPostProcessor.standard().obsolete(toCore(history)).orElse(0);
        return new SeriesForecast(history.series(), model, version, history.endDate(), QuantileLevels.STANDARD,
                List.copyOf(days), createTime, obsolete);
    }
}
