package io.stockwise.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.FieldViolation;
import io.stockwise.commons.error.StockwiseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** One case per validation rule of the reference-data rpcs: the status code and the field named. */
class ReferenceIngestionTest {
    /** Records what reached the store; every call "creates" everything. */
    static final class RecordingStore implements ReferenceStore {
        final List<Object> stored = new ArrayList<>();

        private UpsertCounts all(List<?> records) {
            stored.addAll(records);
            return new UpsertCounts(records.size(), records.size(), 0, 0);
        }

        @Override public UpsertCounts upsertProducts(List<Product> r) { return all(r); }
        @Override public UpsertCounts upsertLocations(List<Location> r) { return all(r); }
        @Override public UpsertCounts upsertCalendar(List<CalendarEntry> r) { return all(r); }
        @Override public UpsertCounts upsertPrices(List<PricePeriod> r) { return all(r); }
        @Override public UpsertCounts upsertInventory(List<InventoryPosition> r) { return all(r); }
        @Override public UpsertCounts upsertSupplyTerms(List<SupplyTerms> r) { return all(r); }
    }

    static final DayInput DAY = new DayInput(2011, 12, 25);
    static final long OBSERVED = 1_300_000_000L;
    static final String LONG = "x".repeat(300);

    static Product product() {
        return new Product("85123a", "White hanging heart", "decor", 0.5);
    }

    static Location location() {
        return new Location("uk", "UK web shop", 3, "Europe/London");
    }

    static CalendarEntry calendar() {
        return new CalendarEntry(DAY, "", 1, "Christmas Day", false);
    }

    static PricePeriod price() {
        return new PricePeriod("85123a", "uk", new DayInput(2011, 12, 1), DAY, 2.55, "GBP", true);
    }

    static InventoryPosition inventory(List<InventoryPosition.OnOrder> onOrder, Long observed) {
        return new InventoryPosition("85123a", "uk", 40, onOrder, observed, 0);
    }

    static InventoryPosition inventory() {
        return inventory(List.of(new InventoryPosition.OnOrder(24, new DayInput(2011, 12, 30), "PO-1")), OBSERVED);
    }

    static SupplyTerms supply(double mean, double sd, List<SupplyTerms.LeadTimePoint> dist) {
        return new SupplyTerms("85123a", "acme", "", mean, sd, dist, 7, 12, 6, 1.2, 25, "GBP");
    }

    static SupplyTerms supply() {
        return supply(10, 2, List.of());
    }

    static List<SupplyTerms.LeadTimePoint> dist(double... pairs) {
        var out = new ArrayList<SupplyTerms.LeadTimePoint>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.add(new SupplyTerms.LeadTimePoint((int) pairs[i], pairs[i + 1]));
        }
        return out;
    }

    /** Runs one rpc's rules on one (bad) record, or a list for DUPLICATE cases. */
    static Consumer<ReferenceIngestion> call(Object... records) {
        var list = List.of(records);
        return ri -> {
            Object first = records[0];
            if (first instanceof Product) {
                ri.products(cast(list));
            } else if (first instanceof Location) {
                ri.locations(cast(list));
            } else if (first instanceof CalendarEntry) {
                ri.calendar(cast(list));
            } else if (first instanceof PricePeriod) {
                ri.prices(cast(list));
            } else if (first instanceof InventoryPosition) {
                ri.inventory(cast(list));
            } else {
                ri.supplyTerms(cast(list));
            }
        };
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> cast(List<Object> l) {
        return (List<T>) (List<?>) l;
    }

    static Stream<Arguments> rules() {
        var p = product();
        var l = location();
        var c = calendar();
        var pr = price();
        var s = supply();
        return Stream.of(
                Arguments.of("products[0].sku_id", "REQUIRED", call(new Product(" ", p.name(), p.groupId(), 1))),
                Arguments.of("products[0].sku_id", "TOO_LONG", call(new Product(LONG, p.name(), p.groupId(), 1))),
                Arguments.of("products[0].sku_id", "INVALID_FORMAT", call(new Product("A/B", p.name(), p.groupId(), 1))),
                Arguments.of("products[0].name", "TOO_LONG", call(new Product("A", LONG, p.groupId(), 1))),
                Arguments.of("products[0].group_id", "TOO_LONG", call(new Product("A", "n", LONG, 1))),
                Arguments.of("products[0].unit_volume_liters", "NOT_FINITE", call(new Product("A", "n", "g", Double.NaN))),
                Arguments.of("products[0].unit_volume_liters", "OUT_OF_RANGE", call(new Product("A", "n", "g", -1))),
                Arguments.of("products[1].sku_id", "DUPLICATE", call(new Product("a1", "", "", 0), new Product("A1", "", "", 0))),
                Arguments.of("locations[0].location_id", "REQUIRED", call(new Location("", "n", 1, ""))),
                Arguments.of("locations[0].name", "TOO_LONG", call(new Location("uk", LONG, 1, ""))),
                Arguments.of("locations[0].kind", "REQUIRED", call(new Location("uk", "n", 0, ""))),
                Arguments.of("locations[0].kind", "UNKNOWN_ENUM", call(new Location("uk", "n", 9, ""))),
                Arguments.of("locations[0].time_zone", "INVALID_FORMAT", call(new Location("uk", "n", 1, "Mars/Olympus"))),
                Arguments.of("locations[1].location_id", "DUPLICATE", call(l, l)),
                Arguments.of("events[0].date", "REQUIRED", call(new CalendarEntry(new DayInput(0, 0, 0), "", 1, "x", false))),
                Arguments.of("events[0].date", "INVALID_FORMAT", call(new CalendarEntry(new DayInput(2011, 2, 30), "", 1, "x", false))),
                Arguments.of("events[0].date", "OUT_OF_RANGE", call(new CalendarEntry(new DayInput(1980, 1, 1), "", 1, "x", false))),
                Arguments.of("events[0].location_id", "INVALID_FORMAT", call(new CalendarEntry(DAY, "a/b", 1, "x", false))),
                Arguments.of("events[0].kind", "REQUIRED", call(new CalendarEntry(DAY, "", 0, "x", false))),
                Arguments.of("events[0].kind", "UNKNOWN_ENUM", call(new CalendarEntry(DAY, "", 4, "x", false))),
                Arguments.of("events[0].name", "REQUIRED", call(new CalendarEntry(DAY, "", 1, "", false))),
                Arguments.of("events[0].name", "TOO_LONG", call(new CalendarEntry(DAY, "", 1, LONG, false))),
                Arguments.of("events[1].name", "DUPLICATE", call(c, c)),
                Arguments.of("prices[0].series.sku_id", "REQUIRED", call(new PricePeriod("", "uk", DAY, DAY, 1, "", false))),
                Arguments.of("prices[0].series.location_id", "REQUIRED", call(new PricePeriod("A", "", DAY, DAY, 1, "", false))),
                Arguments.of("prices[0].valid_from", "REQUIRED", call(new PricePeriod("A", "uk", new DayInput(0, 0, 0), DAY, 1, "", false))),
                Arguments.of("prices[0].valid_to", "INVALID_FORMAT", call(new PricePeriod("A", "uk", DAY, new DayInput(2011, 13, 1), 1, "", false))),
                Arguments.of("prices[0].valid_to", "OUT_OF_RANGE", call(new PricePeriod("A", "uk", DAY, new DayInput(2011, 12, 24), 1, "", false))),
                Arguments.of("prices[0].unit_price", "OUT_OF_RANGE", call(new PricePeriod("A", "uk", DAY, DAY, -0.01, "", false))),
                Arguments.of("prices[0].unit_price", "NOT_FINITE", call(new PricePeriod("A", "uk", DAY, DAY, Double.POSITIVE_INFINITY, "", false))),
                Arguments.of("prices[0].currency_code", "INVALID_FORMAT", call(new PricePeriod("A", "uk", DAY, DAY, 1, "gbp", false))),
                Arguments.of("prices[1].valid_from", "DUPLICATE", call(pr, pr)),
                Arguments.of("positions[0].series.sku_id", "INVALID_FORMAT",
                        call(new InventoryPosition("a/b", "uk", 1, List.of(), OBSERVED, 0))),
                Arguments.of("positions[0].on_hand", "OUT_OF_RANGE", call(new InventoryPosition("A", "uk", -1, List.of(), OBSERVED, 0))),
                Arguments.of("positions[0].on_order[0].quantity", "OUT_OF_RANGE",
                        call(inventory(List.of(new InventoryPosition.OnOrder(0, DAY, "")), OBSERVED))),
                Arguments.of("positions[0].on_order[0].expected_arrival_date", "REQUIRED",
                        call(inventory(List.of(new InventoryPosition.OnOrder(5, new DayInput(0, 0, 0), "")), OBSERVED))),
                Arguments.of("positions[0].on_order[0].order_id", "TOO_LONG",
                        call(inventory(List.of(new InventoryPosition.OnOrder(5, DAY, LONG)), OBSERVED))),
                Arguments.of("positions[0].on_order", "TOO_MANY",
                        call(inventory(Collections.nCopies(101, new InventoryPosition.OnOrder(5, DAY, "")), OBSERVED))),
                Arguments.of("positions[0].observe_time", "REQUIRED", call(inventory(List.of(), null))),
                Arguments.of("positions[0].observe_time", "OUT_OF_RANGE", call(inventory(List.of(), -5L))),
                Arguments.of("positions[1].observe_time", "DUPLICATE", call(inventory(), inventory())),
                Arguments.of("terms[0].sku_id", "REQUIRED", call(new SupplyTerms("", "acme", "", 1, 0, List.of(), 7, 0, 0, 0, 0, ""))),
                Arguments.of("terms[0].supplier_id", "REQUIRED", call(new SupplyTerms("A", "", "", 1, 0, List.of(), 7, 0, 0, 0, 0, ""))),
                Arguments.of("terms[0].location_id", "TOO_LONG", call(new SupplyTerms("A", "s", LONG, 1, 0, List.of(), 7, 0, 0, 0, 0, ""))),
                Arguments.of("terms[0].lead_time_mean_days", "OUT_OF_RANGE", call(supply(400, 0, List.of()))),
                Arguments.of("terms[0].lead_time_sd_days", "NOT_FINITE", call(supply(5, Double.NaN, List.of()))),
                Arguments.of("terms[0].lead_time_mean_days", "CONFLICT", call(supply(5, 0, dist(5, 1)))),
                Arguments.of("terms[0].lead_time_distribution", "OUT_OF_RANGE", call(supply(0, 0, dist(5, 0.25, 6, 0.25)))),
                Arguments.of("terms[0].lead_time_distribution[1].days", "DUPLICATE", call(supply(0, 0, dist(5, 0.5, 5, 0.5)))),
                Arguments.of("terms[0].lead_time_distribution[0].days", "OUT_OF_RANGE", call(supply(0, 0, dist(-1, 1)))),
                Arguments.of("terms[0].lead_time_distribution[0].probability", "OUT_OF_RANGE", call(supply(0, 0, dist(5, 1.5)))),
                Arguments.of("terms[0].review_period_days", "OUT_OF_RANGE",
                        call(new SupplyTerms("A", "s", "", 1, 0, List.of(), 0, 0, 0, 0, 0, ""))),
                Arguments.of("terms[0].min_order_quantity", "OUT_OF_RANGE",
                        call(new SupplyTerms("A", "s", "", 1, 0, List.of(), 7, -1, 0, 0, 0, ""))),
                Arguments.of("terms[0].case_pack", "OUT_OF_RANGE", call(new SupplyTerms("A", "s", "", 1, 0, List.of(), 7, 0, -6, 0, 0, ""))),
                Arguments.of("terms[0].unit_cost", "NOT_FINITE",
                        call(new SupplyTerms("A", "s", "", 1, 0, List.of(), 7, 0, 0, Double.NaN, 0, ""))),
                Arguments.of("terms[0].order_cost", "OUT_OF_RANGE", call(new SupplyTerms("A", "s", "", 1, 0, List.of(), 7, 0, 0, 0, -1, ""))),
                Arguments.of("terms[0].currency_code", "INVALID_FORMAT", call(new SupplyTerms("A", "s", "", 1, 0, List.of(), 7, 0, 0, 0, 0, "EURO"))),
                Arguments.of("terms[1].supplier_id", "DUPLICATE", call(s, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rules")
    void rejectsTheRequestNamingTheField(String field, String reason, Consumer<ReferenceIngestion> request) {
        var store = new RecordingStore();
        assertThatThrownBy(() -> request.accept(new ReferenceIngestion(store)))
                .isInstanceOfSatisfying(StockwiseException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.violations()).extracting(FieldViolation::field, FieldViolation::reason)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple(field, reason));
                });
        assertThat(store.stored).as("nothing of a bad request is stored").isEmpty();
    }

    @Test
    void acceptsValidRecordsAndNormalizesSkuIds() {
        var store = new RecordingStore();
        var ri = new ReferenceIngestion(store);
        ri.products(List.of(product()));
        ri.locations(List.of(location()));
        ri.calendar(List.of(calendar()));
        ri.prices(List.of(price()));
        ri.inventory(List.of(inventory()));
        ri.supplyTerms(List.of(supply(), supply(0, 0, dist(5, 0.2, 7, 0.5, 9, 0.3)).withSupplier("other")));
        assertThat(store.stored).hasSize(7);
        assertThat(((Product) store.stored.get(0)).skuId()).isEqualTo("85123A");
    }

    @Test
    void refusesAnEmptyRequestAndTooManyRecords() {
        var ri = new ReferenceIngestion(new RecordingStore());
        assertThatThrownBy(() -> ri.products(List.of()))
                .isInstanceOfSatisfying(StockwiseException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("products");
                });
        assertThatThrownBy(() -> ri.locations(Collections.nCopies(10_001, location())))
                .isInstanceOfSatisfying(StockwiseException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
                    assertThat(e.reason()).isEqualTo("TOO_MANY_RECORDS");
                });
    }
}
