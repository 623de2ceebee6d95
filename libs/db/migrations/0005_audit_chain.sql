-- One SHA-256 hash chain per tenant over audit_events, and no UPDATE, DELETE or TRUNCATE for anyone.
--
-- Why the database computes the hash: the row's seq and predecessor are only known inside the
-- insert trigger (under the tenant's advisory lock), so that is the one place a link can be made
-- without a race. Verification recomputes it outside the database (libs/db audit-chain.ts)
-- from the same canonical text, so a row rewritten in place is caught without trusting the database.
--
-- Canonical text (version tag soc.audit.v1), every field framed as <octets>:<text>| so no
-- value can imitate a separator:
--   soc.audit.v1|<seq>|f(id)f(tenant_id)f(actor)f(action)f(target_type)f(target_id)
--   (f(reason) or ~|)f(details::text)<at as YYYY-MM-DDTHH:MI:SS.mssZ>|<prev_hash>
-- details::text is jsonb's own rendering: keys sorted and deduplicated, so it is canonical.
-- prev_hash of seq 1 is 64 zeros. sha256() is built in (PostgreSQL >= 11, and PGlite, which
-- has no pgcrypto).

CREATE FUNCTION soc_audit_field(v text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp
AS $fn$ SELECT octet_length(v)::text || ':' || v || '|' $fn$;

CREATE FUNCTION soc_audit_hash(
  seq bigint, id text, tenant_id text, actor text, action text, target_type text, target_id text,
  reason text, details jsonb, at timestamptz, prev_hash text
) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
AS $fn$
  SELECT encode(sha256(convert_to(
    'soc.audit.v1|' || seq::text || '|'
      || public.soc_audit_field(id) || public.soc_audit_field(tenant_id) || public.soc_audit_field(actor)
      || public.soc_audit_field(action) || public.soc_audit_field(target_type) || public.soc_audit_field(target_id)
      || coalesce(public.soc_audit_field(reason), '~|') || public.soc_audit_field(details::text)
      || to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '|' || prev_hash,
    'UTF8')), 'hex')
$fn$;

ALTER TABLE audit_events ADD COLUMN prev_hash text, ADD COLUMN hash text;

-- Rows written before this migration (development stores only) are chained in seq order.
DO $do$
DECLARE
  r record;
  prev text := '';
  cur_tenant text := NULL;
  h text;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY tenant_id, seq LOOP
    IF cur_tenant IS DISTINCT FROM r.tenant_id THEN
      prev := repeat('0', 64);
      cur_tenant := r.tenant_id;
    END IF;
    h := soc_audit_hash(r.seq, r.id, r.tenant_id, r.actor, r.action, r.target_type, r.target_id, r.reason, r.details, r.at, prev);
    UPDATE audit_events SET prev_hash = prev, hash = h WHERE id = r.id;
    prev := h;
  END LOOP;
END
$do$;

ALTER TABLE audit_events
  ALTER COLUMN prev_hash SET NOT NULL,
  ALTER COLUMN hash SET NOT NULL,
  ADD CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  ADD CHECK (hash ~ '^[0-9a-f]{64}$');

-- Same lock and lookup as 0004, now also reading the predecessor's hash: the caller chooses
-- neither seq nor the link. EXECUTE for the reason given in 0004 (plan caching on bulk inserts).
CREATE OR REPLACE FUNCTION soc_audit_assign_seq() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('soc.audit_events:' || NEW.tenant_id, 0));
  EXECUTE 'SELECT a.seq, a.hash FROM public.audit_events a WHERE a.tenant_id = $1 ORDER BY a.seq DESC LIMIT 1'
    INTO last_seq, last_hash USING NEW.tenant_id;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := public.soc_audit_hash(NEW.seq, NEW.id, NEW.tenant_id, NEW.actor, NEW.action, NEW.target_type,
                                    NEW.target_id, NEW.reason, NEW.details, NEW.at, NEW.prev_hash);
  RETURN NEW;
END
$fn$;

-- soc_app has no UPDATE or DELETE grant; this stops the owner and superusers too (short of
-- disabling the trigger, which itself needs ownership and leaves the chain to betray the edit).
CREATE FUNCTION soc_audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION soc_audit_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION soc_audit_refuse_change();

REVOKE ALL ON FUNCTION soc_audit_refuse_change() FROM PUBLIC;
REVOKE ALL ON FUNCTION soc_audit_hash(bigint, text, text, text, text, text, text, text, jsonb, timestamptz, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION soc_audit_field(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION soc_audit_hash(bigint, text, text, text, text, text, text, text, jsonb, timestamptz, text) TO soc_app;
GRANT EXECUTE ON FUNCTION soc_audit_field(text) TO soc_app;
