package io.stockwise.ingestion.persistence;

import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.commons.outbox.OutboxRecord;
import io.stockwise.commons.outbox.OutboxRelayWorker;
import io.stockwise.commons.outbox.OutboxWriter;
import io.stockwise.ingestion.domain.RecordStatus;
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
import java.util.Optional;
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

    /**
     * One round trip per batch: the lines travel as arrays; the new ones are inserted, each taking
     * an outbox id (in stream order, so one series' events keep their order), and their events
     * (built in Java, passed as payloads) are inserted into the outbox with those ids.
     */
    private static final String INSERT = """
            WITH input AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]::date[], ?::text[]::timestamptz[],
                                     ?::float8[], ?::float8[], ?::text[], ?::int2[], ?::bool[], ?::text[], ?::text[], ?::bytea[])
                       WITH ORDINALITY AS u(source_id, sku_id, location_id, business_date, event_time, quantity, unit_price,
                                            currency_code, kind, on_promotion, order_id, customer_id, payload, ord)
            ), ins AS (
                INSERT INTO sale (source_id, sku_id, location_id, business_date, event_time, quantity, unit_price,
                                  currency_code, kind, on_promotion, order_id, customer_id, outbox_id)
                SELECT source_id, sku_id, location_id, business_date, event_time, quantity, unit_price,
                       currency_code, kind, on_promotion, order_id, customer_id, nextval('outbox_id_seq')
                FROM input ORDER BY ord
                ON CONFLICT (source_id) DO NOTHING
                RETURNING source_id, outbox_id
            ), pub AS (
                INSERT INTO outbox (id, topic, record_key, payload)
                SELECT ins.outbox_id, 'stockwise.sales.v1', i.sku_id || '/' || i.location_id, i.payload
                FROM ins JOIN input i ON i.source_id = ins.source_id
                RETURNING id
            )
            SELECT source_id FROM ins
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
                var now = ProtoDates.toProto(clock.instant());
                var inserted = lines.isEmpty() ? Set.<String>of() : insert(c, lines, now);
                var records = new ArrayList<OutboxRecord>(rejections.size());
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

    private static Set<String> insert(Connection c, List<SaleLine> all, com.google.protobuf.Timestamp now) throws SQLException {
        // A source id twice in one batch: the first occurrence counts, the others are duplicates.
        var seen = new HashSet<String>(all.size() * 2);
        var lines = new ArrayList<SaleLine>(all.size());
        for (var l : all) {
            if (seen.add(l.sourceId())) {
                lines.add(l);
            }
        }
        int n = lines.size();
        var payloads = new byte[n][];
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
            payloads[i] = event(l, now).toByteArray();
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
            ps.setArray(13, c.createArrayOf("bytea", payloads));
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

    @Override
    public Optional<RecordStatus> status(String sourceId) {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("""
                        SELECT s.ingest_time, s.sku_id, s.location_id, s.business_date, s.kind,
                               CASE WHEN s.outbox_id IS NULL
                                    THEN NOT EXISTS (SELECT 1 FROM outbox o WHERE o.topic = 'stockwise.sales.v1' AND o.created_at <= s.ingest_time)
                                    ELSE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.id = s.outbox_id) END
                        FROM sale s WHERE s.source_id = ?
                        """)) {
            ps.setString(1, sourceId);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RecordStatus(sourceId, rs.getTimestamp(1).toInstant(), rs.getBoolean(6), rs.getString(2),
                        rs.getString(3), rs.getDate(4).toLocalDate(), io.stockwise.ingestion.domain.SaleKind.values()[rs.getShort(5) - 1]));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read record status: " + e.getMessage(), e);
        }
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
