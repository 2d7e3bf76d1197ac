package io.stockwise.ingestion.domain;

/** What a sales line records. Only {@link #SALE} is demand; the others are kept and published as facts. */
public enum SaleKind {
    /** Units ordered by a customer. */
    SALE,
    /** Units of an earlier order cancelled before shipping. */
    CANCELLATION,
    /** Units returned after delivery. */
    RETURN,
    /** A stock write-off or correction booked as a sales line. */
    ADJUSTMENT
}
