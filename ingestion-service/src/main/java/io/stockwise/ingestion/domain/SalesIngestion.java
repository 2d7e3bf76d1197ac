package io.stockwise.ingestion.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates a batch of sales lines and stores the good ones. A bad record never costs its
 * neighbours: it is rejected with its position, field and reason, and the rest of the batch is
 * stored.
 */
public final class SalesIngestion {
    /** Records per message a client may send. */
    public static final int MAX_BATCH = 10_000;

    private final SalesStore store;

    public SalesIngestion(SalesStore store) {
        this.store = store;
    }

    /**
     * @param firstPosition the stream position of the batch's first record
     */
    public BatchOutcome ingest(List<IncomingSale> batch, long firstPosition) {
        var lines = new ArrayList<SaleLine>(batch.size());
        var rejections = new ArrayList<RejectedSale>();
        for (int i = 0; i < batch.size(); i++) {
            var in = batch.get(i);
            var violations = SaleValidator.check(in);
            if (violations.isEmpty()) {
                lines.add(SaleValidator.normalize(in));
            } else {
                var seriesKey = (in.skuId() == null ? "" : in.skuId()) + "/" + (in.locationId() == null ? "" : in.locationId());
                rejections.add(new RejectedSale(firstPosition + i, in.sourceId(), seriesKey, violations.get(0), in.original()));
            }
        }
        var stored = store.store(lines, rejections);
        return new BatchOutcome(batch.size(), stored.size(), lines.size() - stored.size(), rejections);
    }
}
