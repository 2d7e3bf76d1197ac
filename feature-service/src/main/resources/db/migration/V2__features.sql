-- Features need the promotion flag of each line (price features read sale_event) and the days on
-- which the shop traded. Lines stored before this version keep on_promotion = false; a rebuild
-- (see the README) reads them again from the topic with their flag.
ALTER TABLE sale_event ADD COLUMN on_promotion BOOLEAN NOT NULL DEFAULT false;

-- The days with any demand in any series: the inferred trading days (until a shop calendar is
-- ingested). Kept with daily_demand in the same transaction.
CREATE TABLE demand_day (
    demand_date DATE PRIMARY KEY
);

INSERT INTO demand_day (demand_date) SELECT DISTINCT demand_date FROM daily_demand;
