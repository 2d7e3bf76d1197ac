package io.stockwise.ingestion.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates a batch of sales lines and stores the good ones. A bad record never costs its
 * neighbours: it is rejected with its position, field and reason, and the rest of the batch is
 * stored.
 *
 * <p>The two steps are separate ({@link #check}, then {@link #store}) so that a stream can check
 * its next batch while the previous one is being written.
 */
public final class SalesIngestion {
    /** Records per message a client may send. */
    public static final int MAX_BATCH = 10_000;

    private final SalesStore store;

    public SalesIngestion(SalesStore store) {
        this.store = store;
    }

    /** A checked batch: the valid lines, normalized, and the rejections. */
    public record CheckedBatch(int received, List<SaleLine> lines, List<RejectedSale> rejections) {}

    /** Checks and stores one batch. */
    public BatchOutcome ingest(List<IncomingSale> batch, long firstPosition) {
        return store(check(batch, firstPosition));
    }

    /**
     * Validates and normalizes a batch; touches no storage.
     *
     * @param firstPosition the stream position of the batch's first record
     */
    public CheckedBatch check(List<IncomingSale> batch, long firstPosition) {
        var lines = new ArrayList<SaleLine>(batch.size());
        var rejections = new ArrayList<RejectedSale>();
        for (int i = 0; i < batch.size(); i++) {
            var in = batch.get(i);
            var violations = SaleValidator.check(in);
            if (violations.isEmpty()) {
                lines.add(SaleValidator.normalize(in));
            } else {
                var seriesKey = (in.skuId() == null ? "" : in.skuId()) + "/" + (in.locationId() == null ? "" : in.locationId());
                rejections.add(new RejectedSale(firstPosition + i, in.sourceId(), seriesKey, violations.get(0), in.original().get()));
            }
        }
        return new CheckedBatch(batch.size(), lines, rejections);
    }

    /** Stores a checked batch in one transaction (new lines, their events, the dead letters). */
    public BatchOutcome store(CheckedBatch batch) {
        var stored = store.store(batch.lines(), batch.rejections());
        return new BatchOutcome(batch.received(), stored.size(), batch.lines().size() - stored.size(), batch.rejections());
    }
}
