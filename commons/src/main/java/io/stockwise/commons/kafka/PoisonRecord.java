package io.stockwise.commons.kafka;

/**
 * Thrown by a consumer's handler for a record it can never process, however often it is retried
 * (unreadable, invalid, contradicting stored data): the {@link ConsumerLoop} dead-letters that
 * record with {@link #reason()} and moves on. Anything else a handler throws is taken as transient
 * (a database or broker away) and retried.
 */
public class PoisonRecord extends RuntimeException {
    private final String reason;

    public PoisonRecord(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public PoisonRecord(String reason, String message) {
        this(reason, message, null);
    }

    /** A stable upper-case reason, e.g. {@code UNREADABLE}. */
    public String reason() {
        return reason;
    }
}
