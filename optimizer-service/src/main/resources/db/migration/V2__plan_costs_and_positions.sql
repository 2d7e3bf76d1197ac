-- Costs of a plan and the whole answer, for GetPlan and ListPlans.
ALTER TABLE plan
    ADD COLUMN order_line_count            INTEGER          NOT NULL DEFAULT 0,
    ADD COLUMN expected_cost               DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN unconstrained_expected_cost DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN order_value                 DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN unconstrained_order_value   DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN cost_lower_bound            DOUBLE PRECISION NOT NULL DEFAULT 0,
    -- The PlanReplenishmentResponse as answered (protobuf binary); NULL for plans made before V2.
    ADD COLUMN response                    BYTEA;

-- ListPlans pages newest first.
CREATE INDEX plan_newest ON plan (create_time DESC, plan_id DESC);

-- What each line's order achieves and costs (see PlanLine in replenishment_service.proto).
ALTER TABLE plan_line
    ADD COLUMN expected_fill_rate           DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN expected_holding_cost        DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN expected_shortage_cost       DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN unconstrained_order_quantity DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN quantile_level               DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN binding_constraint_group_id  TEXT             NOT NULL DEFAULT '';

-- The latest stock position of each series, from stockwise.inventory.v1 (newest observe_time wins).
CREATE TABLE inventory_position (
    sku_id          TEXT               NOT NULL,
    location_id     TEXT               NOT NULL,
    on_hand         DOUBLE PRECISION   NOT NULL,
    on_order        DOUBLE PRECISION   NOT NULL,
    -- Open orders: units and expected arrival day, index by index.
    open_quantities DOUBLE PRECISION[] NOT NULL,
    open_arrivals   DATE[]             NOT NULL,
    observe_time    TIMESTAMPTZ        NOT NULL,
    event_id        TEXT               NOT NULL,
    PRIMARY KEY (sku_id, location_id)
);

-- Forecasts already re-planned from stockwise.forecasts.v1, so a redelivered forecast plans nothing.
CREATE TABLE forecast_replan (
    sku_id               TEXT        NOT NULL,
    location_id          TEXT        NOT NULL,
    forecast_create_time TIMESTAMPTZ NOT NULL,
    plan_id              UUID,
    PRIMARY KEY (sku_id, location_id, forecast_create_time)
);
