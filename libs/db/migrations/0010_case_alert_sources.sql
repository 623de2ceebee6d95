-- The stored alerts behind each deduplicated case alert: fusion folds repeats of one rule on one
-- entity set into one case alert, and this column keeps the ids of the alerts it folded (the
-- first 20; the count keeps counting). It is the path from a case to its evidence events, which
-- the alerts name. Rows written before this column hold an empty list and show no evidence.

ALTER TABLE case_alerts ADD COLUMN source_alert_ids text[] NOT NULL DEFAULT '{}'
  CHECK (cardinality(source_alert_ids) <= 100);
GRANT UPDATE (source_alert_ids) ON case_alerts TO soc_app;
