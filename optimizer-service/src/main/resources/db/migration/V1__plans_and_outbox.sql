-- One row per plan made by PlanReplenishment.
CREATE TABLE plan (
    plan_id     UUID PRIMARY KEY,
    create_time TIMESTAMPTZ NOT NULL,
    line_count  INTEGER     NOT NULL
);

-- The lines of a plan, in request order, with every figure that explains them (units, days).
CREATE TABLE plan_line (
    plan_id                UUID             NOT NULL REFERENCES plan (plan_id) ON DELETE CASCADE,
    line_no                INTEGER          NOT NULL,
    sku_id                 TEXT             NOT NULL,
    location_id            TEXT             NOT NULL,
    order_quantity         DOUBLE PRECISION NOT NULL,
    raw_order_quantity     DOUBLE PRECISION NOT NULL,
    rounding               TEXT             NOT NULL,
    order_up_to_level      DOUBLE PRECISION NOT NULL,
    reorder_point          DOUBLE PRECISION NOT NULL,
    safety_stock           DOUBLE PRECISION NOT NULL,
    expected_demand        DOUBLE PRECISION NOT NULL,
    inventory_position     DOUBLE PRECISION NOT NULL,
    lead_time_days         INTEGER          NOT NULL,
    review_period_days     INTEGER          NOT NULL,
    cycle_service_level    DOUBLE PRECISION NOT NULL,
    case_pack              BIGINT           NOT NULL,
    min_order_quantity     DOUBLE PRECISION NOT NULL,
    unit_cost              DOUBLE PRECISION NOT NULL,
    order_value            DOUBLE PRECISION NOT NULL,
    forecast_model         TEXT             NOT NULL,
    forecast_model_version TEXT             NOT NULL,
    explanation            TEXT             NOT NULL,
    PRIMARY KEY (plan_id, line_no)
);

-- The latest plans of a series.
CREATE INDEX plan_line_series ON plan_line (sku_id, location_id);

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
