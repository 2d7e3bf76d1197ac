-- The outbox row that announced each sale (its id), so GetRecordStatus can tell whether the
-- relay has published it: the relay deletes a row once Kafka acknowledged it. NULL for rows
-- stored before this migration.
ALTER TABLE sale ADD COLUMN outbox_id BIGINT;

-- Reference data, one row per natural key; updated_at moves only when a value changed.
CREATE TABLE product (
    sku_id             TEXT PRIMARY KEY,
    name               TEXT             NOT NULL,
    group_id           TEXT             NOT NULL,
    unit_volume_liters DOUBLE PRECISION NOT NULL,
    updated_at         TIMESTAMPTZ      NOT NULL DEFAULT now()
);

CREATE TABLE location (
    location_id TEXT PRIMARY KEY,
    name        TEXT        NOT NULL,
    kind        SMALLINT    NOT NULL,
    time_zone   TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- location_id '' means every location.
CREATE TABLE calendar_event (
    event_date  DATE        NOT NULL,
    location_id TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    kind        SMALLINT    NOT NULL,
    trading_day BOOLEAN     NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (event_date, location_id, name)
);

CREATE TABLE price_period (
    sku_id        TEXT             NOT NULL,
    location_id   TEXT             NOT NULL,
    valid_from    DATE             NOT NULL,
    valid_to      DATE             NOT NULL,
    unit_price    DOUBLE PRECISION NOT NULL,
    currency_code TEXT             NOT NULL,
    on_promotion  BOOLEAN          NOT NULL,
    updated_at    TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (sku_id, location_id, valid_from)
);

-- on_order: [{"quantity": 12.0, "expected_arrival_date": "2026-01-31", "order_id": "PO-1"}, ...]
CREATE TABLE inventory_position (
    sku_id         TEXT             NOT NULL,
    location_id    TEXT             NOT NULL,
    observe_time   TIMESTAMPTZ      NOT NULL,
    on_hand        DOUBLE PRECISION NOT NULL,
    on_order_total DOUBLE PRECISION NOT NULL,
    on_order       JSONB            NOT NULL,
    updated_at     TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (sku_id, location_id, observe_time)
);

-- location_id '' means every location; lead_time_distribution: [{"days": 5, "probability": 0.5}, ...]
-- (empty when the mean and sd are given).
CREATE TABLE supply_terms (
    sku_id                 TEXT             NOT NULL,
    supplier_id            TEXT             NOT NULL,
    location_id            TEXT             NOT NULL,
    lead_time_mean_days    DOUBLE PRECISION NOT NULL,
    lead_time_sd_days      DOUBLE PRECISION NOT NULL,
    lead_time_distribution JSONB            NOT NULL,
    review_period_days     INTEGER          NOT NULL,
    min_order_quantity     DOUBLE PRECISION NOT NULL,
    case_pack              DOUBLE PRECISION NOT NULL,
    unit_cost              DOUBLE PRECISION NOT NULL,
    order_cost             DOUBLE PRECISION NOT NULL,
    currency_code          TEXT             NOT NULL,
    updated_at             TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (sku_id, supplier_id, location_id)
);
