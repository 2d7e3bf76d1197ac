package io.stockwise.commons.outbox;

import io.stockwise.commons.persistence.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What every relay batch does around its own reading and deleting: one transaction that holds a
 * PostgreSQL advisory lock (so one relay of a service publishes at a time, keeping per-key order
 * across replicas), and waiting for Kafka's acknowledgement of every send before the delete.
 */
public final class RelayTransaction {
    private RelayTransaction() {}

    /** The work of one batch, inside the transaction and the lock. */
    @FunctionalInterface
    public interface Work {
        /** @return events published */
        int run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction holding advisory lock {@code lockId}; commits it, or rolls
     * it back on any failure.
     *
     * @return what the work published; 0 without running it when another relay holds the lock
     */
    public static int inLock(DataSource dataSource, long lockId, Work work) throws SQLException {
        return Transactions.inTransaction(dataSource, c -> tryLock(c, lockId) ? work.run(c) : 0);
    }

    private static boolean tryLock(Connection c, long lockId) throws SQLException {
        try (var lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, lockId);
            try (var rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Like {@link #awaitAll}, but a send Kafka refuses for good (the record is too large or cannot
     * be serialised: {@link #refusedForGood}) does not fail the batch: its index comes back with
     * the reason, for the caller to park the row. Any other failure or a timeout throws.
     *
     * @return the index of each send refused for good, with its reason; empty when all were acknowledged
     */
    public static java.util.Map<Integer, String> awaitAllButRefused(List<Future<RecordMetadata>> sends, Duration timeout) {
        var refused = new java.util.TreeMap<Integer, String>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (!refusedForGood(e.getCause())) {
                    throw new OutboxRelay.OutboxPublishException("Kafka rejected a record", e.getCause());
                }
                refused.put(i, e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                throw new OutboxRelay.OutboxPublishException("Kafka did not acknowledge the batch within " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OutboxRelay.OutboxPublishException("interrupted while publishing", e);
            }
        }
        return refused;
    }

    /**
     * Whether Kafka refuses this record however often it is sent: too large for the producer or the
     * broker, unserialisable, or an invalid topic or record. Retriable errors, authorisation and
     * broker outages are not: those rows wait.
     */
    static boolean refusedForGood(Throwable t) {
        return t instanceof org.apache.kafka.common.errors.RecordTooLargeException
                || t instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
                || t instanceof org.apache.kafka.common.errors.SerializationException
                || t instanceof org.apache.kafka.common.InvalidRecordException
                || t instanceof org.apache.kafka.common.errors.InvalidTopicException;
    }

    /**
     * Waits until Kafka acknowledged every send, within {@code timeout} for all of them.
     *
     * @throws OutboxRelay.OutboxPublishException when a send failed or was not acknowledged in time
     */
    public static void awaitAll(List<Future<RecordMetadata>> sends, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (var f : sends) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new OutboxRelay.OutboxPublishException("Kafka rejected a record", e.getCause());
            } catch (TimeoutException e) {
                throw new OutboxRelay.OutboxPublishException("Kafka did not acknowledge the batch within " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OutboxRelay.OutboxPublishException("interrupted while publishing", e);
            }
        }
    }
}
