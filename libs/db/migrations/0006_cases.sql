-- Cases: what fusion groups alerts into, and what analysts triage.
--
-- Two writers with disjoint columns: fusion upserts the grouping (title, severity, tactics,
-- techniques, time span, counts, entities, alerts and why each joined); analysts change status,
-- owner and SLA, each change audited in the same transaction. A fusion upsert never touches the
-- analyst columns, so a late snapshot cannot reopen a resolved case or drop its owner.
-- Nothing is ever deleted: the runtime role has no DELETE grant on any of these tables.

CREATE TABLE cases (
  tenant_id text NOT NULL REFERENCES tenants (id),
  -- Deterministic, from fusion (tenant + first alert): a replayed snapshot lands on the same row.
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 200),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  status text NOT NULL CHECK (status IN ('new', 'triaged', 'investigating', 'contained', 'resolved', 'false_positive')),
  severity text NOT NULL CHECK (severity IN ('informational', 'low', 'medium', 'high', 'critical')),
  -- 1 (informational) .. 5 (critical), kept beside the name so "most severe first" is an index scan.
  severity_rank smallint NOT NULL CHECK (severity_rank BETWEEN 1 AND 5),
  severity_reasons text[] NOT NULL,
  owner text CHECK (length(owner) BETWEEN 1 AND 200),
  sla_due_at timestamptz(3),
  tactics text[] NOT NULL,
  techniques text[] NOT NULL,
  first_seen timestamptz(3) NOT NULL,
  last_seen timestamptz(3) NOT NULL,
  alert_count integer NOT NULL CHECK (alert_count >= 1),
  entities jsonb NOT NULL,
  -- Fusion's clock reading of the snapshot last applied: an older snapshot never overwrites a newer one.
  snapshot_at timestamptz(3) NOT NULL,
  created_at timestamptz(3) NOT NULL,
  created_by text NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CHECK (first_seen <= last_seen)
);
CREATE INDEX cases_last_seen_idx ON cases (tenant_id, last_seen DESC, id);
CREATE INDEX cases_created_idx ON cases (tenant_id, created_at DESC, id);
CREATE INDEX cases_severity_idx ON cases (tenant_id, severity_rank DESC, id);
CREATE INDEX cases_status_idx ON cases (tenant_id, status, last_seen DESC);
CREATE INDEX cases_owner_idx ON cases (tenant_id, owner, last_seen DESC);
SELECT soc_enable_tenant_rls('cases');
GRANT SELECT, INSERT ON cases TO soc_app;
-- Identity and creation stamps never change.
GRANT UPDATE (title, status, severity, severity_rank, severity_reasons, owner, sla_due_at, tactics, techniques,
              first_seen, last_seen, alert_count, entities, snapshot_at, updated_at, updated_by)
  ON cases TO soc_app;

CREATE TABLE case_alerts (
  tenant_id text NOT NULL,
  case_id text NOT NULL,
  alert_id text NOT NULL CHECK (length(alert_id) BETWEEN 1 AND 200),
  rule_id text NOT NULL,
  rule_title text NOT NULL,
  level text NOT NULL CHECK (level IN ('informational', 'low', 'medium', 'high', 'critical')),
  -- Alerts folded into this one by dedupe.
  count integer NOT NULL CHECK (count >= 1),
  first_seen timestamptz(3) NOT NULL,
  last_seen timestamptz(3) NOT NULL,
  joined_at timestamptz(3) NOT NULL,
  -- Why it joined (shared entities, their weights, score and threshold) or why it opened the case.
  reason jsonb NOT NULL,
  PRIMARY KEY (tenant_id, case_id, alert_id),
  FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id),
  CHECK (first_seen <= last_seen)
);
SELECT soc_enable_tenant_rls('case_alerts');
GRANT SELECT, INSERT ON case_alerts TO soc_app;
-- Repeats extend an alert; the case it joined and why it joined never change.
GRANT UPDATE (count, first_seen, last_seen) ON case_alerts TO soc_app;

CREATE TABLE case_notes (
  tenant_id text NOT NULL,
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  case_id text NOT NULL,
  author text NOT NULL CHECK (length(author) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 20000),
  created_at timestamptz(3) NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
);
CREATE INDEX case_notes_case_idx ON case_notes (tenant_id, case_id, created_at, id);
SELECT soc_enable_tenant_rls('case_notes');
-- Notes are append-only: a correction is a new note.
GRANT SELECT, INSERT ON case_notes TO soc_app;
