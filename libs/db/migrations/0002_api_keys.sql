-- API keys. The runtime role may not read secret_hash at all (column-level grant); only the
-- authentication lookup function returns it, for one prefix at a time.

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  prefix text NOT NULL UNIQUE CHECK (prefix ~ '^[a-z0-9]{8}$'),
  secret_hash text NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
  scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
  created_at timestamptz(3) NOT NULL,
  expires_at timestamptz(3),
  revoked_at timestamptz(3),
  last_used_at timestamptz(3),
  created_by text
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id, created_at);
SELECT soc_enable_tenant_rls('api_keys');

GRANT SELECT (id, tenant_id, name, prefix, scopes, created_at, expires_at, revoked_at, last_used_at, created_by)
  ON api_keys TO soc_app;
GRANT INSERT ON api_keys TO soc_app;
-- Revocation and usage stamps only; keys are never deleted so the audit trail can name them.
GRANT UPDATE (revoked_at, last_used_at) ON api_keys TO soc_app;

CREATE FUNCTION soc_auth_lookup_api_key(p_prefix text)
RETURNS TABLE (
  id text, tenant_id text, secret_hash text, scopes text[],
  expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz
) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT k.id, k.tenant_id, k.secret_hash, k.scopes, k.expires_at, k.revoked_at, k.last_used_at
  FROM public.api_keys k WHERE k.prefix = p_prefix;
$fn$;
REVOKE ALL ON FUNCTION soc_auth_lookup_api_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION soc_auth_lookup_api_key(text) TO soc_app;
