package io.stockwise.feature.persistence;

import io.stockwise.commons.outbox.OutboxConfig;
import io.stockwise.commons.outbox.OutboxRecord;
import io.stockwise.commons.outbox.OutboxWriter;
import io.stockwise.commons.persistence.Transactions;
import io.stockwise.feature.domain.DailyIncrement;
import io.stockwise.feature.domain.DemandBatch;
import io.stockwise.feature.domain.DemandChanges;
import io.stockwise.feature.domain.SaleFact;
import io.stockwise.feature.domain.SeriesChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Stores a consumed batch in one transaction: the lines (once per event id), the demand of the
 * lines not seen before, the series summaries, and the outbox records announcing the change.
 * Each step is one multi-row statement over arrays, whatever the batch size.
 */
@ApplicationScoped
public class SalesBatchWriter {
    private static final String INSERT_EVENTS = """
            INSERT INTO sale_event (event_id, sku_id, location_id, business_date, quantity, unit_price, kind, counted,
                                    ingest_time, on_promotion)
            SELECT e.event_id, e.sku_id, e.location_id, DATE '1970-01-01' + e.epoch_day, e.quantity, e.unit_price,
                   e.kind, e.counted, to_timestamp(e.ingest_epoch), e.on_promotion
              FROM unnest(?::text[], ?::text[], ?::text[], ?::int4[], ?::float8[], ?::float8[], ?::text[], ?::bool[],
                          ?::float8[], ?::bool[])
                   AS e(event_id, sku_id, location_id, epoch_day, quantity, unit_price, kind, counted, ingest_epoch,
                        on_promotion)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id
            """;

    // demand_days grows by the days that got their first row: an upserted row whose xmax is 0 was
    // inserted, one with an xmax was updated (the usual PostgreSQL idiom; it stays right when two
    // consumers race during a rebalance, unlike comparing with a snapshot taken beforehand).
    private static final String APPLY_INCREMENTS = """
            WITH inc AS (
                SELECT i.sku_id, i.location_id, DATE '1970-01-01' + i.epoch_day AS demand_date, i.quantity
                  FROM unnest(?::text[], ?::text[], ?::int4[], ?::float8[]) AS i(sku_id, location_id, epoch_day, quantity)
            ), upserted AS (
                INSERT INTO daily_demand AS d (sku_id, location_id, demand_date, quantity)
                SELECT sku_id, location_id, demand_date, quantity FROM inc
                ON CONFLICT (sku_id, location_id, demand_date) DO UPDATE SET quantity = d.quantity + EXCLUDED.quantity
                RETURNING d.sku_id, d.location_id, d.demand_date, (d.xmax = 0) AS new_day
            )
            INSERT INTO demand_series AS s (sku_id, location_id, first_demand_date, last_demand_date, total_quantity,
                                            demand_days, update_time)
            SELECT inc.sku_id, inc.location_id, min(inc.demand_date), max(inc.demand_date), sum(inc.quantity),
                   count(*) FILTER (WHERE upserted.new_day), now()
              FROM inc JOIN upserted USING (sku_id, location_id, demand_date)
             GROUP BY inc.sku_id, inc.location_id
            ON CONFLICT (sku_id, location_id) DO UPDATE SET
                first_demand_date = least(s.first_demand_date, EXCLUDED.first_demand_date),
                last_demand_date = greatest(s.last_demand_date, EXCLUDED.last_demand_date),
                total_quantity = s.total_quantity + EXCLUDED.total_quantity,
                demand_days = s.demand_days + EXCLUDED.demand_days,
                update_time = EXCLUDED.update_time
            """;

    private static final String INSERT_DEMAND_DAYS = """
            INSERT INTO demand_day (demand_date)
            SELECT DISTINCT DATE '1970-01-01' + d FROM unnest(?::int4[]) AS d
             ORDER BY 1
            ON CONFLICT (demand_date) DO NOTHING
            """;

    private final DataSource dataSource;
    private final OutboxWriter outbox;

    public SalesBatchWriter(DataSource dataSource, OutboxConfig outboxConfig) {
        this.dataSource = dataSource;
        this.outbox = new OutboxWriter(outboxConfig.table());
    }

    /**
     * Applies {@code batch} and appends {@code deadLetters} plus the records {@code announce}
     * makes of the changed series to the outbox, all in one transaction.
     *
     * @return what changed; nothing is stored when this throws
     */
    public DemandChanges write(DemandBatch batch, List<OutboxRecord> deadLetters,
            Function<List<SeriesChange>, List<OutboxRecord>> announce) throws SQLException {
        return Transactions.inTransaction(dataSource, c -> {
            var changes = batch.accept(insertEvents(c, batch.events()));
            applyIncrements(c, changes.increments());
            var records = new ArrayList<OutboxRecord>(deadLetters);
            records.addAll(announce.apply(changes.seriesChanges()));
            outbox.append(c, records);
            return changes;
        });
    }

    /**
     * Empties every table built from the sales topic (not the outbox), in one transaction, for a
     * rebuild from the topic's beginning.
     */
    public void reset() throws SQLException {
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("TRUNCATE sale_event, daily_demand, demand_series, demand_day");
        }
    }

    private static Set<String> insertEvents(Connection c, List<SaleFact> events) throws SQLException {
        if (events.isEmpty()) {
            return Set.of();
        }
        int n = events.size();
        var ids = new String[n];
        var skus = new String[n];
        var locations = new String[n];
        var days = new Integer[n];
        var quantities = new Double[n];
        var prices = new Double[n];
        var kinds = new String[n];
        var counted = new Boolean[n];
        var ingest = new Double[n];
        var promotion = new Boolean[n];
        for (int i = 0; i < n; i++) {
            var e = events.get(i);
            ids[i] = e.eventId();
            skus[i] = e.series().skuId();
            locations[i] = e.series().locationId();
            days[i] = Math.toIntExact(e.businessDate().toEpochDay());
            quantities[i] = e.quantity();
            prices[i] = e.unitPrice();
            kinds[i] = e.kind().name();
            counted[i] = e.isDemand();
            promotion[i] = e.onPromotion();
            ingest[i] = e.ingestTime() == null ? null : e.ingestTime().getEpochSecond() + e.ingestTime().getNano() / 1e9;
        }
        var inserted = new HashSet<String>();
        try (var ps = c.prepareStatement(INSERT_EVENTS)) {
            ps.setArray(1, c.createArrayOf("text", ids));
            ps.setArray(2, c.createArrayOf("text", skus));
            ps.setArray(3, c.createArrayOf("text", locations));
            ps.setArray(4, c.createArrayOf("int4", days));
            ps.setArray(5, c.createArrayOf("float8", quantities));
            ps.setArray(6, c.createArrayOf("float8", prices));
            ps.setArray(7, c.createArrayOf("text", kinds));
            ps.setArray(8, c.createArrayOf("bool", counted));
            ps.setArray(9, c.createArrayOf("float8", ingest));
            ps.setArray(10, c.createArrayOf("bool", promotion));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        return inserted;
    }

    private static void applyIncrements(Connection c, Collection<DailyIncrement> increments) throws SQLException {
        if (increments.isEmpty()) {
            return;
        }
        int n = increments.size();
        var skus = new String[n];
        var locations = new String[n];
        var days = new Integer[n];
        var quantities = new Double[n];
        int i = 0;
        for (var inc : increments) {
            skus[i] = inc.series().skuId();
            locations[i] = inc.series().locationId();
            days[i] = Math.toIntExact(inc.date().toEpochDay());
            quantities[i++] = inc.quantity();
        }
        try (var ps = c.prepareStatement(APPLY_INCREMENTS)) {
            ps.setArray(1, c.createArrayOf("text", skus));
            ps.setArray(2, c.createArrayOf("text", locations));
            ps.setArray(3, c.createArrayOf("int4", days));
            ps.setArray(4, c.createArrayOf("float8", quantities));
            ps.executeUpdate();
        }
        try (var ps = c.prepareStatement(INSERT_DEMAND_DAYS)) {
            ps.setArray(1, c.createArrayOf("int4", days));
            ps.executeUpdate();
        }
    }
}
