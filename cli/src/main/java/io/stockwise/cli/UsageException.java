package io.stockwise.cli;

/**
 * The command line asks for something that cannot be done as asked (bad address, unknown service,
 * malformed JSON...). {@code stockwise} prints {@code error: <message>} and exits with {@link
 * StockwiseCommand#EXIT_USAGE}.
 */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
