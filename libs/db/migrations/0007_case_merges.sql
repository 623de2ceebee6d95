-- Cases absorbed by a fusion merge: an alert bridged two open cases, fusion folded the younger
-- into the older, and the absorbed row must stop looking like an open incident.
--
-- merged_into names the surviving case. The absorbed row is kept (nothing is ever deleted, and
-- its audit trail and notes stay reachable); listings hide it unless asked. Status is left to
-- analysts: merged is a fact about the grouping, written by fusion, not a triage verdict.
-- The foreign key keeps the pointer inside the tenant and on a real case; a NULL skips it.

ALTER TABLE cases ADD COLUMN merged_into text NULL;
ALTER TABLE cases ADD CONSTRAINT cases_merged_into_fk FOREIGN KEY (tenant_id, merged_into) REFERENCES cases (tenant_id, id);
ALTER TABLE cases ADD CONSTRAINT cases_merged_into_not_self CHECK (merged_into <> id);
GRANT UPDATE (merged_into) ON cases TO soc_app;
