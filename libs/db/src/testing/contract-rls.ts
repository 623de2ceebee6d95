import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { rowsOf } from '../scope-runner';
import { apiKeys, deadLetters, systemState, tenants } from '../schema';
import { type ContractContext, expectCode } from './contract-context';

type Row = Record<string, unknown>;

/** Tenant isolation: what soc_app can and cannot see or do. Tenants `acme` and `globex` exist. */
export function rlsContract(ctx: ContractContext): void {
  const raw = (tenantId: string, text: string): Promise<Row[]> =>
    ctx.db().withTenant(tenantId, async (tx) => rowsOf<Row>(await tx.execute(sql.raw(text))));
  const dl = (id: string, tenantId: string) => ({
    id,
    tenantId,
    stage: 'ingest',
    code: 'SOC_ERR_RECORD_UNPARSEABLE',
    reason: 'test',
    original: { id },
    originalTruncated: false,
    createdAt: new Date(ctx.clock.now()),
  });

  it('runs tenant work as soc_app with the tenant bound, and drops both at commit', async () => {
    const rows = await raw('acme', "SELECT current_user AS u, current_setting('soc.tenant_id', true) AS t");
    expect(rows).toEqual([{ u: 'soc_app', t: 'acme' }]);
  });

  it('refuses to open a scope without a well-formed tenant id', async () => {
    await expectCode(ctx.db().withTenant('', async () => 1), 'SOC_ERR_TENANT_NOT_BOUND');
    await expectCode(ctx.db().withTenant("x' OR '1'='1", async () => 1), 'SOC_ERR_TENANT_NOT_BOUND');
  });

  it('a cross-tenant read returns nothing', async () => {
    await ctx.db().deadLetters.insertMany('acme', [{ ...dl('rls-a', 'acme') }]);
    await ctx.db().deadLetters.insertMany('globex', [{ ...dl('rls-g', 'globex') }]);
    expect(await raw('globex', "SELECT id FROM dead_letters WHERE tenant_id = 'acme'")).toEqual([]);
    expect(await raw('globex', "SELECT id FROM dead_letters WHERE id = 'rls-a'")).toEqual([]);
    expect(await raw('globex', 'SELECT id FROM tenants')).toEqual([{ id: 'globex' }]);
    const page = await ctx.db().deadLetters.list('globex');
    expect(page.items.map((d) => d.id)).toContain('rls-g');
    expect(page.items.every((d) => d.tenantId === 'globex')).toBe(true);
  });

  it('an insert for another tenant is refused by the WITH CHECK policy', async () => {
    const other = ctx.db().withTenant('acme', (tx) => tx.insert(deadLetters).values(dl('rls-x', 'globex')));
    await expect(other).rejects.toMatchObject({ code: 'SOC_ERR_DB_ACCESS_DENIED', details: { sqlState: '42501' } });
    expect(await raw('globex', "SELECT id FROM dead_letters WHERE id = 'rls-x'")).toEqual([]);
  });

  it('an update aimed at another tenant touches nothing', async () => {
    const { key } = await ctx.db().apiKeys.create('globex', { name: 'victim', scopes: ['read'], role: 'viewer', createdBy: 'tester' });
    const updated = await ctx.db().withTenant('acme', (tx) =>
      tx.update(apiKeys).set({ revokedAt: new Date(ctx.clock.now()) }).where(sql`${apiKeys.id} = ${key.id}`).returning({ id: apiKeys.id }),
    );
    expect(updated).toEqual([]);
    await expectCode(ctx.db().apiKeys.revoke('acme', key.id, { actor: 'tester' }), 'SOC_ERR_NOT_FOUND');
    const listed = await ctx.db().apiKeys.list('globex');
    expect(listed.find((k) => k.id === key.id)?.revokedAt).toBeNull();
  });

  it('with no tenant bound soc_app sees zero rows and cannot insert', async () => {
    const unbound = "SELECT set_config('soc.tenant_id', '', true)";
    const counts = await ctx.db().withTenant('acme', async (tx) => {
      await tx.execute(sql.raw(unbound));
      const out: Row[] = [];
      for (const t of ['tenants', 'api_keys', 'dead_letters']) {
        out.push(...rowsOf<Row>(await tx.execute(sql.raw(`SELECT '${t}' AS t, count(*)::int AS n FROM ${t}`))));
      }
      return out;
    });
    expect(counts.map((c) => c['n'])).toEqual([0, 0, 0]);
    const insert = ctx.db().withTenant('acme', async (tx) => {
      await tx.execute(sql.raw(unbound));
      await tx.insert(deadLetters).values(dl('rls-unbound', 'acme'));
    });
    await expectCode(insert, 'SOC_ERR_DB_ACCESS_DENIED');
  });

  it('soc_app cannot switch RLS off, alter policies, or read what it was not granted', async () => {
    const refused = [
      'ALTER TABLE dead_letters DISABLE ROW LEVEL SECURITY',
      'ALTER TABLE dead_letters NO FORCE ROW LEVEL SECURITY',
      'DROP POLICY soc_tenant_isolation ON dead_letters',
      "SELECT soc_enable_tenant_rls('dead_letters')",
      "UPDATE dead_letters SET reason = 'x'",
      'DELETE FROM dead_letters',
      'SELECT secret_hash FROM api_keys',
      'SELECT * FROM system_state',
      'SELECT * FROM soc_schema_migrations',
      'DELETE FROM api_keys',
      'ALTER ROLE soc_app BYPASSRLS',
    ];
    for (const stmt of refused) {
      await expect(raw('acme', stmt)).rejects.toMatchObject({ code: 'SOC_ERR_DB_ACCESS_DENIED' });
    }
    // row_security=off does not bypass RLS for soc_app: the query errors instead of leaking.
    const off = ctx.db().withTenant('acme', async (tx) => {
      await tx.execute(sql.raw('SET LOCAL row_security = off'));
      return tx.execute(sql.raw('SELECT id FROM dead_letters'));
    });
    await expectCode(off, 'SOC_ERR_DB_ACCESS_DENIED');
  });

  it('SET ROLE is checked against the session user, so the role is not a boundary for arbitrary SQL', async () => {
    const self = await raw('acme', 'SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = current_user');
    expect(self).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false }]);
    // PostgreSQL checks SET ROLE against the session user, not the current role: a superuser
    // session acting as soc_app may switch back. The guarantee therefore rests on no runtime
    // path issuing raw SQL (repository SQL is built by drizzle with bound parameters), and in
    // production on a non-superuser login, where the switch is refused (see the postgres spec).
    const escaped = await ctx.db().withTenant('acme', async (tx) => {
      await tx.execute(sql`SELECT set_config('role', session_user, true)`);
      return rowsOf<Row>(await tx.execute(sql`SELECT current_user = session_user AS back, count(*)::int AS n FROM tenants`));
    });
    expect(escaped[0]?.['back']).toBe(true);
    expect(escaped[0]?.['n']).toBeGreaterThanOrEqual(2);
  });

  it('every table with tenant_id has forced RLS and the standard policy', async () => {
    const rows = await raw(
      'acme',
      `SELECT c.relname AS t, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = 'soc_tenant_isolation') AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'
          AND (c.relname = 'tenants' OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'))
        ORDER BY 1`,
    );
    expect(rows.map((r) => r['t'])).toEqual(expect.arrayContaining(['api_keys', 'dead_letters', 'tenants']));
    for (const r of rows) expect(r).toMatchObject({ rls: true, forced: true, policies: 1 });
  });

  it('the drizzle schema matches the migrated columns', async () => {
    for (const table of [tenants, apiKeys, deadLetters, systemState]) {
      const cfg = getTableConfig(table);
      const cols = await raw(
        'acme',
        `SELECT attname::text AS name, NOT attnotnull AS nullable FROM pg_attribute
          WHERE attrelid = 'public.${cfg.name}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attname COLLATE "C"`,
      );
      const expected = cfg.columns
        .map((c) => ({ name: c.name, nullable: !c.notNull }))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      expect(cols).toEqual(expected);
    }
  });

  it('scopes do not nest, and concurrent scopes stay isolated', async () => {
    const nested = ctx.db().withTenant('acme', () => ctx.db().withTenant('globex', async () => 1));
    await expectCode(nested, 'SOC_ERR_DB_NESTED_SCOPE');
    const tenantsSeen = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 'acme' : 'globex')).map(async (t) => {
        const rows = await raw(t, "SELECT current_setting('soc.tenant_id', true) AS t, (SELECT count(*)::int FROM dead_letters WHERE tenant_id <> current_setting('soc.tenant_id', true)) AS foreign");
        return { expected: t, row: rows[0] };
      }),
    );
    for (const s of tenantsSeen) expect(s.row).toEqual({ t: s.expected, foreign: 0 });
  });
}
