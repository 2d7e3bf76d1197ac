package io.stockwise.feature.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link DemandStore} over maps, for domain tests. */
final class InMemoryDemandStore implements DemandStore {
    private final TreeMap<SeriesId, TreeMap<LocalDate, Double>> daily = new TreeMap<>();
    final List<Integer> scanSizes = new ArrayList<>();

    InMemoryDemandStore put(SeriesId series, LocalDate date, double quantity) {
        daily.computeIfAbsent(series, s -> new TreeMap<>()).merge(date, quantity, Double::sum);
        return this;
    }

    @Override
    public Optional<SeriesSummary> summary(SeriesId series) {
        var days = daily.get(series);
        if (days == null) {
            return Optional.empty();
        }
        double total = days.values().stream().mapToDouble(Double::doubleValue).sum();
        return Optional.of(new SeriesSummary(series, days.firstKey(), days.lastKey(), total, days.size()));
    }

    @Override
    public List<SeriesSummary> summaries(Collection<SeriesId> series) {
        var wanted = new HashSet<>(series);
        return daily.keySet().stream().filter(wanted::contains).map(s -> summary(s).orElseThrow()).toList();
    }

    @Override
    public List<SeriesSummary> listSeries(Optional<SeriesId> after, int limit) {
        var keys = after.isPresent() ? daily.tailMap(after.get(), false).keySet() : daily.keySet();
        return keys.stream().limit(limit).map(s -> summary(s).orElseThrow()).toList();
    }

    @Override
    public List<DailyDemand> daily(SeriesId series, LocalDate from, LocalDate to) {
        return daily.getOrDefault(series, new TreeMap<>()).subMap(from, true, to, true).entrySet().stream()
                .map(e -> new DailyDemand(e.getKey(), e.getValue())).toList();
    }

    @Override
    public void scanDaily(Collection<SeriesId> series, Optional<LocalDate> to, DailySink sink) {
        scanSizes.add(series.size());
        for (var s : new java.util.TreeSet<>(series)) {
            daily.getOrDefault(s, new TreeMap<>()).forEach((d, q) -> {
                if (to.isEmpty() || !d.isAfter(to.get())) {
                    sink.accept(s, d, q);
                }
            });
        }
    }
}
