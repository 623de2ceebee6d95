-- Identity and access: users, role bindings, and API keys that act for a user or hold a role.
--
-- A user belongs to one home tenant. Roles are never on the user row: a role binding is
-- (tenant, user, role), and a user may hold several. A binding lives in the user's home tenant
-- (the composite foreign key enforces it), so RLS keeps every identity row inside one tenant;
-- MSSP parents reach their children through delegated reads (checked by soc_iam_child_tenants
-- below and audited in the child's chain), not through bindings in a foreign tenant.
-- Nothing is deleted: a revoked binding and a disabled user stay, so the audit trail can name them.

CREATE TABLE users (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320 AND email ~ '^[^[:space:]@]+@[^[:space:]@]+$'),
  display_name text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
  created_at timestamptz(3) NOT NULL,
  created_by text NOT NULL CHECK (length(created_by) BETWEEN 1 AND 200),
  disabled_at timestamptz(3),
  disabled_by text CHECK (length(disabled_by) BETWEEN 1 AND 200),
  PRIMARY KEY (tenant_id, id),
  CHECK ((disabled_at IS NULL) = (disabled_by IS NULL))
);
-- One account per address and tenant, whatever its case.
CREATE UNIQUE INDEX users_email_idx ON users (tenant_id, lower(email));
SELECT soc_enable_tenant_rls('users');
GRANT SELECT, INSERT ON users TO soc_app;
GRANT UPDATE (disabled_at, disabled_by) ON users TO soc_app;

CREATE TABLE role_bindings (
  tenant_id text NOT NULL,
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  user_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'soc_lead', 'analyst', 'viewer', 'auditor')),
  granted_by text NOT NULL CHECK (length(granted_by) BETWEEN 1 AND 200),
  created_at timestamptz(3) NOT NULL,
  revoked_at timestamptz(3),
  revoked_by text CHECK (length(revoked_by) BETWEEN 1 AND 200),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
-- A role is held at most once at a time; a revoked binding stays as history and the role may be granted again.
CREATE UNIQUE INDEX role_bindings_active_idx ON role_bindings (tenant_id, user_id, role) WHERE revoked_at IS NULL;
SELECT soc_enable_tenant_rls('role_bindings');
GRANT SELECT, INSERT ON role_bindings TO soc_app;
GRANT UPDATE (revoked_at, revoked_by) ON role_bindings TO soc_app;

-- A revocation or a disablement is final: rewriting it would change who had access when.
CREATE FUNCTION soc_iam_final_once() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  -- Nested, not OR-ed: each table's row has only its own column.
  IF TG_TABLE_NAME = 'users' THEN
    IF OLD.disabled_at IS NOT NULL THEN
      RAISE EXCEPTION 'user % is already disabled', OLD.id USING ERRCODE = 'check_violation';
    END IF;
  ELSIF OLD.revoked_at IS NOT NULL THEN
    RAISE EXCEPTION 'role binding % is already revoked', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$fn$;
REVOKE ALL ON FUNCTION soc_iam_final_once() FROM PUBLIC;
CREATE TRIGGER users_disable_once BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION soc_iam_final_once();
CREATE TRIGGER role_bindings_revoke_once BEFORE UPDATE ON role_bindings FOR EACH ROW EXECUTE FUNCTION soc_iam_final_once();

-- A key acts either for a user (user_id: the user's current role bindings, and nothing once the
-- user is disabled) or, as a service key, with one role of its own (role). Its scopes cut that
-- down further. Keys made before roles existed keep exactly what their scopes allowed: a key
-- with the admin scope (the bootstrap key among them) becomes an owner key, any other key an
-- admin key, whose permissions its read/ingest scopes narrow to what they allowed before.
ALTER TABLE api_keys
  ADD COLUMN user_id text,
  ADD COLUMN role text CHECK (role IN ('owner', 'admin', 'soc_lead', 'analyst', 'viewer', 'auditor'));
UPDATE api_keys SET role = CASE WHEN 'admin' = ANY (scopes) THEN 'owner' ELSE 'admin' END;
ALTER TABLE api_keys
  ADD CONSTRAINT api_keys_user_fk FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
  ADD CONSTRAINT api_keys_acts_for_one CHECK ((user_id IS NULL) <> (role IS NULL)),
  ADD CONSTRAINT api_keys_scopes_known CHECK (scopes <@ ARRAY['ingest', 'read', 'write', 'admin']::text[]);
CREATE INDEX api_keys_user_idx ON api_keys (tenant_id, user_id) WHERE user_id IS NOT NULL;
GRANT SELECT (user_id, role) ON api_keys TO soc_app;

-- Authentication now also needs who the key acts for: the user's active roles (or the key's
-- own role) and whether the user is disabled, in the same single lookup by prefix.
DROP FUNCTION soc_auth_lookup_api_key(text);
CREATE FUNCTION soc_auth_lookup_api_key(p_prefix text)
RETURNS TABLE (
  id text, tenant_id text, secret_hash text, scopes text[],
  expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz,
  user_id text, roles text[], user_disabled_at timestamptz
) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT k.id, k.tenant_id, k.secret_hash, k.scopes, k.expires_at, k.revoked_at, k.last_used_at,
         k.user_id,
         CASE WHEN k.user_id IS NULL THEN ARRAY[k.role]
              ELSE coalesce((SELECT array_agg(b.role ORDER BY b.role) FROM public.role_bindings b
                              WHERE b.tenant_id = k.tenant_id AND b.user_id = k.user_id AND b.revoked_at IS NULL), '{}')
         END,
         (SELECT u.disabled_at FROM public.users u WHERE u.tenant_id = k.tenant_id AND u.id = k.user_id)
  FROM public.api_keys k WHERE k.prefix = p_prefix;
$fn$;
REVOKE ALL ON FUNCTION soc_auth_lookup_api_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION soc_auth_lookup_api_key(text) TO soc_app;

-- MSSP: the bound tenant's direct children, and creating one. Neither takes the parent as a
-- parameter: it is always the tenant the session is bound to, so a caller can ask only about,
-- and create only under, its own tenant.
CREATE FUNCTION soc_iam_child_tenants()
RETURNS SETOF public.tenants LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT * FROM public.tenants
   WHERE parent_tenant_id = NULLIF(current_setting('soc.tenant_id', true), '')
   ORDER BY id;
$fn$;

CREATE FUNCTION soc_iam_create_child_tenant(p_id text, p_name text, p_created_at timestamptz)
RETURNS SETOF public.tenants LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  parent text := NULLIF(current_setting('soc.tenant_id', true), '');
BEGIN
  IF parent IS NULL THEN
    RAISE EXCEPTION 'no tenant bound' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY INSERT INTO public.tenants (id, name, parent_tenant_id, created_at)
    VALUES (p_id, p_name, parent, p_created_at) RETURNING *;
END
$fn$;

REVOKE ALL ON FUNCTION soc_iam_child_tenants() FROM PUBLIC;
REVOKE ALL ON FUNCTION soc_iam_create_child_tenant(text, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION soc_iam_child_tenants() TO soc_app;
GRANT EXECUTE ON FUNCTION soc_iam_create_child_tenant(text, text, timestamptz) TO soc_app;
