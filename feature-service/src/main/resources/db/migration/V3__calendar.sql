-- The shop calendar consumed from stockwise.calendar.v1 (ingestion's CalendarEventEvent), one row
-- per natural key (event_date, location_id, name) as ingestion keys it; location_id '' = every
-- location. Redelivered or replayed events upsert the same row; an event ingested earlier than the
-- stored one never overwrites it.
CREATE TABLE calendar_event (
    event_date   DATE NOT NULL,
    location_id  TEXT COLLATE "C" NOT NULL,
    name         TEXT COLLATE "C" NOT NULL,
    kind         TEXT NOT NULL,
    trading_day  BOOLEAN NOT NULL,
    ingest_time  TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (event_date, location_id, name)
);
