package io.stockwise.commons.security;

import java.util.Set;

/** Checks a bearer token and says who holds it. */
public interface TokenVerifier {
    /** The caller a valid token names. */
    record Caller(String name, Set<String> roles) {}

    /** Thrown for a token that is malformed, badly signed, expired or for someone else. */
    final class InvalidToken extends Exception {
        public InvalidToken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    Caller verify(String token) throws InvalidToken;
}
