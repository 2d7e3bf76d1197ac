-- Supply terms per SKU, supplier and location from stockwise.supply.v1 (location '*' = every location);
-- the newest ingest_time wins.
CREATE TABLE supply_terms (
    sku_id                 TEXT               NOT NULL,
    location_id            TEXT               NOT NULL,
    supplier_id            TEXT               NOT NULL,
    lead_time_mean_days    DOUBLE PRECISION   NOT NULL,
    lead_time_sd_days      DOUBLE PRECISION   NOT NULL,
    -- Empirical lead-time distribution: days and probability, index by index; empty when the mean is given.
    lead_time_days         INTEGER[]          NOT NULL,
    lead_time_probabilities DOUBLE PRECISION[] NOT NULL,
    review_period_days     INTEGER            NOT NULL,
    min_order_quantity     DOUBLE PRECISION   NOT NULL,
    case_pack              DOUBLE PRECISION   NOT NULL,
    unit_cost              DOUBLE PRECISION   NOT NULL,
    order_cost             DOUBLE PRECISION   NOT NULL,
    currency_code          TEXT               NOT NULL,
    ingest_time            TIMESTAMPTZ        NOT NULL,
    PRIMARY KEY (sku_id, location_id, supplier_id)
);
