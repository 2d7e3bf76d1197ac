-- Raw sales lines as accepted, one row per source id (the deduplication key).
CREATE TABLE sale (
    source_id     TEXT PRIMARY KEY,
    sku_id        TEXT             NOT NULL,
    location_id   TEXT             NOT NULL,
    business_date DATE             NOT NULL,
    event_time    TIMESTAMPTZ,
    quantity      DOUBLE PRECISION NOT NULL,
    unit_price    DOUBLE PRECISION NOT NULL,
    currency_code TEXT             NOT NULL,
    kind          SMALLINT         NOT NULL,
    on_promotion  BOOLEAN          NOT NULL,
    order_id      TEXT             NOT NULL,
    customer_id   TEXT             NOT NULL,
    ingest_time   TIMESTAMPTZ      NOT NULL DEFAULT now()
);

CREATE INDEX sale_series_date ON sale (sku_id, location_id, business_date);

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
