package io.stockwise.ingestion.persistence;

import com.google.protobuf.Timestamp;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.commons.outbox.OutboxRecord;
import io.stockwise.commons.outbox.OutboxRelayWorker;
import io.stockwise.commons.outbox.OutboxWriter;
import io.stockwise.commons.persistence.Transactions;
import io.stockwise.ingestion.domain.CalendarEntry;
import io.stockwise.ingestion.domain.DayInput;
import io.stockwise.ingestion.domain.InventoryPosition;
import io.stockwise.ingestion.domain.Location;
import io.stockwise.ingestion.domain.PricePeriod;
import io.stockwise.ingestion.domain.Product;
import io.stockwise.ingestion.domain.ReferenceStore;
import io.stockwise.ingestion.domain.ReferenceValidator;
import io.stockwise.ingestion.domain.SupplyTerms;
import io.stockwise.ingestion.domain.UpsertCounts;
import io.stockwise.ingestion.persistence.Upserts.Column;
import io.stockwise.ingestion.persistence.Upserts.Outcome;
import io.stockwise.proto.v1.CalendarEventEvent;
import io.stockwise.proto.v1.CalendarEventKind;
import io.stockwise.proto.v1.CalendarEventRecord;
import io.stockwise.proto.v1.Date;
import io.stockwise.proto.v1.InventoryPositionEvent;
import io.stockwise.proto.v1.LeadTimeProbability;
import io.stockwise.proto.v1.LocationEvent;
import io.stockwise.proto.v1.LocationKind;
import io.stockwise.proto.v1.LocationRecord;
import io.stockwise.proto.v1.OnOrderLine;
import io.stockwise.proto.v1.PricePeriodEvent;
import io.stockwise.proto.v1.PriceRecord;
import io.stockwise.proto.v1.ProductEvent;
import io.stockwise.proto.v1.ProductRecord;
import io.stockwise.proto.v1.SeriesKey;
import io.stockwise.proto.v1.SupplyTermsEvent;
import io.stockwise.proto.v1.SupplyTermsRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Upserts reference data by natural key and queues one event per created or changed record, in
 * one transaction per request.
 */
@ApplicationScoped
public class JdbcReferenceStore implements ReferenceStore {
    public static final String PRODUCTS_TOPIC = "stockwise.products.v1";
    public static final String LOCATIONS_TOPIC = "stockwise.locations.v1";
    public static final String CALENDAR_TOPIC = "stockwise.calendar.v1";
    public static final String PRICES_TOPIC = "stockwise.prices.v1";
    public static final String INVENTORY_TOPIC = "stockwise.inventory.v1";
    public static final String SUPPLY_TOPIC = "stockwise.supply.v1";

    private static final Upserts<Product> PRODUCTS = new Upserts<>("product",
            List.of(new Column("sku_id", "text")),
            List.of(new Column("name", "text"), new Column("group_id", "text"), new Column("unit_volume_liters", "float8")),
            r -> new String[] {r.skuId(), r.name(), r.groupId(), Double.toString(r.unitVolumeLiters())});
    private static final Upserts<Location> LOCATIONS = new Upserts<>("location",
            List.of(new Column("location_id", "text")),
            List.of(new Column("name", "text"), new Column("kind", "int2"), new Column("time_zone", "text")),
            r -> new String[] {r.locationId(), r.name(), Integer.toString(r.kindNumber()), r.timeZone()});
    private static final Upserts<CalendarEntry> CALENDAR = new Upserts<>("calendar_event",
            List.of(new Column("event_date", "date"), new Column("location_id", "text"), new Column("name", "text")),
            List.of(new Column("kind", "int2"), new Column("trading_day", "bool")),
            r -> new String[] {r.date().toLocalDate().toString(), r.locationId(), r.name(), Integer.toString(r.kindNumber()),
                Boolean.toString(r.tradingDay())});
    private static final Upserts<PricePeriod> PRICES = new Upserts<>("price_period",
            List.of(new Column("sku_id", "text"), new Column("location_id", "text"), new Column("valid_from", "date")),
            List.of(new Column("valid_to", "date"), new Column("unit_price", "float8"), new Column("currency_code", "text"),
                    new Column("on_promotion", "bool")),
            r -> new String[] {r.skuId(), r.locationId(), r.validFrom().toLocalDate().toString(), r.validTo().toLocalDate().toString(),
                Double.toString(r.unitPrice()), r.currencyCode(), Boolean.toString(r.onPromotion())});
    private static final Upserts<InventoryPosition> INVENTORY = new Upserts<>("inventory_position",
            List.of(new Column("sku_id", "text"), new Column("location_id", "text"), new Column("observe_time", "timestamptz")),
            List.of(new Column("on_hand", "float8"), new Column("on_order_total", "float8"), new Column("on_order", "jsonb")),
            r -> new String[] {r.skuId(), r.locationId(), ReferenceValidator.observeTime(r).toString(), Double.toString(r.onHand()),
                Double.toString(r.onOrderTotal()), r.onOrder().stream()
                        .map(o -> "{\"quantity\": " + o.quantity() + ", \"expected_arrival_date\": \"" + o.expectedArrival().toLocalDate()
                                + "\", \"order_id\": " + json(o.orderId()) + "}")
                        .collect(Collectors.joining(", ", "[", "]"))});
    private static final Upserts<SupplyTerms> SUPPLY = new Upserts<>("supply_terms",
            List.of(new Column("sku_id", "text"), new Column("supplier_id", "text"), new Column("location_id", "text")),
            List.of(new Column("lead_time_mean_days", "float8"), new Column("lead_time_sd_days", "float8"),
                    new Column("lead_time_distribution", "jsonb"), new Column("review_period_days", "int4"),
                    new Column("min_order_quantity", "float8"), new Column("case_pack", "float8"), new Column("unit_cost", "float8"),
                    new Column("order_cost", "float8"), new Column("currency_code", "text")),
            r -> new String[] {r.skuId(), r.supplierId(), r.locationId(), Double.toString(r.leadTimeMeanDays()),
                Double.toString(r.leadTimeSdDays()), r.leadTimeDistribution().stream()
                        .map(p -> "{\"days\": " + p.days() + ", \"probability\": " + p.probability() + "}")
                        .collect(Collectors.joining(", ", "[", "]")),
                Integer.toString(r.reviewPeriodDays()), Double.toString(r.minOrderQuantity()), Double.toString(r.casePack()),
                Double.toString(r.unitCost()), Double.toString(r.orderCost()), r.currencyCode()});

    private final DataSource dataSource;
    private final OutboxWriter outbox = new OutboxWriter("outbox");
    private final OutboxRelayWorker relay;
    private final Clock clock = Clock.systemUTC();

    public JdbcReferenceStore(DataSource dataSource, OutboxRelayWorker relay) {
        this.dataSource = dataSource;
        this.relay = relay;
    }

    @Override
    public UpsertCounts upsertProducts(List<Product> products) {
        return upsert(PRODUCTS, products, (r, now) -> new OutboxRecord(PRODUCTS_TOPIC, r.skuId(),
                ProductEvent.newBuilder().setProduct(toProto(r)).setIngestTime(now).build().toByteArray()));
    }

    @Override
    public UpsertCounts upsertLocations(List<Location> locations) {
        return upsert(LOCATIONS, locations, (r, now) -> new OutboxRecord(LOCATIONS_TOPIC, r.locationId(),
                LocationEvent.newBuilder().setLocation(toProto(r)).setIngestTime(now).build().toByteArray()));
    }

    @Override
    public UpsertCounts upsertCalendar(List<CalendarEntry> entries) {
        return upsert(CALENDAR, entries, (r, now) -> new OutboxRecord(CALENDAR_TOPIC, r.locationId().isEmpty() ? "*" : r.locationId(),
                CalendarEventEvent.newBuilder().setEvent(toProto(r)).setIngestTime(now).build().toByteArray()));
    }

    @Override
    public UpsertCounts upsertPrices(List<PricePeriod> prices) {
        return upsert(PRICES, prices, (r, now) -> new OutboxRecord(PRICES_TOPIC, r.skuId() + "/" + r.locationId(),
                PricePeriodEvent.newBuilder().setPrice(toProto(r)).setIngestTime(now).build().toByteArray()));
    }

    @Override
    public UpsertCounts upsertInventory(List<InventoryPosition> positions) {
        return upsert(INVENTORY, positions, (r, now) -> new OutboxRecord(INVENTORY_TOPIC, r.skuId() + "/" + r.locationId(),
                toEvent(r).toByteArray()));
    }

    @Override
    public UpsertCounts upsertSupplyTerms(List<SupplyTerms> terms) {
        return upsert(SUPPLY, terms, (r, now) -> new OutboxRecord(SUPPLY_TOPIC,
                r.skuId() + "/" + (r.locationId().isEmpty() ? "*" : r.locationId()),
                SupplyTermsEvent.newBuilder().setTerms(toProto(r)).setIngestTime(now).build().toByteArray()));
    }

    private <T> UpsertCounts upsert(Upserts<T> upserts, List<T> records, BiFunction<T, Timestamp, OutboxRecord> event) {
        UpsertCounts counts;
        try {
            counts = Transactions.inTransaction(dataSource, c -> {
                var outcomes = upserts.upsert(c, records);
                var now = ProtoDates.toProto(clock.instant());
                var events = new ArrayList<OutboxRecord>();
                int created = 0;
                int updated = 0;
                for (int i = 0; i < outcomes.length; i++) {
                    if (outcomes[i] != Outcome.UNCHANGED) {
                        events.add(event.apply(records.get(i), now));
                        if (outcomes[i] == Outcome.CREATED) {
                            created++;
                        } else {
                            updated++;
                        }
                    }
                }
                outbox.append(c, events);
                return new UpsertCounts(records.size(), created, updated, records.size() - created - updated);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not upsert: " + e.getMessage(), e);
        }
        if (counts.created() + counts.updated() > 0) {
            relay.wake(); // after the commit: the relay must see the new outbox rows
        }
        return counts;
    }

    static String json(String s) {
        var sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static Date date(DayInput d) {
        return ProtoDates.toProto(d.toLocalDate());
    }

    static ProductRecord toProto(Product r) {
        return ProductRecord.newBuilder().setSkuId(r.skuId()).setName(r.name()).setGroupId(r.groupId())
                .setUnitVolumeLiters(r.unitVolumeLiters()).build();
    }

    static LocationRecord toProto(Location r) {
        return LocationRecord.newBuilder().setLocationId(r.locationId()).setName(r.name())
                .setKind(LocationKind.forNumber(r.kindNumber())).setTimeZone(r.timeZone()).build();
    }

    static CalendarEventRecord toProto(CalendarEntry r) {
        return CalendarEventRecord.newBuilder().setDate(date(r.date())).setLocationId(r.locationId())
                .setKind(CalendarEventKind.forNumber(r.kindNumber())).setName(r.name()).setTradingDay(r.tradingDay()).build();
    }

    static PriceRecord toProto(PricePeriod r) {
        return PriceRecord.newBuilder().setSeries(SeriesKey.newBuilder().setSkuId(r.skuId()).setLocationId(r.locationId()))
                .setValidFrom(date(r.validFrom())).setValidTo(date(r.validTo())).setUnitPrice(r.unitPrice())
                .setCurrencyCode(r.currencyCode()).setOnPromotion(r.onPromotion()).build();
    }

    static InventoryPositionEvent toEvent(InventoryPosition r) {
        var observed = ReferenceValidator.observeTime(r);
        var b = InventoryPositionEvent.newBuilder()
                .setEventId(r.skuId() + "/" + r.locationId() + "@" + observed)
                .setSeries(SeriesKey.newBuilder().setSkuId(r.skuId()).setLocationId(r.locationId()))
                .setOnHand(r.onHand())
                .setOnOrder(r.onOrderTotal())
                .setObserveTime(ProtoDates.toProto(observed));
        for (var o : r.onOrder()) {
            b.addOnOrderLines(OnOrderLine.newBuilder().setQuantity(o.quantity())
                    .setExpectedArrivalDate(date(o.expectedArrival())).setOrderId(o.orderId()));
        }
        return b.build();
    }

    static SupplyTermsRecord toProto(SupplyTerms r) {
        var b = SupplyTermsRecord.newBuilder().setSkuId(r.skuId()).setSupplierId(r.supplierId()).setLocationId(r.locationId())
                .setLeadTimeMeanDays(r.leadTimeMeanDays()).setLeadTimeSdDays(r.leadTimeSdDays())
                .setReviewPeriodDays(r.reviewPeriodDays()).setMinOrderQuantity(r.minOrderQuantity()).setCasePack(r.casePack())
                .setUnitCost(r.unitCost()).setOrderCost(r.orderCost()).setCurrencyCode(r.currencyCode());
        for (var p : r.leadTimeDistribution()) {
            b.addLeadTimeDistribution(LeadTimeProbability.newBuilder().setDays(p.days()).setProbability(p.probability()));
        }
        return b.build();
    }
}
