-- Outbox rows Kafka refused for good (too large for it, unserialisable): the relay moves them here
-- with the reason, in the transaction that publishes the rows around them, so nothing stalls
-- behind them (io.stockwise.commons.outbox.OutboxRelay). Counted in
-- stockwise_outbox_parked_records and alerted on (StockwiseOutboxParked). Re-drive a fixed row:
--   INSERT INTO outbox (topic, record_key, payload, header_keys, header_values, created_at)
--       SELECT topic, record_key, payload, header_keys, header_values, created_at FROM outbox_parked WHERE id = <id>;
--   DELETE FROM outbox_parked WHERE id = <id>;
CREATE TABLE outbox_parked (
    id            BIGINT PRIMARY KEY,
    topic         TEXT        NOT NULL,
    record_key    TEXT        NOT NULL,
    payload       BYTEA       NOT NULL,
    header_keys   TEXT[],
    header_values TEXT[],
    created_at    TIMESTAMPTZ NOT NULL,
    reason        TEXT        NOT NULL,
    parked_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
