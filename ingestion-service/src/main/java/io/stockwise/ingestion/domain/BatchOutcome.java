package io.stockwise.ingestion.domain;

import java.util.List;

/** What one batch of a stream came to. */
public record BatchOutcome(int received, int accepted, int duplicates, List<RejectedSale> rejections) {}
