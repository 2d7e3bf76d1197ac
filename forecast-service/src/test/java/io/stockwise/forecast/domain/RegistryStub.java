package io.stockwise.forecast.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A registry that holds nothing and ignores registrations; tests override what they need. */
class RegistryStub implements ModelRegistry {
    @Override
    public void registerChampion(RegisteredModel model, ForecastRun forecasts) {}

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
}
