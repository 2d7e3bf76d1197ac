package io.stockwise.ingestion.domain;

/**
 * A product of the catalog, keyed by {@code skuId}.
 *
 * @param unitVolumeLiters volume of one unit in litres; 0 means unknown
 */
public record Product(String skuId, String name, String groupId, double unitVolumeLiters) {}
