-- One row per Forecast request that produced forecasts.
CREATE TABLE forecast_run (
    id                   BIGSERIAL PRIMARY KEY,
    model                TEXT        NOT NULL,
    model_version        TEXT        NOT NULL,
    horizon_days         INTEGER     NOT NULL,
    -- The as-of day the request asked for; NULL when each series used its last day with demand.
    requested_as_of_date DATE,
    series_count         INTEGER     NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL
);

-- Every forecast produced, one row per series and run; payload is the stockwise.v1.SeriesForecast.
CREATE TABLE forecast (
    id            BIGSERIAL PRIMARY KEY,
    run_id        BIGINT      NOT NULL REFERENCES forecast_run (id) ON DELETE CASCADE,
    sku_id        TEXT        NOT NULL,
    location_id   TEXT        NOT NULL,
    as_of_date    DATE        NOT NULL,
    model         TEXT        NOT NULL,
    model_version TEXT        NOT NULL,
    horizon_days  INTEGER     NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    payload       BYTEA       NOT NULL
);

-- Latest forecasts of a series first.
CREATE INDEX forecast_series_created ON forecast (sku_id, location_id, created_at DESC);
CREATE INDEX forecast_run_id ON forecast (run_id);

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
