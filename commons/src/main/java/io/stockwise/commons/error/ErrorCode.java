package io.stockwise.commons.error;

/**
 * The canonical failure classes a domain can raise. Each maps to exactly one gRPC status code
 * (see {@code io.stockwise.commons.grpc.GrpcErrors}); anything not raised as a {@link
 * StockwiseException} is an internal error.
 */
public enum ErrorCode {
    /** The request is malformed or a field is invalid: {@code INVALID_ARGUMENT}. */
    INVALID_ARGUMENT,
    /** A named entity does not exist: {@code NOT_FOUND}. */
    NOT_FOUND,
    /** The system is not in a state that allows the operation: {@code FAILED_PRECONDITION}. */
    FAILED_PRECONDITION,
    /** A limit or a queue is full: {@code RESOURCE_EXHAUSTED}. */
    RESOURCE_EXHAUSTED,
    /** A model or a dependency is down; the call may be retried: {@code UNAVAILABLE}. */
    UNAVAILABLE
}
