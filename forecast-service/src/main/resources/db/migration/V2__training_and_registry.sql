-- Training jobs (TrainModel); kept so a restart can fail the job it interrupted.
CREATE TABLE training_job (
    id            BIGSERIAL PRIMARY KEY,
    status        TEXT             NOT NULL,
    progress      DOUBLE PRECISION NOT NULL DEFAULT 0,
    message       TEXT             NOT NULL DEFAULT '',
    model_version TEXT,
    horizon_days  INTEGER          NOT NULL,
    as_of_date    DATE,
    seed          BIGINT           NOT NULL,
    epochs        INTEGER          NOT NULL,
    created_at    TIMESTAMPTZ      NOT NULL,
    updated_at    TIMESTAMPTZ      NOT NULL
);

-- At most one job queued or running.
CREATE UNIQUE INDEX training_job_one_active ON training_job ((true)) WHERE status IN ('QUEUED', 'RUNNING');

-- The model registry: one row per trained model version.
CREATE TABLE model_version (
    id           BIGSERIAL PRIMARY KEY,
    version      TEXT        NOT NULL UNIQUE,
    model        TEXT        NOT NULL,
    job_id       BIGINT REFERENCES training_job (id),
    as_of_date   DATE        NOT NULL,
    horizon_days INTEGER     NOT NULL,
    -- Hyper-parameters and the per-segment choice.
    parameters   JSONB       NOT NULL,
    -- The saved network (MqNetwork.toBytes); NULL when the network was not trained.
    artifact     BYTEA,
    champion     BOOLEAN     NOT NULL DEFAULT false,
    created_at   TIMESTAMPTZ NOT NULL
);

-- At most one serving champion.
CREATE UNIQUE INDEX model_version_one_champion ON model_version ((true)) WHERE champion;

-- Backtest metrics of every candidate of a version.
CREATE TABLE model_metric (
    model_version_id BIGINT           NOT NULL REFERENCES model_version (id) ON DELETE CASCADE,
    candidate        TEXT             NOT NULL,
    wrmsse           DOUBLE PRECISION NOT NULL,
    wspl             DOUBLE PRECISION NOT NULL,
    mase_mean        DOUBLE PRECISION NOT NULL,
    mase_median      DOUBLE PRECISION NOT NULL,
    -- Coverage of the central 50%, 67%, 95% and 99% intervals.
    coverage         DOUBLE PRECISION[] NOT NULL,
    PRIMARY KEY (model_version_id, candidate)
);

-- Serving looks up a champion version's forecast per series.
CREATE INDEX forecast_version_series ON forecast (model_version, sku_id, location_id, as_of_date);

-- A champion forecast whose series' demand changed after it was made (stockwise.demand.v1); the
-- baseline serves that series until the next training.
ALTER TABLE forecast ADD COLUMN stale BOOLEAN NOT NULL DEFAULT false;
