package io.stockwise.feature.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A batch of consumed sales lines on its way into daily demand. Applying is idempotent: the store
 * records each line's {@code event_id} once ({@link #events()}, first occurrence wins) and tells
 * which ids it had not seen; only those lines change demand ({@link #accept(Set)}), so a
 * redelivered or replayed line never counts twice.
 */
public final class DemandBatch {
    private final List<SaleFact> events;
    private final int repeatedInBatch;

    private DemandBatch(List<SaleFact> events, int repeatedInBatch) {
        this.events = events;
        this.repeatedInBatch = repeatedInBatch;
    }

    /** The batch of {@code facts} with repeated event ids dropped (the first occurrence stays). */
    public static DemandBatch of(List<SaleFact> facts) {
        var byId = new LinkedHashMap<String, SaleFact>();
        for (var f : facts) {
            byId.putIfAbsent(f.eventId(), f);
        }
        var unique = new ArrayList<>(byId.values());
        // Sorted by id so concurrent writers take row locks in the same order.
        unique.sort(Comparator.comparing(SaleFact::eventId));
        return new DemandBatch(List.copyOf(unique), facts.size() - unique.size());
    }

    /** The distinct lines to record, ordered by event id. */
    public List<SaleFact> events() {
        return events;
    }

    /** Lines dropped because their event id repeats within the batch. */
    public int repeatedInBatch() {
        return repeatedInBatch;
    }

    /**
     * The demand changes of the batch, given which of its event ids the store had not seen before.
     * Demand lines (see {@link SaleFact#isDemand()}) among them are summed per series and day.
     */
    public DemandChanges accept(Set<String> newEventIds) {
        var daily = new TreeMap<SeriesId, TreeMap<LocalDate, Double>>();
        int counted = 0;
        int notDemand = 0;
        for (var f : events) {
            if (!newEventIds.contains(f.eventId())) {
                continue;
            }
            if (f.isDemand()) {
                counted++;
                daily.computeIfAbsent(f.series(), s -> new TreeMap<>()).merge(f.businessDate(), f.quantity(), Double::sum);
            } else {
                notDemand++;
            }
        }
        var increments = new ArrayList<DailyIncrement>();
        var changes = new ArrayList<SeriesChange>(daily.size());
        for (Map.Entry<SeriesId, TreeMap<LocalDate, Double>> e : daily.entrySet()) {
            e.getValue().forEach((date, q) -> increments.add(new DailyIncrement(e.getKey(), date, q)));
            changes.add(new SeriesChange(e.getKey(), e.getValue().firstKey(), e.getValue().lastKey()));
        }
        int duplicates = repeatedInBatch + events.size() - counted - notDemand;
        return new DemandChanges(increments, changes, counted, notDemand, duplicates);
    }
}
