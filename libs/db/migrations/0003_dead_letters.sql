-- Dead letters: what a pipeline stage rejected and why. Append-only for the runtime role
-- (no UPDATE or DELETE grant); ids are deterministic so replays insert nothing new.
-- No foreign key to tenants: a dead letter must be recordable even for an unknown tenant.

CREATE TABLE dead_letters (
  id text PRIMARY KEY,
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  stage text NOT NULL,
  topic text,
  source text,
  code text NOT NULL,
  reason text NOT NULL,
  original jsonb,
  original_truncated boolean NOT NULL DEFAULT false,
  created_at timestamptz(3) NOT NULL
);
CREATE INDEX dead_letters_tenant_created_idx ON dead_letters (tenant_id, created_at DESC, id DESC);
SELECT soc_enable_tenant_rls('dead_letters');

GRANT SELECT, INSERT ON dead_letters TO soc_app;
