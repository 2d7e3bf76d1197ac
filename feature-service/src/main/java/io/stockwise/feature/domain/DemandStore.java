package io.stockwise.feature.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads stored daily demand (sparse: rows only for days with demand) and series summaries. */
public interface DemandStore {
    /** The summary of a series with demand; empty when it has none. */
    Optional<SeriesSummary> summary(SeriesId series);

    /** The summaries of those of {@code series} that have demand, ordered by series. */
    List<SeriesSummary> summaries(Collection<SeriesId> series);

    /** Up to {@code limit} summaries of series after {@code after} (from the first when empty), ordered by series. */
    List<SeriesSummary> listSeries(Optional<SeriesId> after, int limit);

    /** The stored rows of one series in {@code [from, to]}, ordered by day. */
    List<DailyDemand> daily(SeriesId series, LocalDate from, LocalDate to);

    /**
     * Feeds {@code sink} the stored rows of several series up to {@code to} (all when empty),
     * ordered by series then day, without holding them all in memory.
     */
    void scanDaily(Collection<SeriesId> series, Optional<LocalDate> to, DailySink sink);

    /** Receives stored rows one by one. */
    @FunctionalInterface
    interface DailySink {
        void accept(SeriesId series, LocalDate date, double quantity);
    }
}
