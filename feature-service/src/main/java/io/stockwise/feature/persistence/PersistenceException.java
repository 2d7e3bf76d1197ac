package io.stockwise.feature.persistence;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;
import java.sql.SQLException;

/** The database could not be read or written: a bug (INTERNAL) unless {@link #wrap} finds it unreachable. */
public class PersistenceException extends RuntimeException {
    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The failure to raise for {@code e}: {@code UNAVAILABLE} (reason {@code DATABASE_UNAVAILABLE},
     * retryable) when the database is unreachable, shutting down or out of resources, or when no
     * pooled connection came in time; otherwise a {@link PersistenceException}.
     */
    public static RuntimeException wrap(String message, SQLException e) {
        var state = e.getSQLState();
        boolean unavailable = state == null
                ? e.getMessage() != null && e.getMessage().toLowerCase().contains("acquisition timeout")
                : state.startsWith("08") || state.startsWith("53") || state.startsWith("57P");
        if (unavailable) {
            var failure = new StockwiseException(ErrorCode.UNAVAILABLE, "DATABASE_UNAVAILABLE", "the database is unavailable");
            failure.initCause(e);
            return failure;
        }
        return new PersistenceException(message, e);
    }
}
