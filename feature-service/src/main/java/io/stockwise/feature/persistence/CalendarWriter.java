package io.stockwise.feature.persistence;

import io.stockwise.feature.domain.CalendarEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** Stores shop-calendar entries, one transaction per batch, upserted by their natural key. */
@ApplicationScoped
public class CalendarWriter {
    // Idempotent: a redelivery rewrites the same values; an older ingestion never overwrites a newer one.
    private static final String UPSERT = """
            INSERT INTO calendar_event (event_date, location_id, name, kind, trading_day, ingest_time)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_date, location_id, name) DO UPDATE
               SET kind = EXCLUDED.kind, trading_day = EXCLUDED.trading_day,
                   ingest_time = EXCLUDED.ingest_time, updated_at = now()
             WHERE calendar_event.ingest_time <= EXCLUDED.ingest_time
            """;

    /** An entry with the time ingestion stored it. */
    public record Stamped(CalendarEntry entry, Instant ingestTime) {}

    private final DataSource dataSource;

    public CalendarWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Upserts {@code entries} in one transaction. */
    public void write(List<Stamped> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (var c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var ps = c.prepareStatement(UPSERT)) {
                for (var s : entries) {
                    var e = s.entry();
                    ps.setDate(1, Date.valueOf(e.date()));
                    ps.setString(2, e.locationId());
                    ps.setString(3, e.name());
                    ps.setString(4, e.kind().name());
                    ps.setBoolean(5, e.tradingDay());
                    ps.setTimestamp(6, Timestamp.from(s.ingestTime()));
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
