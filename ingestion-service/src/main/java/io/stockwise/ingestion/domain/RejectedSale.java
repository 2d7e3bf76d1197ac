package io.stockwise.ingestion.domain;

import io.stockwise.commons.error.FieldViolation;

/**
 * A record that failed validation: where it was in the stream, why, and its original bytes (for
 * the dead-letter topic).
 */
public record RejectedSale(long position, String sourceId, String seriesKey, FieldViolation violation, byte[] original) {}
