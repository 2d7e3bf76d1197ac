package io.stockwise.ingestion.domain;

/**
 * A holiday, event or closure on one day, keyed by (date, location, name).
 *
 * @param locationId the location, or empty for every location
 * @param kindNumber the wire value of {@code stockwise.v1.CalendarEventKind}: 1 holiday, 2 event, 3 closure
 * @param tradingDay true when the location(s) trade that day
 */
public record CalendarEntry(DayInput date, String locationId, int kindNumber, String name, boolean tradingDay) {}
