package io.stockwise.ingestion.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What is known about a sales record by its source id.
 *
 * @param published true when Kafka acknowledged its event
 */
public record RecordStatus(String sourceId, Instant ingestTime, boolean published, String skuId, String locationId,
        LocalDate businessDate, SaleKind kind) {}
