package io.stockwise.feature.domain;

/** What a sales line records; only {@link #SALE} can be demand. */
public enum SaleKind {
    /** Units ordered by a customer (also what an unspecified kind means). */
    SALE,
    /** Units of an earlier order cancelled before shipping. */
    CANCELLATION,
    /** Units returned after delivery. */
    RETURN,
    /** A stock write-off or correction booked as a sales line. */
    ADJUSTMENT,
    /** A kind this version does not know (sent by a newer producer); never demand. */
    UNKNOWN
}
