-- The SaleEvents of one IngestSales message, as one row (io.stockwise.ingestion.persistence.EventBatch),
-- written in the transaction that stores the sales (whose outbox_id is this id, taken from the
-- outbox's sequence so ids never collide with outbox rows). The sale-event relay publishes each
-- event to stockwise.sales.v1 and deletes the row once Kafka acknowledged them all. One row per
-- message instead of one outbox row per sale keeps the database work per sale close to a COPY.
CREATE TABLE sale_event_batch (
    id         BIGINT PRIMARY KEY,
    records    INTEGER     NOT NULL,
    payload    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Stored out of line without compression: the payload is written once and read once.
ALTER TABLE sale_event_batch ALTER COLUMN payload SET STORAGE EXTERNAL;
