package io.stockwise.ingestion.domain;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where accepted sales and rejections go: one atomic write per batch. */
public interface SalesStore {
    /**
     * Stores the lines not stored before (by source id), queues one event per newly stored line and
     * one dead letter per rejection, all in one transaction.
     *
     * @return the source ids that were new
     */
    Set<String> store(List<SaleLine> lines, List<RejectedSale> rejections);

    /** The stored record with this source id, if any, and whether its event is published. */
    Optional<RecordStatus> status(String sourceId);
}
