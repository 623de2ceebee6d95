import { eq } from 'drizzle-orm';
import { DEFAULT_AUTH_CACHE_TTL_MS } from '../database';
import { API_KEY_PATTERN } from '../repositories/api-key-format';
import { apiKeys } from '../schema';
import { type ContractContext, expectCode } from './contract-context';

/** API key lifecycle. Tenants `acme` and `globex` exist. */
export function apiKeysContract(ctx: ContractContext): void {
  const authReject = async (p: Promise<unknown>, reason: string): Promise<void> => {
    await expect(p).rejects.toMatchObject({ code: 'SOC_ERR_UNAUTHENTICATED', httpStatus: 401, details: { reason } });
  };

  it('create shows the key once; list never returns the secret or its hash', async () => {
    const created = await ctx.db().apiKeys.create('acme', { name: 'ingest-1', scopes: ['ingest', 'read'], role: 'analyst', createdBy: 'tester' });
    const m = API_KEY_PATTERN.exec(created.plaintext);
    expect(m?.[1]).toBe(created.key.prefix);
    expect(created.plaintext).toHaveLength(56);
    expect(created.key).toMatchObject({ tenantId: 'acme', name: 'ingest-1', scopes: ['ingest', 'read'], role: 'analyst', userId: null, createdBy: 'tester', revokedAt: null });
    const listed = await ctx.db().apiKeys.list('acme');
    const mine = listed.find((k) => k.id === created.key.id);
    expect(mine).toEqual(created.key);
    const text = JSON.stringify(listed);
    expect(text).not.toContain(m?.[2]);
    expect(Object.keys(mine ?? {})).not.toEqual(expect.arrayContaining(['secretHash']));
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    expect((await ctx.db().apiKeys.list('globex')).some((k) => k.id === created.key.id)).toBe(false);
  });

  it('authenticates, stamping lastUsedAt at most once a minute', async () => {
    const { key, plaintext } = await ctx.db().apiKeys.create('acme', { name: 'auth', scopes: ['read'], role: 'admin', createdBy: 'tester' });
    expect(await ctx.db().apiKeys.authenticate(plaintext)).toEqual({ keyId: key.id, tenantId: 'acme', scopes: ['read'], userId: null, roles: ['admin'] });
    const lastUsed = async () => (await ctx.db().apiKeys.list('acme')).find((k) => k.id === key.id)?.lastUsedAt?.getTime();
    const first = await lastUsed();
    expect(first).toBe(ctx.clock.now());
    ctx.clock.advance(30_000);
    await ctx.db().apiKeys.authenticate(plaintext);
    expect(await lastUsed()).toBe(first);
    ctx.clock.advance(31_000);
    await ctx.db().apiKeys.authenticate(plaintext);
    expect(await lastUsed()).toBe(ctx.clock.now());
  });

  it('refuses malformed, unknown and wrong-secret keys', async () => {
    const { plaintext } = await ctx.db().apiKeys.create('acme', { name: 'wrong', scopes: ['read'], role: 'admin', createdBy: 'tester' });
    const last = plaintext.endsWith('A') ? 'B' : 'A';
    await authReject(ctx.db().apiKeys.authenticate(plaintext.slice(0, -1) + last), 'mismatch');
    await authReject(ctx.db().apiKeys.authenticate(`soc_zzzzzzzz_${plaintext.slice(13)}`), 'unknown');
    await authReject(ctx.db().apiKeys.authenticate('Bearer nope'), 'malformed');
    await authReject(ctx.db().apiKeys.authenticate(`${plaintext}x`), 'malformed');
  });

  it('refuses an expired key', async () => {
    const { plaintext } = await ctx.db().apiKeys.create('acme', {
      name: 'short-lived',
      scopes: ['ingest'],
      role: 'admin',
      createdBy: 'tester',
      expiresAt: new Date(ctx.clock.now() + 1000),
    });
    await ctx.db().apiKeys.authenticate(plaintext);
    ctx.clock.advance(1000);
    await authReject(ctx.db().apiKeys.authenticate(plaintext), 'expired');
  });

  it('revokes idempotently, only within the owning tenant', async () => {
    const { key, plaintext } = await ctx.db().apiKeys.create('globex', { name: 'to-revoke', scopes: ['admin'], role: 'admin', createdBy: 'tester' });
    await expectCode(ctx.db().apiKeys.revoke('acme', key.id, { actor: 'tester' }), 'SOC_ERR_NOT_FOUND');
    await ctx.db().apiKeys.authenticate(plaintext);
    const revoked = await ctx.db().apiKeys.revoke('globex', key.id, { actor: 'tester' });
    expect(revoked.revokedAt?.getTime()).toBe(ctx.clock.now());
    ctx.clock.advance(5000);
    expect((await ctx.db().apiKeys.revoke('globex', key.id, { actor: 'tester' })).revokedAt).toEqual(revoked.revokedAt);
    await authReject(ctx.db().apiKeys.authenticate(plaintext), 'revoked');
  });

  it('applies a revocation at the very next request, with no time passing', async () => {
    const { key, plaintext } = await ctx.db().apiKeys.create('acme', { name: 'cached', scopes: ['read'], role: 'admin', createdBy: 'tester' });
    await ctx.db().apiKeys.authenticate(plaintext);
    await ctx.db().apiKeys.revoke('acme', key.id, { actor: 'tester' });
    await authReject(ctx.db().apiKeys.authenticate(plaintext), 'revoked');
  });

  it('reuses a key lookup for the cache TTL: a change written around the repositories, as another process would, applies once it has passed', async () => {
    const { key, plaintext } = await ctx.db().apiKeys.create('acme', { name: 'elsewhere', scopes: ['read'], role: 'admin', createdBy: 'tester' });
    await ctx.db().apiKeys.authenticate(plaintext);
    await ctx.db().withTenant('acme', (tx) => tx.update(apiKeys).set({ revokedAt: new Date(ctx.clock.now()) }).where(eq(apiKeys.id, key.id)));
    // Still the cached record: this is the bound the cache documents, not a wish.
    expect((await ctx.db().apiKeys.authenticate(plaintext)).keyId).toBe(key.id);
    ctx.clock.advance(DEFAULT_AUTH_CACHE_TTL_MS);
    await authReject(ctx.db().apiKeys.authenticate(plaintext), 'revoked');
    // Identity changes through this Database drop the cache at once.
    const other = await ctx.db().apiKeys.create('acme', { name: 'elsewhere-2', scopes: ['read'], role: 'admin', createdBy: 'tester' });
    await ctx.db().apiKeys.authenticate(other.plaintext);
    await ctx.db().withTenant('acme', (tx) => tx.update(apiKeys).set({ revokedAt: new Date(ctx.clock.now()) }).where(eq(apiKeys.id, other.key.id)));
    ctx.db().identityChanged();
    await authReject(ctx.db().apiKeys.authenticate(other.plaintext), 'revoked');
  });

  it('validates input and requires an existing tenant', async () => {
    await expectCode(ctx.db().apiKeys.create('acme', { name: 'x', scopes: [], role: 'admin', createdBy: 'tester' }), 'SOC_ERR_VALIDATION');
    await expectCode(ctx.db().apiKeys.create('acme', { name: 'x', scopes: ['root' as 'admin'], role: 'admin', createdBy: 'tester' }), 'SOC_ERR_VALIDATION');
    await expectCode(ctx.db().apiKeys.create('acme', { name: '', scopes: ['read'], role: 'admin', createdBy: 'tester' }), 'SOC_ERR_VALIDATION');
    await expectCode(ctx.db().apiKeys.create('acme', { name: 'x', scopes: ['read'], createdBy: 'tester' }), 'SOC_ERR_VALIDATION');
    await expectCode(ctx.db().apiKeys.create('acme', { name: 'x', scopes: ['read'], role: 'admin', userId: 'u-1', createdBy: 'tester' }), 'SOC_ERR_VALIDATION');
    await expectCode(ctx.db().apiKeys.create('acme', { name: 'x', scopes: ['read'], role: 'root' as 'admin', createdBy: 'tester' }), 'SOC_ERR_VALIDATION');
    await expectCode(ctx.db().apiKeys.create('acme', { name: 'x', scopes: ['read'], role: 'admin', createdBy: '' }), 'SOC_ERR_VALIDATION');
    await expectCode(ctx.db().apiKeys.create('no-such-tenant', { name: 'x', scopes: ['read'], role: 'admin', createdBy: 'tester' }), 'SOC_ERR_VALIDATION');
  });

  it('imports a key with a chosen plaintext idempotently and refuses a prefix clash', async () => {
    const plaintext = `soc_boot0001_${'Q'.repeat(43)}`;
    const first = await ctx.db().apiKeys.importKey('acme', { name: 'bootstrap', scopes: ['admin'], role: 'admin', createdBy: 'tester', plaintext });
    expect(first).toMatchObject({ tenantId: 'acme', prefix: 'boot0001', scopes: ['admin'], role: 'admin', createdBy: 'tester' });
    expect(await ctx.db().apiKeys.importKey('acme', { name: 'bootstrap', scopes: ['admin'], role: 'admin', createdBy: 'tester', plaintext })).toEqual(first);
    expect(await ctx.db().apiKeys.authenticate(plaintext)).toEqual({ keyId: first.id, tenantId: 'acme', scopes: ['admin'], userId: null, roles: ['admin'] });
    await expectCode(ctx.db().apiKeys.importKey('acme', { name: 'b', scopes: ['admin'], role: 'admin', createdBy: 'tester', plaintext: `soc_boot0001_${'R'.repeat(43)}` }), 'SOC_ERR_DB_CONFLICT');
    await expectCode(ctx.db().apiKeys.importKey('globex', { name: 'b', scopes: ['admin'], role: 'admin', createdBy: 'tester', plaintext }), 'SOC_ERR_DB_CONFLICT');
    await expectCode(ctx.db().apiKeys.importKey('acme', { name: 'b', scopes: ['admin'], role: 'admin', createdBy: 'tester', plaintext: 'soc_BAD' }), 'SOC_ERR_VALIDATION');
  });
}
