package io.stockwise.commons.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Writes outbox rows on the caller's connection, inside the caller's transaction, so the facts
 * and the events that announce them commit or roll back together.
 *
 * <p>Every service's Flyway migration creates its outbox table with this shape:
 *
 * <pre>
 * CREATE TABLE outbox (
 *     id            BIGSERIAL PRIMARY KEY,
 *     topic         TEXT        NOT NULL,
 *     record_key    TEXT        NOT NULL,
 *     payload       BYTEA       NOT NULL,
 *     header_keys   TEXT[],
 *     header_values TEXT[],
 *     created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
 * );
 * </pre>
 */
public final class OutboxWriter {
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    private static final int BATCH = 1000;

    private final String insertSql;

    /** @param table the outbox table, optionally schema-qualified ({@code ingestion.outbox}) */
    public OutboxWriter(String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.insertSql = "INSERT INTO " + table
                + " (topic, record_key, payload, header_keys, header_values) VALUES (?, ?, ?, ?, ?)";
    }

    /** Appends the records in order, in JDBC batches; does not commit. */
    public void append(Connection connection, Collection<OutboxRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        try (var ps = connection.prepareStatement(insertSql)) {
            int pending = 0;
            for (var r : records) {
                ps.setString(1, r.topic());
                ps.setString(2, r.key());
                ps.setBytes(3, r.payload());
                if (r.headers().isEmpty()) {
                    ps.setNull(4, java.sql.Types.ARRAY);
                    ps.setNull(5, java.sql.Types.ARRAY);
                } else {
                    var keys = r.headers().keySet().toArray(String[]::new);
                    var values = new String[keys.length];
                    for (int i = 0; i < keys.length; i++) {
                        values[i] = r.headers().get(keys[i]);
                    }
                    ps.setArray(4, connection.createArrayOf("text", keys));
                    ps.setArray(5, connection.createArrayOf("text", values));
                }
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }
}
