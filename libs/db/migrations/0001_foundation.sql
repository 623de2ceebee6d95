-- Foundation: the runtime role, the tenant RLS helper, tenants and system_state, and the
-- SECURITY DEFINER functions for work that happens before a tenant is known.
--
-- Why a separate runtime role: the application connects as the migration owner (a superuser
-- in the embedded topology), and superusers bypass row-level security. Every runtime
-- transaction therefore runs `SET LOCAL ROLE soc_app`; soc_app owns nothing, cannot bypass
-- RLS, and holds only the grants listed in these files.

DO $$
BEGIN
  -- The system functions below read across tenants as their owner; with FORCE ROW LEVEL
  -- SECURITY that only works for an owner that bypasses RLS.
  IF NOT (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) THEN
    RAISE EXCEPTION 'role % must be a superuser or have BYPASSRLS to own the SOC schema', current_user;
  END IF;
  -- Roles are cluster-wide: several databases (and concurrent test runs) share one soc_app,
  -- so creation tolerates a concurrent creator.
  BEGIN
    CREATE ROLE soc_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
  END;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'soc_app' AND (rolsuper OR rolbypassrls OR rolcanlogin)) THEN
    ALTER ROLE soc_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
  -- A non-superuser owner must be a member to SET ROLE soc_app.
  IF NOT pg_has_role(current_user, 'soc_app', 'MEMBER') THEN
    EXECUTE format('GRANT soc_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO soc_app;

-- The one tenant isolation policy, applied identically to every tenant-owned table.
-- NULLIF: once a transaction that set soc.tenant_id ends, the setting reads back as '' rather
-- than NULL; mapping '' to NULL keeps "no tenant bound" matching no row at all.
CREATE FUNCTION soc_enable_tenant_rls(tbl regclass, col name DEFAULT 'tenant_id') RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS soc_tenant_isolation ON %s', tbl);
  EXECUTE format(
    'CREATE POLICY soc_tenant_isolation ON %s FOR ALL TO PUBLIC '
    || 'USING (%I = NULLIF(current_setting(''soc.tenant_id'', true), '''')) '
    || 'WITH CHECK (%I = NULLIF(current_setting(''soc.tenant_id'', true), ''''))',
    tbl, col, col);
END
$fn$;
REVOKE ALL ON FUNCTION soc_enable_tenant_rls(regclass, name) FROM PUBLIC;

CREATE TABLE tenants (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  parent_tenant_id text REFERENCES tenants (id),
  created_at timestamptz(3) NOT NULL
);
SELECT soc_enable_tenant_rls('tenants', 'id');
-- A tenant may read its own row; creating and listing tenants is a system operation.
GRANT SELECT ON tenants TO soc_app;

-- Not tenant-owned. RLS on with no policy and no grant: only the functions below reach it.
CREATE TABLE system_state (
  key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
  value jsonb NOT NULL,
  updated_at timestamptz(3) NOT NULL
);
ALTER TABLE system_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE system_state FORCE ROW LEVEL SECURITY;

-- System functions: SECURITY DEFINER with a fixed search_path so a caller cannot shadow
-- the tables they read; each returns only what its one caller needs.
CREATE FUNCTION soc_system_create_tenant(p_id text, p_name text, p_parent text, p_created_at timestamptz)
RETURNS SETOF public.tenants LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  INSERT INTO public.tenants (id, name, parent_tenant_id, created_at)
  VALUES (p_id, p_name, p_parent, p_created_at)
  RETURNING *;
$fn$;

CREATE FUNCTION soc_system_get_tenant(p_id text)
RETURNS SETOF public.tenants LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT * FROM public.tenants WHERE id = p_id;
$fn$;

CREATE FUNCTION soc_system_list_tenants()
RETURNS SETOF public.tenants LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT * FROM public.tenants ORDER BY id;
$fn$;

CREATE FUNCTION soc_system_get_state(p_key text)
RETURNS SETOF public.system_state LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT * FROM public.system_state WHERE key = p_key;
$fn$;

CREATE FUNCTION soc_system_set_state(p_key text, p_value jsonb, p_at timestamptz)
RETURNS SETOF public.system_state LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  INSERT INTO public.system_state (key, value, updated_at) VALUES (p_key, p_value, p_at)
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
  RETURNING *;
$fn$;

REVOKE ALL ON FUNCTION soc_system_create_tenant(text, text, text, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION soc_system_get_tenant(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION soc_system_list_tenants() FROM PUBLIC;
REVOKE ALL ON FUNCTION soc_system_get_state(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION soc_system_set_state(text, jsonb, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION soc_system_create_tenant(text, text, text, timestamptz) TO soc_app;
GRANT EXECUTE ON FUNCTION soc_system_get_tenant(text) TO soc_app;
GRANT EXECUTE ON FUNCTION soc_system_list_tenants() TO soc_app;
GRANT EXECUTE ON FUNCTION soc_system_get_state(text) TO soc_app;
GRANT EXECUTE ON FUNCTION soc_system_set_state(text, jsonb, timestamptz) TO soc_app;
