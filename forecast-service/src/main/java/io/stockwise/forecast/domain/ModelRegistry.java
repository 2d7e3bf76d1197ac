package io.stockwise.forecast.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: the model registry and the stored forecasts that serve. */
public interface ModelRegistry {
    /**
     * Registers {@code model} as the champion (the previous champion stops serving) and stores and
     * publishes its forecasts, all in one transaction.
     */
    void registerChampion(RegisteredModel model, ForecastRun forecasts);

    /** A page of the registry, newest first; {@code pageToken} from a previous page, empty for the first. */
    Page<RegisteredModel> list(int pageSize, Optional<Long> after);

    /**
     * The current champion's forecast of each of {@code series} that has one (made as of {@code
     * asOf} when given, else the latest).
     */
    Map<SeriesId, SeriesForecast> championForecasts(List<SeriesId> series, Optional<LocalDate> asOf);

    /** The version of the current champion, or empty before the first training. */
    default Optional<String> championVersion() {
        return Optional.empty();
    }

    /** The current champion with its artifact, or empty before the first training. */
    default Optional<RegisteredModel> champion() {
        return Optional.empty();
    }

    /** The stored forecasts of one series, newest first. */
    Page<SeriesForecast> forecasts(SeriesId series, int pageSize, Optional<Long> after);

    /** A registry holding nothing (serving falls back to the baselines). */
    ModelRegistry EMPTY = new ModelRegistry() {
        @Override
        public void registerChampion(RegisteredModel model, ForecastRun forecasts) {
            throw new UnsupportedOperationException("no registry");
        }

        @Override
        public Page<RegisteredModel> list(int pageSize, Optional<Long> after) {
            return new Page<>(List.of(), "");
        }

        @Override
        public Map<SeriesId, SeriesForecast> championForecasts(List<SeriesId> series, Optional<LocalDate> asOf) {
            return Map.of();
        }

        @Override
        public Page<SeriesForecast> forecasts(SeriesId series, int pageSize, Optional<Long> after) {
            return new Page<>(List.of(), "");
        }
    };
}
