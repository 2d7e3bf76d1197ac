package io.stockwise.feature.domain;

import io.stockwise.commons.error.StockwiseException;
import io.stockwise.commons.error.Validator;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Answers questions about daily demand: one series' dense history, many series' histories in
 * batches, and the list of series. Every read honours an "as of" day ({@code end}): nothing after
 * it is returned, so a model trained as of a day sees only what was known for the days up to it.
 */
public final class DemandQueries {
    /** Longest history one request may ask for, in days (100 years). */
    public static final int MAX_HISTORY_DAYS = 36_525;
    /** Page size when the request gives none. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** Largest page; larger requests are served this many. */
    public static final int MAX_PAGE_SIZE = 1_000;
    /** Histories per stream message when the request gives none. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** Largest accepted stream batch size. */
    public static final int MAX_BATCH_SIZE = 1_000;
    /** Most series one stream request may name. */
    public static final int MAX_STREAM_SERIES = 10_000;
    /**
     * Most daily values in one stream message: 8 bytes each keeps a message near 3 MB, under
     * gRPC's default 4 MiB inbound limit, so a batch of long histories is cut into more messages.
     */
    public static final int MAX_VALUES_PER_MESSAGE = 400_000;

    private final DemandStore store;

    public DemandQueries(DemandStore store) {
        this.store = store;
    }

    /**
     * The dense daily demand of a series over {@code [start, end]}.
     *
     * @param start first day; empty means the series' first day with demand
     * @param end last day, inclusive, and the "as of" cut; empty means the series' last day with demand
     * @return the history; empty (no days) when only {@code start} is given and it is after the
     *     series' last day with demand
     * @throws SeriesNotFound when the series has no demand, or (with {@code end} and no {@code
     *     start}) none on or before {@code end}
     * @throws StockwiseException {@code INVALID_ARGUMENT} when {@code start} is after {@code end}
     *     or the range is longer than {@value #MAX_HISTORY_DAYS} days
     */
    public DemandHistory history(SeriesId series, Optional<LocalDate> start, Optional<LocalDate> end) {
        if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
            throw StockwiseException.invalid("start_date", "OUT_OF_RANGE",
                    "must not be after end_date (" + start.get() + " > " + end.get() + ")");
        }
        var summary = store.summary(series).orElseThrow(() -> new SeriesNotFound(series));
        LocalDate to = end.orElse(summary.lastDemandDate());
        if (start.isEmpty() && summary.firstDemandDate().isAfter(to)) {
            throw new SeriesNotFound(series, to);
        }
        LocalDate from = start.orElse(summary.firstDemandDate());
        if (from.isAfter(to)) {
            return DemandHistory.dense(series, from, from.minusDays(1), List.of());
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_HISTORY_DAYS) {
            throw StockwiseException.invalid("start_date", "OUT_OF_RANGE",
                    "the range " + from + " to " + to + " spans " + days + " days; at most " + MAX_HISTORY_DAYS + " are served");
        }
        return DemandHistory.dense(series, from, to, store.daily(series, from, to));
    }

    /**
     * A page of series with demand, ordered by series.
     *
     * @param pageSize 0 means {@value #DEFAULT_PAGE_SIZE}; above {@value #MAX_PAGE_SIZE} means {@value #MAX_PAGE_SIZE}
     * @param pageToken from the previous page; empty for the first
     */
    public SeriesPage listSeries(int pageSize, String pageToken) {
        if (pageSize < 0) {
            throw StockwiseException.invalid("page_size", "OUT_OF_RANGE", "must not be negative, was " + pageSize);
        }
        int size = pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        var after = PageToken.decode(pageToken, "page_token");
        var rows = store.listSeries(after, size + 1);
        if (rows.size() <= size) {
            return new SeriesPage(rows, "");
        }
        var page = rows.subList(0, size);
        return new SeriesPage(page, PageToken.encode(page.get(size - 1).series()));
    }

    /** Receives the batches of a stream; returns false to stop it (the caller went away). */
    @FunctionalInterface
    public interface BatchSink {
        boolean accept(List<DemandHistory> batch);
    }

    /**
     * Streams the histories of many series, ordered by series, each from its first day with
     * demand to its last day with demand on or before {@code end}. Series without demand on or
     * before {@code end} (including unknown requested ones) are left out. A message carries at most
     * {@code batchSize} histories, fewer when they would exceed {@value #MAX_VALUES_PER_MESSAGE} values.
     *
     * @param series the series wanted; empty means every series
     * @param batchSize 1 to {@value #MAX_BATCH_SIZE}; 0 means {@value #DEFAULT_BATCH_SIZE}
     */
    public void streamHistories(List<SeriesId> series, Optional<LocalDate> end, int batchSize, BatchSink sink) {
        var v = new Validator();
        if (batchSize != 0) {
            v.requireRange("batch_size", batchSize, 1, MAX_BATCH_SIZE);
        }
        if (series.size() > MAX_STREAM_SERIES) {
            v.add("series", "OUT_OF_RANGE", "at most " + MAX_STREAM_SERIES + " series per request, was " + series.size());
        }
        v.throwIfInvalid();
        int size = batchSize == 0 ? DEFAULT_BATCH_SIZE : batchSize;
        var batcher = new Batcher(end, size, sink);
        if (!series.isEmpty()) {
            for (var s : store.summaries(new TreeSet<>(series))) {
                if (!batcher.add(s)) {
                    return;
                }
            }
            batcher.flush();
            return;
        }
        Optional<SeriesId> after = Optional.empty();
        while (true) {
            var page = store.listSeries(after, size);
            for (var s : page) {
                if (!batcher.add(s)) {
                    return;
                }
            }
            if (page.size() < size) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1).series());
        }
        batcher.flush();
    }

    /** Groups summaries into messages and loads each message's histories in one scan. */
    private final class Batcher {
        private final Optional<LocalDate> end;
        private final int size;
        private final BatchSink sink;
        private final List<SeriesSummary> pending = new ArrayList<>();
        private long pendingValues;
        private boolean open = true;

        Batcher(Optional<LocalDate> end, int size, BatchSink sink) {
            this.end = end;
            this.size = size;
            this.sink = sink;
        }

        boolean add(SeriesSummary s) {
            var cut = cut(s);
            if (cut.isBefore(s.firstDemandDate())) {
                return open;
            }
            long days = ChronoUnit.DAYS.between(s.firstDemandDate(), cut) + 1;
            if (!pending.isEmpty() && pendingValues + days > MAX_VALUES_PER_MESSAGE) {
                flush();
            }
            pending.add(s);
            pendingValues += days;
            if (pending.size() >= size) {
                flush();
            }
            return open;
        }

        void flush() {
            if (pending.isEmpty() || !open) {
                return;
            }
            var builders = new LinkedHashMap<SeriesId, DemandHistory.Builder>();
            for (var s : pending) {
                builders.put(s.series(), DemandHistory.builder(s.series(), s.firstDemandDate(), cut(s)));
            }
            Collection<SeriesId> ids = builders.keySet();
            store.scanDaily(List.copyOf(ids), end, (series, date, quantity) -> {
                var b = builders.get(series);
                if (b != null) {
                    b.add(date, quantity);
                }
            });
            var batch = new ArrayList<DemandHistory>(builders.size());
            builders.values().forEach(b -> batch.add(b.build()));
            pending.clear();
            pendingValues = 0;
            open = sink.accept(List.copyOf(batch));
        }

        private LocalDate cut(SeriesSummary s) {
            return end.filter(e -> e.isBefore(s.lastDemandDate())).orElse(s.lastDemandDate());
        }
    }
}
