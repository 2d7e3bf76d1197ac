package io.stockwise.ingestion.domain;

import java.util.List;

/**
 * Where validated reference data goes. Each call is one transaction: the records new or changed by
 * their natural key are stored and one event per such record is queued in the outbox; records equal
 * to the stored ones change nothing.
 */
public interface ReferenceStore {
    UpsertCounts upsertProducts(List<Product> products);

    UpsertCounts upsertLocations(List<Location> locations);

    UpsertCounts upsertCalendar(List<CalendarEntry> entries);

    UpsertCounts upsertPrices(List<PricePeriod> prices);

    UpsertCounts upsertInventory(List<InventoryPosition> positions);

    UpsertCounts upsertSupplyTerms(List<SupplyTerms> terms);
}
