-- Every consumed sales line, once per event id: the deduplication key that makes redeliveries and
-- replays of stockwise.sales.v1 harmless. `counted` says whether the line added to daily_demand.
CREATE TABLE sale_event (
    event_id      TEXT PRIMARY KEY,
    sku_id        TEXT COLLATE "C" NOT NULL,
    location_id   TEXT COLLATE "C" NOT NULL,
    business_date DATE             NOT NULL,
    quantity      DOUBLE PRECISION NOT NULL,
    unit_price    DOUBLE PRECISION NOT NULL,
    kind          TEXT             NOT NULL,
    counted       BOOLEAN          NOT NULL,
    ingest_time   TIMESTAMPTZ,
    consume_time  TIMESTAMPTZ      NOT NULL DEFAULT now()
);

CREATE INDEX sale_event_series_date ON sale_event (sku_id, location_id, business_date);

-- Units demanded per series and day, sparse: a row only for days with demand.
-- "C" collation: series are ordered by code point everywhere (pages, streams), whatever the locale.
CREATE TABLE daily_demand (
    sku_id      TEXT COLLATE "C" NOT NULL,
    location_id TEXT COLLATE "C" NOT NULL,
    demand_date DATE             NOT NULL,
    quantity    DOUBLE PRECISION NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (sku_id, location_id, demand_date)
);

-- One row per series with demand: its active range and totals, kept with daily_demand.
CREATE TABLE demand_series (
    sku_id            TEXT COLLATE "C" NOT NULL,
    location_id       TEXT COLLATE "C" NOT NULL,
    first_demand_date DATE             NOT NULL,
    last_demand_date  DATE             NOT NULL,
    total_quantity    DOUBLE PRECISION NOT NULL,
    demand_days       INTEGER          NOT NULL,
    update_time       TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (sku_id, location_id)
);

-- Events waiting for the relay (see io.stockwise.commons.outbox.OutboxWriter).
CREATE TABLE outbox (
    id            BIGSERIAL PRIMARY KEY,
    topic         TEXT        NOT NULL,
    record_key    TEXT        NOT NULL,
    payload       BYTEA       NOT NULL,
    header_keys   TEXT[],
    header_values TEXT[],
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
