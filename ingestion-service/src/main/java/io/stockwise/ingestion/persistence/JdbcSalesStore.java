package io.stockwise.ingestion.persistence;

import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.commons.outbox.OutboxRecord;
import io.stockwise.commons.outbox.OutboxRelayWorker;
import io.stockwise.commons.outbox.OutboxWriter;
import io.stockwise.ingestion.domain.RejectedSale;
import io.stockwise.ingestion.domain.SaleLine;
import io.stockwise.ingestion.domain.SalesStore;
import io.stockwise.proto.v1.SaleEvent;
import io.stockwise.proto.v1.SaleKind;
import io.stockwise.proto.v1.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Stores sales lines and their events in one transaction: one array-bound INSERT per batch
 * (duplicates skipped by source id), then the outbox rows for what was new and the dead letters.
 */
@ApplicationScoped
public class JdbcSalesStore implements SalesStore {
    public static final String SALES_TOPIC = "stockwise.sales.v1";
    public static final String DLQ_TOPIC = "stockwise.sales.dlq.v1";

    private static final String INSERT = """
            INSERT INTO sale (source_id, sku_id, location_id, business_date, event_time, quantity, unit_price,
                              currency_code, kind, on_promotion, order_id, customer_id)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]::date[], ?::text[]::timestamptz[],
                                 ?::float8[], ?::float8[], ?::text[], ?::int2[], ?::bool[], ?::text[], ?::text[])
            ON CONFLICT (source_id) DO NOTHING
            RETURNING source_id
            """;

    private final DataSource dataSource;
    private final OutboxWriter outbox = new OutboxWriter("outbox");
    private final OutboxRelayWorker relay;
    private final Clock clock;

    public JdbcSalesStore(DataSource dataSource, OutboxRelayWorker relay) {
        this.dataSource = dataSource;
        this.relay = relay;
        this.clock = Clock.systemUTC();
    }

    @Override
    public Set<String> store(List<SaleLine> lines, List<RejectedSale> rejections) {
        if (lines.isEmpty() && rejections.isEmpty()) {
            return Set.of();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                var inserted = lines.isEmpty() ? Set.<String>of() : insert(c, lines);
                var records = new ArrayList<OutboxRecord>(inserted.size() + rejections.size());
                var now = ProtoDates.toProto(clock.instant());
                var emitted = new HashSet<String>();
                for (var line : lines) {
                    if (inserted.contains(line.sourceId()) && emitted.add(line.sourceId())) {
                        records.add(new OutboxRecord(SALES_TOPIC, line.seriesKey(), event(line, now).toByteArray()));
                    }
                }
                for (var r : rejections) {
                    records.add(new OutboxRecord(DLQ_TOPIC, r.seriesKey(), r.original(), deadLetterHeaders(r)));
                }
                outbox.append(c, records);
                c.commit();
                relay.wake();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store sales batch: " + e.getMessage(), e);
        }
    }

    private static Set<String> insert(Connection c, List<SaleLine> lines) throws SQLException {
        int n = lines.size();
        var sourceIds = new String[n];
        var skus = new String[n];
        var locations = new String[n];
        var dates = new String[n];
        var times = new String[n];
        var quantities = new Double[n];
        var prices = new Double[n];
        var currencies = new String[n];
        var kinds = new Short[n];
        var promos = new Boolean[n];
        var orders = new String[n];
        var customers = new String[n];
        for (int i = 0; i < n; i++) {
            var l = lines.get(i);
            sourceIds[i] = l.sourceId();
            skus[i] = l.skuId();
            locations[i] = l.locationId();
            dates[i] = l.businessDate().toString();
            times[i] = l.eventTime() == null ? null : l.eventTime().toString();
            quantities[i] = l.quantity();
            prices[i] = l.unitPrice();
            currencies[i] = l.currencyCode();
            kinds[i] = (short) (l.kind().ordinal() + 1); // the stockwise.v1.SaleKind number
            promos[i] = l.onPromotion();
            orders[i] = l.orderId();
            customers[i] = l.customerId();
        }
        try (var ps = c.prepareStatement(INSERT)) {
            ps.setArray(1, c.createArrayOf("text", sourceIds));
            ps.setArray(2, c.createArrayOf("text", skus));
            ps.setArray(3, c.createArrayOf("text", locations));
            ps.setArray(4, c.createArrayOf("text", dates));
            ps.setArray(5, c.createArrayOf("text", times));
            ps.setArray(6, c.createArrayOf("float8", quantities));
            ps.setArray(7, c.createArrayOf("float8", prices));
            ps.setArray(8, c.createArrayOf("text", currencies));
            ps.setArray(9, c.createArrayOf("int2", kinds));
            ps.setArray(10, c.createArrayOf("bool", promos));
            ps.setArray(11, c.createArrayOf("text", orders));
            ps.setArray(12, c.createArrayOf("text", customers));
            var inserted = new HashSet<String>(n * 2);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
            return inserted;
        }
    }

    private static SaleEvent event(SaleLine l, com.google.protobuf.Timestamp ingestTime) {
        return SaleEvent.newBuilder()
                .setEventId(l.sourceId())
                .setSeries(SeriesKey.newBuilder().setSkuId(l.skuId()).setLocationId(l.locationId()))
                .setBusinessDate(ProtoDates.toProto(l.businessDate()))
                .setQuantity(l.quantity())
                .setUnitPrice(l.unitPrice())
                .setCurrencyCode(l.currencyCode())
                .setKind(SaleKind.forNumber(l.kind().ordinal() + 1))
                .setOnPromotion(l.onPromotion())
                .setOrderId(l.orderId())
                .setIngestTime(ingestTime)
                .build();
    }

    private static Map<String, String> deadLetterHeaders(RejectedSale r) {
        var h = new LinkedHashMap<String, String>();
        h.put("stockwise.reason", r.violation().reason());
        h.put("stockwise.field", r.violation().field());
        h.put("stockwise.description", r.violation().description());
        h.put("stockwise.position", Long.toString(r.position()));
        return h;
    }

    /** Totals for GetIngestionStats. */
    public Stats stats() {
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("""
                        SELECT (SELECT count(*) FROM sale),
                               (SELECT count(*) FROM (SELECT DISTINCT sku_id, location_id FROM sale) s),
                               (SELECT count(*) FROM outbox),
                               (SELECT min(business_date) FROM sale),
                               (SELECT max(business_date) FROM sale)
                        """)) {
            rs.next();
            var first = rs.getDate(4);
            var last = rs.getDate(5);
            return new Stats(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                    first == null ? null : first.toLocalDate(), last == null ? null : last.toLocalDate());
        } catch (SQLException e) {
            throw new IllegalStateException("could not read ingestion stats: " + e.getMessage(), e);
        }
    }

    /** Ingestion totals. */
    public record Stats(long sales, long series, long outboxBacklog, java.time.LocalDate first, java.time.LocalDate last) {}
}
