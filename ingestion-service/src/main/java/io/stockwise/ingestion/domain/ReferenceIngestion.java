package io.stockwise.ingestion.domain;

import io.stockwise.commons.error.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Validates reference-data requests as a whole (any bad record rejects the request, naming every
 * bad field) and upserts them by natural key. SKU ids are upper-cased and ids trimmed, as for
 * sales, so a product and its sales lines share one key.
 */
public final class ReferenceIngestion {
    private final ReferenceStore store;

    public ReferenceIngestion(ReferenceStore store) {
        this.store = store;
    }

    public UpsertCounts products(List<Product> in) {
        var records = check("products", in, ReferenceValidator::product, Product::skuId, "sku_id",
                r -> new Product(Keys.sku(r.skuId()), nz(r.name()), nz(r.groupId()), r.unitVolumeLiters()));
        return store.upsertProducts(records);
    }

    public UpsertCounts locations(List<Location> in) {
        var records = check("locations", in, ReferenceValidator::location, Location::locationId, "location_id",
                r -> new Location(Keys.location(r.locationId()), nz(r.name()), r.kindNumber(), nz(r.timeZone())));
        return store.upsertLocations(records);
    }

    public UpsertCounts calendar(List<CalendarEntry> in) {
        var records = check("events", in, ReferenceValidator::calendar, r -> List.of(r.date(), r.locationId(), r.name()), "name",
                r -> new CalendarEntry(r.date(), nz(r.locationId()).trim(), r.kindNumber(), r.name().trim(), r.tradingDay()));
        return store.upsertCalendar(records);
    }

    public UpsertCounts prices(List<PricePeriod> in) {
        var records = check("prices", in, ReferenceValidator::price, r -> List.of(r.skuId(), r.locationId(), r.validFrom()),
                "valid_from", r -> new PricePeriod(Keys.sku(r.skuId()), Keys.location(r.locationId()), r.validFrom(), r.validTo(),
                        r.unitPrice(), nz(r.currencyCode()), r.onPromotion()));
        return store.upsertPrices(records);
    }

    public UpsertCounts inventory(List<InventoryPosition> in) {
        var records = check("positions", in, ReferenceValidator::inventory,
                // PostgreSQL keeps microseconds: two times within one microsecond are one key.
                r -> List.of(r.skuId(), r.locationId(), String.valueOf(r.observeEpochSeconds()), r.observeNanos() / 1000), "observe_time",
                r -> new InventoryPosition(Keys.sku(r.skuId()), Keys.location(r.locationId()), r.onHand(),
                        r.onOrder().stream().map(o -> new InventoryPosition.OnOrder(o.quantity(), o.expectedArrival(), nz(o.orderId()))).toList(),
                        r.observeEpochSeconds(), r.observeNanos()));
        return store.upsertInventory(records);
    }

    public UpsertCounts supplyTerms(List<SupplyTerms> in) {
        var records = check("terms", in, ReferenceValidator::supplyTerms, r -> List.of(r.skuId(), r.supplierId(), nz(r.locationId())),
                "supplier_id", r -> new SupplyTerms(Keys.sku(r.skuId()), r.supplierId().trim(), nz(r.locationId()).trim(),
                        r.leadTimeMeanDays(), r.leadTimeSdDays(), List.copyOf(r.leadTimeDistribution()), r.reviewPeriodDays(),
                        r.minOrderQuantity(), r.casePack(), r.unitCost(), r.orderCost(), nz(r.currencyCode())));
        return store.upsertSupplyTerms(records);
    }

    private static <T> List<T> check(String list, List<T> in, RuleSet<T> rules, Function<T, Object> key, String keyField,
            UnaryOperator<T> normalize) {
        ReferenceValidator.checkCount(list, in.size());
        var v = new Validator();
        for (int i = 0; i < in.size(); i++) {
            rules.accept(v, list + "[" + i + "].", in.get(i));
        }
        v.throwIfInvalid();
        var out = new ArrayList<T>(in.size());
        for (var r : in) {
            out.add(normalize.apply(r));
        }
        ReferenceValidator.checkUnique(v, list, keyField, out, key);
        v.throwIfInvalid();
        return out;
    }

    /** One record's rules: (violations, field prefix, record). */
    @FunctionalInterface
    interface RuleSet<T> {
        void accept(Validator v, String prefix, T record);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
