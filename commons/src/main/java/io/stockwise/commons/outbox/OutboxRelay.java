package io.stockwise.commons.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

/**
 * Publishes a service's outbox table to Kafka, oldest row first, and deletes what Kafka has
 * acknowledged, all inside one database transaction per batch.
 *
 * <p>Guarantees: a row is deleted only after Kafka acknowledged it ({@code acks=all}), so nothing
 * committed is lost while Kafka is down: rows wait and go out when it returns. Only one relay of a
 * service publishes at a time (a PostgreSQL advisory lock), which keeps per-key order across
 * replicas. Delivery is at least once: if the relay dies between Kafka's acknowledgement and the
 * commit, the batch is published again, so consumers deduplicate by event id.
 *
 * <p>No row stalls the outbox: a row Kafka refuses for good (too large, unserialisable) is moved to
 * {@code <table>_parked} with the reason, in the same transaction, and everything behind it flows
 * on. Parked rows are counted ({@link Backlog#parked()}), alerted on, and re-driven by hand once
 * fixed (docs/operations.md).
 */
public final class OutboxRelay implements RelayLoop.Source {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    private final DataSource dataSource;
    private final String table;
    private final String parkedTable;
    private final long lockId;
    private final int batchSize;
    private final Duration sendTimeout;

    /**
     * @param table the outbox table, optionally schema-qualified
     * @param batchSize rows published per transaction
     * @param sendTimeout how long to wait for Kafka to acknowledge a batch before giving up on it
     */
    public OutboxRelay(DataSource dataSource, String table, int batchSize, Duration sendTimeout) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.dataSource = dataSource;
        this.table = table;
        this.parkedTable = table + "_parked";
        this.lockId = ("stockwise-outbox:" + table).hashCode();
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
    }

    /**
     * Publishes one batch.
     *
     * @return rows published and deleted; 0 when the outbox is empty or another relay holds the lock
     * @throws OutboxPublishException when Kafka did not acknowledge the batch; nothing was deleted
     */
    @Override
    public int publishBatch(Producer<String, byte[]> producer) throws SQLException {
        return RelayTransaction.inLock(dataSource, lockId, c -> publishInTransaction(c, producer));
    }

    private int publishInTransaction(Connection c, Producer<String, byte[]> producer) throws SQLException {
        var ids = new ArrayList<Long>(batchSize);
        var sends = new ArrayList<Future<RecordMetadata>>(batchSize);
        try (var select = c.prepareStatement("SELECT id, topic, record_key, payload, header_keys, header_values FROM "
                + table + " ORDER BY id LIMIT ?")) {
            select.setInt(1, batchSize);
            try (var rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    var record = new ProducerRecord<String, byte[]>(rs.getString(2), rs.getString(3), rs.getBytes(4));
                    addHeaders(record, rs.getArray(5), rs.getArray(6));
                    sends.add(producer.send(record));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        producer.flush();
        var refused = RelayTransaction.awaitAllButRefused(sends, sendTimeout);
        if (!refused.isEmpty()) {
            park(c, ids, refused);
        }
        try (var delete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ANY(?)")) {
            delete.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            delete.executeUpdate();
        }
        return ids.size();
    }

    private void park(Connection c, List<Long> ids, Map<Integer, String> refused) throws SQLException {
        try (var park = c.prepareStatement("INSERT INTO " + parkedTable
                + " (id, topic, record_key, payload, header_keys, header_values, created_at, reason)"
                + " SELECT id, topic, record_key, payload, header_keys, header_values, created_at, ? FROM " + table
                + " WHERE id = ?")) {
            for (var e : refused.entrySet()) {
                park.setString(1, e.getValue());
                park.setLong(2, ids.get(e.getKey()));
                park.addBatch();
                LOG.warnf("Kafka refused outbox row %d of %s for good; parked in %s: %s", ids.get(e.getKey()), table,
                        parkedTable, e.getValue());
            }
            park.executeBatch();
        }
    }

    /** A full batch may have left more rows waiting. */
    @Override
    public boolean mayHaveMore(int published) {
        return published >= batchSize;
    }

    private static void addHeaders(ProducerRecord<String, byte[]> record, Array keys, Array values) throws SQLException {
        if (keys == null || values == null) {
            return;
        }
        var k = (String[]) keys.getArray();
        var v = (String[]) values.getArray();
        for (int i = 0; i < k.length; i++) {
            record.headers().add(new RecordHeader(k[i], v[i] == null ? null : v[i].getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Rows waiting and the age in seconds of the oldest one (0 when empty). */
    @Override
    public Backlog backlog() throws SQLException {
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0),"
                        + " (SELECT count(*) FROM " + parkedTable + ") FROM " + table)) {
            rs.next();
            return new Backlog(rs.getLong(1), rs.getDouble(2), rs.getLong(3));
        }
    }

    /**
     * What waits in the outbox.
     *
     * @param parked rows Kafka refused for good, waiting in the parked table for a fix
     */
    public record Backlog(long rows, double oldestAgeSeconds, long parked) {
        /** A backlog of a source that never parks. */
        public Backlog(long rows, double oldestAgeSeconds) {
            this(rows, oldestAgeSeconds, 0);
        }
    }

    /** Kafka did not acknowledge a batch; it stays in the outbox and is retried. */
    public static final class OutboxPublishException extends RuntimeException {
        public OutboxPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
