import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { DrizzleAuditRepository } from '../detection/drizzle-audit-repository';
import type { NewAuditEvent } from '../detection/audit-repository';
import { DrizzleTenantDirectory } from '../iam/drizzle-tenant-directory';
import { DrizzleUserRepository } from '../iam/drizzle-user-repository';
import { rowsOf } from '../scope-runner';
import { apiKeys, roleBindings, users } from '../schema';
import { type ContractContext, expectCode } from './contract-context';

type Row = Record<string, unknown>;
const by = { actor: 'tester', reason: 'contract' };

/**
 * Users, role bindings, keys that act for users, MSSP children and delegated-read records.
 * Tenants `acme` and `globex` (a child of `acme`) exist; ids and emails here are unique to this section.
 */
export function iamContract(ctx: ContractContext): void {
  const users$ = () => new DrizzleUserRepository(ctx.db(), ctx.clock);
  const dir = () => new DrizzleTenantDirectory(ctx.db(), ctx.clock);
  const audit = () => new DrizzleAuditRepository(ctx.db());
  const raw = (tenantId: string, text: string): Promise<Row[]> => ctx.db().withTenant(tenantId, async (tx) => rowsOf<Row>(await tx.execute(sql.raw(text))));
  const authReject = (p: Promise<unknown>, reason: string) => expect(p).rejects.toMatchObject({ code: 'SOC_ERR_UNAUTHENTICATED', details: { reason } });

  it('creates a user with roles in one audited transaction; the email is unique per tenant in any case', async () => {
    const u = await users$().create('acme', { email: 'Ann@acme.test', displayName: ' Ann ', roles: ['analyst', 'soc_lead', 'analyst'] }, by);
    expect(u).toMatchObject({ tenantId: 'acme', email: 'Ann@acme.test', displayName: 'Ann', createdBy: 'tester', disabledAt: null, roles: ['soc_lead', 'analyst'] });
    expect(await users$().get('acme', u.id)).toEqual(u);
    const trail = await audit().list('acme', { targetId: u.id });
    expect(trail.map((e) => [e.action, e.details['role'] ?? null])).toEqual([
      ['iam.user.created', null],
      ['iam.role.granted', 'soc_lead'],
      ['iam.role.granted', 'analyst'],
    ]);
    expect(trail.every((e) => e.actor === 'tester' && e.reason === 'contract')).toBe(true);
    await expectCode(users$().create('acme', { email: 'ann@ACME.test', displayName: 'Ann 2' }, by), 'SOC_ERR_IAM_USER_EXISTS');
    // Another tenant may have the same address: emails are per tenant.
    expect((await users$().create('globex', { email: 'ann@acme.test', displayName: 'Ann G' }, by)).tenantId).toBe('globex');
    await expectCode(users$().create('acme', { email: 'no-at-sign', displayName: 'x' }, by), 'SOC_ERR_VALIDATION');
    await expectCode(users$().create('acme', { email: 'b@acme.test', displayName: '  ' }, by), 'SOC_ERR_VALIDATION');
    await expectCode(users$().create('acme', { email: 'b@acme.test', displayName: 'B', roles: ['root' as 'owner'] }, by), 'SOC_ERR_VALIDATION');
    await expectCode(users$().create('acme', { email: 'b@acme.test', displayName: 'B' }, { actor: '' }), 'SOC_ERR_VALIDATION');
  });

  it('grants idempotently, revokes once, and may grant a revoked role again', async () => {
    const u = await users$().create('acme', { email: 'bob@acme.test', displayName: 'Bob', roles: ['viewer'] }, by);
    const again = await users$().grantRole('acme', u.id, 'viewer', by);
    expect(again.created).toBe(false);
    const granted = await users$().grantRole('acme', u.id, 'auditor', by);
    expect(granted).toMatchObject({ created: true, binding: { userId: u.id, role: 'auditor', grantedBy: 'tester', revokedAt: null } });
    expect((await users$().get('acme', u.id))?.roles).toEqual(['viewer', 'auditor']);
    ctx.clock.advance(10);
    const revoked = await users$().revokeRole('acme', u.id, 'viewer', { actor: 'remover' });
    expect(revoked).toMatchObject({ role: 'viewer', revokedBy: 'remover', revokedAt: new Date(ctx.clock.now()) });
    await expectCode(users$().revokeRole('acme', u.id, 'viewer', by), 'SOC_ERR_NOT_FOUND');
    expect((await users$().grantRole('acme', u.id, 'viewer', by)).created).toBe(true);
    const actions = (await audit().list('acme', { targetId: u.id })).map((e) => `${e.action}:${String(e.details['role'] ?? '')}`);
    expect(actions).toEqual(['iam.user.created:', 'iam.role.granted:viewer', 'iam.role.granted:auditor', 'iam.role.revoked:viewer', 'iam.role.granted:viewer']);
    await expectCode(users$().grantRole('acme', 'no-such-user', 'viewer', by), 'SOC_ERR_NOT_FOUND');
    await expectCode(users$().grantRole('acme', u.id, 'root' as 'owner', by), 'SOC_ERR_VALIDATION');
  });

  it('a key acts for its user with the roles the user holds now, and stops when the user is disabled', async () => {
    const u = await users$().create('acme', { email: 'carol@acme.test', displayName: 'Carol', roles: ['analyst'] }, by);
    const { key, plaintext } = await ctx.db().apiKeys.create('acme', { name: 'carol', scopes: ['read', 'write'], userId: u.id, createdBy: 'tester' });
    expect(key).toMatchObject({ userId: u.id, role: null });
    expect(await ctx.db().apiKeys.authenticate(plaintext)).toEqual({ keyId: key.id, tenantId: 'acme', scopes: ['read', 'write'], userId: u.id, roles: ['analyst'] });
    await users$().grantRole('acme', u.id, 'soc_lead', by);
    expect((await ctx.db().apiKeys.authenticate(plaintext)).roles).toEqual(['analyst', 'soc_lead']);
    await users$().revokeRole('acme', u.id, 'analyst', by);
    await users$().revokeRole('acme', u.id, 'soc_lead', by);
    expect((await ctx.db().apiKeys.authenticate(plaintext)).roles).toEqual([]);
    ctx.clock.advance(5);
    const disabled = await users$().disable('acme', u.id, { actor: 'admin-1', reason: 'left' });
    expect(disabled).toMatchObject({ disabledAt: new Date(ctx.clock.now()), disabledBy: 'admin-1' });
    expect((await users$().disable('acme', u.id, by)).disabledBy).toBe('admin-1');
    await authReject(ctx.db().apiKeys.authenticate(plaintext), 'user-disabled');
    await expectCode(users$().grantRole('acme', u.id, 'viewer', by), 'SOC_ERR_IAM_USER_DISABLED');
    await expectCode(ctx.db().apiKeys.create('acme', { name: 'x', scopes: ['read'], userId: u.id, createdBy: 'tester' }), 'SOC_ERR_IAM_USER_DISABLED');
    expect((await audit().list('acme', { targetId: u.id, action: 'iam.user.disabled' })).map((e) => e.reason)).toEqual(['left']);
    expect((await users$().list('acme', { limit: 500 })).items.map((x) => x.id)).not.toContain(u.id);
    expect((await users$().list('acme', { limit: 500, includeDisabled: true })).items.map((x) => x.id)).toContain(u.id);
  });

  it('never lets a key act for a user of another tenant', async () => {
    const g = await users$().create('globex', { email: 'gina@globex.test', displayName: 'Gina', roles: ['owner'] }, by);
    await expectCode(ctx.db().apiKeys.create('acme', { name: 'steal', scopes: ['admin'], userId: g.id, createdBy: 'tester' }), 'SOC_ERR_NOT_FOUND');
    // Even a raw insert that skips the repository's check is refused by the composite foreign key.
    const forged = ctx.db().withTenant('acme', (tx) =>
      tx.insert(apiKeys).values({ id: 'forged', tenantId: 'acme', name: 'f', prefix: 'forged01', secretHash: 'a'.repeat(64), scopes: ['admin'], userId: g.id, createdAt: new Date(ctx.clock.now()) }),
    );
    await expectCode(forged, 'SOC_ERR_VALIDATION');
    const binding = ctx.db().withTenant('acme', (tx) =>
      tx.insert(roleBindings).values({ tenantId: 'acme', id: 'forged-b', userId: g.id, role: 'owner', grantedBy: 'x', createdAt: new Date(ctx.clock.now()) }),
    );
    await expectCode(binding, 'SOC_ERR_VALIDATION');
  });

  it('audits key creation without the secret, and a revocation once', async () => {
    const { key, plaintext } = await ctx.db().apiKeys.create('acme', { name: 'svc', scopes: ['ingest'], role: 'admin', createdBy: 'creator', expiresAt: new Date(ctx.clock.now() + 60_000) });
    await ctx.db().apiKeys.revoke('acme', key.id, { actor: 'revoker', reason: 'rotated' });
    await ctx.db().apiKeys.revoke('acme', key.id, { actor: 'revoker', reason: 'again' });
    const trail = await audit().list('acme', { targetType: 'api_key', targetId: key.id });
    expect(trail.map((e) => [e.action, e.actor, e.reason])).toEqual([
      ['iam.key.created', 'creator', null],
      ['iam.key.revoked', 'revoker', 'rotated'],
    ]);
    expect(trail[0]?.details).toEqual({ name: 'svc', prefix: key.prefix, scopes: ['ingest'], role: 'admin', userId: null, expiresAt: key.expiresAt?.toISOString() });
    expect(JSON.stringify(trail)).not.toContain(plaintext.slice(14));
    expect(await ctx.db().apiKeys.get('acme', key.id)).toMatchObject({ id: key.id, revokedAt: expect.any(Date) });
    expect(await ctx.db().apiKeys.get('globex', key.id)).toBeNull();
  });

  it('pages users by a keyset cursor', async () => {
    for (let i = 0; i < 5; i++) {
      ctx.clock.advance(1);
      await users$().create('globex', { email: `page-${i}@globex.test`, displayName: `P${i}` }, by);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await users$().list('globex', { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u) => u.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.filter((e) => e.startsWith('page-'))).toEqual(['page-0@globex.test', 'page-1@globex.test', 'page-2@globex.test', 'page-3@globex.test', 'page-4@globex.test']);
    expect(seen).not.toContain('bob@acme.test');
    await expectCode(users$().list('globex', { cursor: 'bogus' }), 'SOC_ERR_CURSOR_INVALID');
    await expectCode(users$().list('globex', { limit: 501 }), 'SOC_ERR_VALIDATION');
  });

  it('keeps users and bindings inside their tenant under RLS, and their history final', async () => {
    const u = await users$().create('acme', { email: 'dave@acme.test', displayName: 'Dave', roles: ['viewer'] }, by);
    expect(await users$().get('globex', u.id)).toBeNull();
    expect(await raw('globex', `SELECT id FROM users WHERE id = '${u.id}'`)).toEqual([]);
    expect(await raw('globex', `SELECT id FROM role_bindings WHERE user_id = '${u.id}'`)).toEqual([]);
    expect((await raw('globex', 'SELECT DISTINCT tenant_id FROM users')).map((r) => r['tenant_id'])).toEqual(['globex']);
    await expectCode(users$().disable('globex', u.id, by), 'SOC_ERR_NOT_FOUND');
    await expectCode(users$().revokeRole('globex', u.id, 'viewer', by), 'SOC_ERR_NOT_FOUND');
    const foreignInsert = ctx.db().withTenant('globex', (tx) =>
      tx.insert(users).values({ tenantId: 'acme', id: 'x-1', email: 'x@x.test', displayName: 'x', createdAt: new Date(ctx.clock.now()), createdBy: 'x' }),
    );
    await expectCode(foreignInsert, 'SOC_ERR_DB_ACCESS_DENIED');
    for (const stmt of [`UPDATE users SET email = 'e@x.test'`, 'DELETE FROM users', 'DELETE FROM role_bindings', `UPDATE role_bindings SET role = 'owner'`, 'UPDATE api_keys SET role = NULL']) {
      await expectCode(raw('acme', stmt), 'SOC_ERR_DB_ACCESS_DENIED');
    }
    await users$().disable('acme', u.id, by);
    await users$().revokeRole('acme', u.id, 'viewer', by);
    // Granted columns, but a disablement and a revocation are final.
    await expectCode(raw('acme', `UPDATE users SET disabled_at = NULL, disabled_by = NULL WHERE id = '${u.id}'`), 'SOC_ERR_VALIDATION');
    await expectCode(raw('acme', `UPDATE role_bindings SET revoked_at = NULL, revoked_by = NULL WHERE user_id = '${u.id}'`), 'SOC_ERR_VALIDATION');
  });

  it('the drizzle schema matches the migrated identity columns', async () => {
    for (const table of [users, roleBindings, apiKeys]) {
      const cfg = getTableConfig(table);
      const cols = await raw(
        'acme',
        `SELECT attname::text AS name, NOT attnotnull AS nullable FROM pg_attribute
          WHERE attrelid = 'public.${cfg.name}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attname COLLATE "C"`,
      );
      expect(cols).toEqual(cfg.columns.map((c) => ({ name: c.name, nullable: !c.notNull })).sort((a, b) => (a.name < b.name ? -1 : 1)));
    }
  });

  describe('MSSP tenants', () => {
    it('shows a tenant itself and its direct children only', async () => {
      expect((await dir().visible('acme')).map((t) => t.id)).toEqual(expect.arrayContaining(['acme', 'globex']));
      expect((await dir().visible('acme'))[0]?.id).toBe('acme');
      expect((await dir().visible('globex')).map((t) => t.id)).toEqual(['globex']);
    });

    it('creates a child with an owner key in one transaction, recorded in both chains', async () => {
      const created = await dir().createChild('acme', { id: 'acme-kid', name: ' Kid ', ownerKey: { name: 'kid owner', scopes: ['admin'] } }, { actor: 'parent-owner', reason: 'onboarding' });
      expect(created.tenant).toMatchObject({ id: 'acme-kid', name: 'Kid', parentTenantId: 'acme' });
      expect(created.ownerKey.key).toMatchObject({ tenantId: 'acme-kid', role: 'owner', userId: null, createdBy: 'parent-owner' });
      expect(await ctx.db().apiKeys.authenticate(created.ownerKey.plaintext)).toMatchObject({ tenantId: 'acme-kid', roles: ['owner'] });
      expect((await dir().visible('acme')).map((t) => t.id)).toContain('acme-kid');
      expect((await audit().list('acme', { targetId: 'acme-kid' })).map((e) => e.action)).toEqual(['iam.tenant.created']);
      expect((await audit().list('acme-kid')).map((e) => e.action)).toEqual(['iam.tenant.created', 'iam.key.created']);
      expect(await audit().verifyChain('acme-kid')).toMatchObject({ ok: true, checked: 2 });
      await expectCode(dir().createChild('acme', { id: 'acme-kid', name: 'again', ownerKey: { name: 'k', scopes: ['admin'] } }, by), 'SOC_ERR_IAM_TENANT_EXISTS');
      await expectCode(dir().createChild('acme', { id: 'bad id', name: 'x', ownerKey: { name: 'k', scopes: ['admin'] } }, by), 'SOC_ERR_VALIDATION');
      await expectCode(dir().createChild('acme', { id: 'acme-kid2', name: 'x', ownerKey: { name: '', scopes: ['admin'] } }, by), 'SOC_ERR_VALIDATION');
      expect(await ctx.db().tenants.get('acme-kid2')).toBeNull();
    });

    it('admits a delegated read only from the direct parent, and records it in the child chain', async () => {
      const record: NewAuditEvent = { actor: 'tenant:acme/api-key:k1', action: 'iam.tenant.read_delegated', targetType: 'tenant', targetId: 'globex', details: { route: 'GET /v1/alerts' } };
      const before = (await audit().list('acme', { action: 'iam.tenant.read_delegated' })).length;
      expect(await dir().recordDelegatedRead('acme', 'globex', record)).toBe(true);
      const inChild = await audit().list('globex', { action: 'iam.tenant.read_delegated' });
      expect(inChild.at(-1)).toMatchObject({ actor: 'tenant:acme/api-key:k1', tenantId: 'globex', details: { route: 'GET /v1/alerts' } });
      expect((await audit().list('acme', { action: 'iam.tenant.read_delegated' })).length).toBe(before);
      // Upwards, sideways, to itself, to nobody and to a malformed id: refused, nothing written.
      for (const [from, to] of [['globex', 'acme'], ['acme-kid', 'globex'], ['acme', 'acme'], ['acme', 'nobody'], ['acme', "x' OR '1'='1"]] as const) {
        expect(await dir().recordDelegatedRead(from, to, { ...record, targetId: to })).toBe(false);
      }
      expect((await audit().list('globex', { action: 'iam.tenant.read_delegated' })).length).toBe(inChild.length);
    });
  });
}
