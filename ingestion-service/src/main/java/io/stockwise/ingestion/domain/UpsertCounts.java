package io.stockwise.ingestion.domain;

/** What an upsert request changed: records created, updated, and equal to what was stored. */
public record UpsertCounts(int received, int created, int updated, int unchanged) {}
