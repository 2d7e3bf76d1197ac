package io.stockwise.ingestion.domain;

/**
 * A store, warehouse or web shop, keyed by {@code locationId}.
 *
 * @param kindNumber the wire value of {@code stockwise.v1.LocationKind}: 1 store, 2 warehouse, 3 web shop
 * @param timeZone an IANA zone id, or empty
 */
public record Location(String locationId, String name, int kindNumber, String timeZone) {}
