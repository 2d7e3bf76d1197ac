package io.stockwise.ingestion.persistence;

import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.commons.outbox.OutboxRecord;
import io.stockwise.commons.outbox.OutboxRelayWorker;
import io.stockwise.commons.outbox.OutboxWriter;
import io.stockwise.ingestion.domain.RecordStatus;
import io.stockwise.ingestion.domain.RejectedSale;
import io.stockwise.ingestion.domain.SaleLine;
import io.stockwise.ingestion.domain.SalesStore;
import io.stockwise.ingestion.messaging.SaleEventRelay;
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
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Stores sales lines and their events in one transaction per batch: the new lines are written with
 * one binary {@code COPY} into {@code sale}, and their events, in stream order, as one
 * {@code sale_event_batch} row (the sale-event relay publishes them); the dead letters go to the
 * outbox. Duplicates (by source id) are looked up first when they are expected, and otherwise
 * caught by the primary key, which makes the batch retry with {@code INSERT ... ON CONFLICT DO NOTHING}.
 */
@ApplicationScoped
public class JdbcSalesStore implements SalesStore {
    public static final String SALES_TOPIC = "stockwise.sales.v1";
    public static final String DLQ_TOPIC = "stockwise.sales.dlq.v1";
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String EXISTING = "SELECT source_id FROM sale WHERE source_id = ANY(?)";
    /** The batch id comes from the outbox's sequence, so it never equals an outbox row's id (GetRecordStatus). */
    private static final String INSERT_BATCH =
            "INSERT INTO sale_event_batch (id, records, payload) VALUES (nextval('outbox_id_seq'), ?, ?) RETURNING id";
    private static final String NEXT_ID = "SELECT nextval('outbox_id_seq')";
    private static final String COPY_SALE = "COPY sale (source_id, sku_id, location_id, business_date, event_time, quantity,"
            + " unit_price, currency_code, kind, on_promotion, order_id, customer_id, outbox_id) FROM STDIN (FORMAT binary)";

    /**
     * The fallback when the COPY met a stored source id (a duplicate not looked up, or one a
     * concurrent stream stored meanwhile): the COPY fails on the primary key and the transaction is
     * retried with this one array-bound statement, which inserts the new lines and says which they were.
     */
    private static final String INSERT_SKIPPING_CONFLICTS = """
            INSERT INTO sale (source_id, sku_id, location_id, business_date, event_time, quantity, unit_price,
                              currency_code, kind, on_promotion, order_id, customer_id, outbox_id)
            SELECT source_id, sku_id, location_id, business_date, event_time, quantity, unit_price,
                   currency_code, kind, on_promotion, order_id, customer_id, ?
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]::date[], ?::text[]::timestamptz[],
                        ?::float8[], ?::float8[], ?::text[], ?::int2[], ?::bool[], ?::text[], ?::text[])
                 AS u(source_id, sku_id, location_id, business_date, event_time, quantity, unit_price,
                      currency_code, kind, on_promotion, order_id, customer_id)
            ON CONFLICT (source_id) DO NOTHING
            RETURNING source_id
            """;

    private final DataSource dataSource;
    private final OutboxWriter outbox = new OutboxWriter("outbox");
    private final OutboxRelayWorker relay;
    private final SaleEventRelay eventRelay;
    private final Clock clock;
    /** Whether the last batch met stored source ids: then the next looks them up before its COPY. */
    private volatile boolean expectDuplicates = true;

    public JdbcSalesStore(DataSource dataSource, OutboxRelayWorker relay, SaleEventRelay eventRelay) {
        this.dataSource = dataSource;
        this.relay = relay;
        this.eventRelay = eventRelay;
        this.clock = Clock.systemUTC();
    }

    @Override
    public Set<String> store(List<SaleLine> all, List<RejectedSale> rejections) {
        if (all.isEmpty() && rejections.isEmpty()) {
            return Set.of();
        }
        // A source id twice in one batch: the first occurrence counts, the others are duplicates.
        var seen = new HashSet<String>(all.size() * 2);
        var lines = new ArrayList<SaleLine>(all.size());
        for (var l : all) {
            if (seen.add(l.sourceId())) {
                lines.add(l);
            }
        }
        var now = ProtoDates.toProto(clock.instant());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Set<String> inserted;
            try {
                inserted = lines.isEmpty() ? Set.of() : copyNew(c, lines, now);
                appendDeadLetters(c, rejections);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                expectDuplicates = true;
                try {
                    inserted = insertSkippingConflicts(c, lines, now);
                    appendDeadLetters(c, rejections);
                    c.commit();
                } catch (SQLException | RuntimeException retry) {
                    c.rollback();
                    throw retry;
                }
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
            if (!rejections.isEmpty()) {
                relay.wake();
            }
            if (!inserted.isEmpty()) {
                eventRelay.wake();
            }
            return inserted;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store sales batch: " + e.getMessage(), e);
        }
    }

    private void appendDeadLetters(Connection c, List<RejectedSale> rejections) throws SQLException {
        var records = new ArrayList<OutboxRecord>(rejections.size());
        for (var r : rejections) {
            records.add(new OutboxRecord(DLQ_TOPIC, r.seriesKey(), r.original(), deadLetterHeaders(r)));
        }
        outbox.append(c, records);
    }

    /**
     * COPYs the new lines and their events. Which lines are stored already is looked up first only
     * while duplicates are being seen (a re-import, a resend after a failure); otherwise the batch is
     * assumed new and a duplicate makes the COPY fail on the primary key (caller retries).
     */
    private Set<String> copyNew(Connection c, List<SaleLine> lines, com.google.protobuf.Timestamp now) throws SQLException {
        var fresh = lines;
        if (expectDuplicates) {
            var ids = new String[lines.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = lines.get(i).sourceId();
            }
            var existing = new HashSet<String>();
            try (var ps = c.prepareStatement(EXISTING)) {
                ps.setArray(1, c.createArrayOf("text", ids));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        existing.add(rs.getString(1));
                    }
                }
            }
            expectDuplicates = !existing.isEmpty();
            fresh = existing.isEmpty() ? lines : lines.stream().filter(l -> !existing.contains(l.sourceId())).toList();
        }
        if (fresh.isEmpty()) {
            return Set.of();
        }
        int n = fresh.size();
        var events = new EventBatch(n * 128);
        var sales = new BinaryCopyRows(n * 160);
        var inserted = new HashSet<String>(n * 2);
        for (var l : fresh) {
            events.add(l.seriesKey(), event(l, now).toByteArray());
        }
        long batchId = insertBatch(c, events);
        for (var l : fresh) {
            sales.row(13).text(l.sourceId()).text(l.skuId()).text(l.locationId()).date(l.businessDate())
                    .timestamptz(l.eventTime()).float8(l.quantity()).float8(l.unitPrice()).text(l.currencyCode())
                    .int2((short) (l.kind().ordinal() + 1)) // the stockwise.v1.SaleKind number
                    .bool(l.onPromotion()).text(l.orderId()).text(l.customerId()).int8(batchId);
            inserted.add(l.sourceId());
        }
        copyIn(c.unwrap(PGConnection.class).getCopyAPI(), COPY_SALE, sales);
        return inserted;
    }

    /** Inserts the events as one sale_event_batch row; returns its id. */
    private static long insertBatch(Connection c, EventBatch events) throws SQLException {
        try (var ps = c.prepareStatement(INSERT_BATCH)) {
            ps.setInt(1, events.count());
            ps.setBytes(2, events.toByteArray());
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void copyIn(CopyManager copy, String sql, BinaryCopyRows rows) throws SQLException {
        var in = copy.copyIn(sql);
        try {
            var bytes = rows.finish();
            in.writeToCopy(bytes, 0, rows.length());
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static Set<String> insertSkippingConflicts(Connection c, List<SaleLine> lines, com.google.protobuf.Timestamp now)
            throws SQLException {
        long batchId;
        try (var st = c.createStatement(); var rs = st.executeQuery(NEXT_ID)) {
            rs.next();
            batchId = rs.getLong(1);
        }
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
        var inserted = new HashSet<String>(n * 2);
        try (var ps = c.prepareStatement(INSERT_SKIPPING_CONFLICTS)) {
            ps.setLong(1, batchId);
            ps.setArray(2, c.createArrayOf("text", sourceIds));
            ps.setArray(3, c.createArrayOf("text", skus));
            ps.setArray(4, c.createArrayOf("text", locations));
            ps.setArray(5, c.createArrayOf("text", dates));
            ps.setArray(6, c.createArrayOf("text", times));
            ps.setArray(7, c.createArrayOf("float8", quantities));
            ps.setArray(8, c.createArrayOf("float8", prices));
            ps.setArray(9, c.createArrayOf("text", currencies));
            ps.setArray(10, c.createArrayOf("int2", kinds));
            ps.setArray(11, c.createArrayOf("bool", promos));
            ps.setArray(12, c.createArrayOf("text", orders));
            ps.setArray(13, c.createArrayOf("text", customers));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        if (!inserted.isEmpty()) {
            var events = new EventBatch(inserted.size() * 128);
            for (var l : lines) {
                if (inserted.contains(l.sourceId())) {
                    events.add(l.seriesKey(), event(l, now).toByteArray());
                }
            }
            try (var ps = c.prepareStatement("INSERT INTO sale_event_batch (id, records, payload) VALUES (?, ?, ?)")) {
                ps.setLong(1, batchId);
                ps.setInt(2, events.count());
                ps.setBytes(3, events.toByteArray());
                ps.executeUpdate();
            }
        }
        return inserted;
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
                                    ELSE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.id = s.outbox_id)
                                         AND NOT EXISTS (SELECT 1 FROM sale_event_batch b WHERE b.id = s.outbox_id) END
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
                               (SELECT count(*) FROM outbox) + (SELECT COALESCE(sum(records), 0) FROM sale_event_batch),
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
