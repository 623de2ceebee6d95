import { AccessFixture, type Req, type TenantSeed } from './access-fixture';

/**
 * The identity routes on the real stack: keys shown once and audited, the no-grant-above-own
 * rule, roles resolved from bindings at every request, disabled users, child tenants, and
 * refused authentications counted.
 */
describe('identity and access routes', () => {
  let fx: AccessFixture;
  let alpha: TenantSeed;
  beforeAll(async () => {
    fx = await AccessFixture.open();
    alpha = fx.tenants.alpha;
  }, 120_000);
  afterAll(async () => fx?.close());

  const post = (url: string, payload: unknown): Req => ({ method: 'POST', url, payload });
  const get = (url: string): Req => ({ method: 'GET', url });
  const actorOf = (t: TenantSeed, role: 'owner' | 'admin') => `user:${t.userIds[role]}/api-key:${t.keyIds[role]}`;
  const trail = (targetId: string) => fx.audit.list(alpha.id, { targetId, limit: 1000 });

  it('shows a new key once, lists keys without secrets, and audits creation and revocation', async () => {
    const created = await fx.send(post('/v1/keys', { name: 'pipeline', scopes: ['ingest'], role: 'admin' }), alpha.keys.admin);
    expect(created.statusCode).toBe(201);
    const { key, plaintext } = created.json<{ key: { id: string; prefix: string }; plaintext: string }>();
    expect(plaintext).toMatch(new RegExp(`^soc_${key.prefix}_[A-Za-z0-9_-]{43}$`));
    const ingest = { method: 'POST' as const, url: '/v1/ingest/okta', payload: '{"eventType":"x"}', headers: { 'content-type': 'application/x-ndjson' } };
    expect((await fx.send(ingest, plaintext)).statusCode).toBe(202);
    const listed = (await fx.send(get('/v1/keys'), alpha.keys.owner)).body;
    expect(listed).toContain(key.id);
    expect(listed).not.toContain(plaintext.slice(13));
    expect(listed).not.toMatch(/[0-9a-f]{64}/);

    const revoked = await fx.send(post(`/v1/keys/${key.id}/revoke`, { reason: 'rotated' }), alpha.keys.owner);
    expect(revoked.json()).toMatchObject({ id: key.id, revokedAt: expect.any(String) });
    expect((await fx.send(ingest, plaintext)).statusCode).toBe(401);
    expect((await trail(key.id)).map((e) => [e.action, e.actor, e.reason])).toEqual([
      ['iam.key.created', actorOf(alpha, 'admin'), null],
      ['iam.key.revoked', actorOf(alpha, 'owner'), 'rotated'],
    ]);
    expect(JSON.stringify(await trail(key.id))).not.toContain(plaintext.slice(13));
  });

  it('never lets anyone grant, mint, strip or disable above their own role', async () => {
    const above = { code: 'SOC_ERR_FORBIDDEN', details: { reason: 'role-above-own', roles: ['owner'] } };
    const adminKey = alpha.keys.admin;
    expect((await fx.send(post('/v1/keys', { name: 'x', scopes: ['admin'], role: 'owner' }), adminKey)).json().error).toMatchObject(above);
    expect((await fx.send(post('/v1/keys', { name: 'x', scopes: ['read'], userId: alpha.userIds.owner }), adminKey)).json().error).toMatchObject(above);
    expect((await fx.send(post(`/v1/users/${alpha.userIds.admin}/roles`, { role: 'owner' }), adminKey)).json().error).toMatchObject(above);
    expect((await fx.send(post('/v1/users', { email: 'boss@zqalpha.test', displayName: 'Boss', roles: ['owner'] }), adminKey)).json().error).toMatchObject(above);
    expect((await fx.send(post(`/v1/users/${alpha.userIds.owner}/roles/owner/revoke`, { reason: 'coup' }), adminKey)).json().error).toMatchObject(above);
    expect((await fx.send(post(`/v1/users/${alpha.userIds.owner}/disable`, { reason: 'coup' }), adminKey)).json().error).toMatchObject(above);
    expect((await fx.send(post(`/v1/keys/${alpha.keyIds.owner}/revoke`, { reason: 'coup' }), adminKey)).json().error).toMatchObject(above);
    // The owner still holds everything, and an admin may hand out what it holds itself.
    expect((await fx.send(get('/v1/keys'), alpha.keys.owner)).statusCode).toBe(200);
    expect((await fx.send(post('/v1/keys', { name: 'peer', scopes: ['read'], role: 'admin' }), adminKey)).statusCode).toBe(201);
    expect((await fx.send(post('/v1/keys', { name: 'boss', scopes: ['read'], role: 'owner' }), alpha.keys.owner)).statusCode).toBe(201);
  });

  it("resolves a user key's permissions from the user's role bindings at every request", async () => {
    const created = await fx.send(post('/v1/users', { email: 'ana@zqalpha.test', displayName: 'Ana', roles: ['analyst'] }), alpha.keys.admin);
    expect(created.statusCode).toBe(201);
    const user = created.json<{ id: string; roles: string[] }>();
    expect(user.roles).toEqual(['analyst']);
    const key = (await fx.send(post('/v1/keys', { name: 'ana', scopes: ['read', 'write'], userId: user.id }), alpha.keys.admin)).json<{ plaintext: string }>().plaintext;
    const assign = () => fx.send(post(`/v1/cases/${alpha.caseId}/assign`, { owner: 'ana', reason: 'mine' }), key);
    expect((await assign()).json().error).toMatchObject({ code: 'SOC_ERR_FORBIDDEN', details: { permission: 'cases:assign' } });
    expect((await fx.send(post(`/v1/users/${user.id}/roles`, { role: 'soc_lead', reason: 'promoted' }), alpha.keys.admin)).statusCode).toBe(201);
    expect((await fx.send(post(`/v1/users/${user.id}/roles`, { role: 'soc_lead' }), alpha.keys.admin)).statusCode).toBe(200);
    expect((await assign()).statusCode).toBe(200);
    expect((await fx.send(post(`/v1/users/${user.id}/roles/soc_lead/revoke`, { reason: 'demoted' }), alpha.keys.admin)).statusCode).toBe(200);
    expect((await assign()).statusCode).toBe(403);
    // The case change names the user behind the key.
    expect((await fx.audit.list(alpha.id, { targetId: alpha.caseId, action: 'case.owner.changed' })).at(-1)?.actor).toMatch(new RegExp(`^user:${user.id}/api-key:`));
    expect((await trail(user.id)).map((e) => [e.action, e.details['role'] ?? null, e.reason])).toEqual([
      ['iam.user.created', null, null],
      ['iam.role.granted', 'analyst', null],
      ['iam.role.granted', 'soc_lead', 'promoted'],
      ['iam.role.revoked', 'soc_lead', 'demoted'],
    ]);

    const disabled = await fx.send(post(`/v1/users/${user.id}/disable`, { reason: 'left the team' }), alpha.keys.admin);
    expect(disabled.json()).toMatchObject({ id: user.id, disabledAt: expect.any(String), disabledBy: actorOf(alpha, 'admin') });
    expect((await fx.send(get('/v1/cases'), key)).statusCode).toBe(401);
    expect((await fx.send(post(`/v1/users/${user.id}/roles`, { role: 'viewer' }), alpha.keys.admin)).json().error.code).toBe('SOC_ERR_IAM_USER_DISABLED');
    expect((await trail(user.id)).at(-1)).toMatchObject({ action: 'iam.user.disabled', reason: 'left the team', actor: actorOf(alpha, 'admin') });
    expect((await fx.send(post('/v1/users', { email: 'ANA@zqalpha.test', displayName: 'Ana again' }), alpha.keys.admin)).json().error.code).toBe('SOC_ERR_IAM_USER_EXISTS');
  });

  it('validates key requests', async () => {
    const bad = async (payload: unknown) => (await fx.send(post('/v1/keys', payload), alpha.keys.owner)).json().error.code;
    expect(await bad({ name: 'x', scopes: ['read'] })).toBe('SOC_ERR_VALIDATION');
    expect(await bad({ name: 'x', scopes: ['read'], role: 'viewer', userId: alpha.userIds.viewer })).toBe('SOC_ERR_VALIDATION');
    expect(await bad({ name: 'x', scopes: ['root'], role: 'viewer' })).toBe('SOC_ERR_VALIDATION');
    expect(await bad({ name: 'x', scopes: ['read'], role: 'viewer', expiresAt: '2020-01-01T00:00:00Z' })).toBe('SOC_ERR_VALIDATION');
    expect(await bad({ name: 'x', scopes: ['read'], userId: 'no-such-user' })).toBe('SOC_ERR_NOT_FOUND');
  });

  it('lets an owner create a child tenant with its own owner key, audited in both chains', async () => {
    const res = await fx.send(post('/v1/tenants', { id: 'zqalpha-shop', name: 'Shop', reason: 'new customer' }), alpha.keys.owner);
    expect(res.statusCode).toBe(201);
    const body = res.json<{ tenant: { id: string; parentTenantId: string }; ownerKey: { key: { role: string }; plaintext: string } }>();
    expect(body.tenant).toMatchObject({ id: 'zqalpha-shop', parentTenantId: alpha.id });
    expect(body.ownerKey.key.role).toBe('owner');
    const childView = (await fx.send(get('/v1/tenants'), body.ownerKey.plaintext)).json();
    expect(childView.items).toEqual([expect.objectContaining({ id: 'zqalpha-shop', parentTenantId: alpha.id })]);
    expect((await fx.audit.list(alpha.id, { targetId: 'zqalpha-shop' })).map((e) => [e.action, e.actor, e.reason])).toEqual([['iam.tenant.created', actorOf(alpha, 'owner'), 'new customer']]);
    expect((await fx.audit.list('zqalpha-shop')).map((e) => e.action)).toEqual(['iam.tenant.created', 'iam.key.created']);
    expect((await fx.send(get('/v1/alerts'), alpha.keys.viewer, { 'x-soc-tenant': 'zqalpha-shop' })).json()).toEqual({ items: [] });
    const again = await fx.send(post('/v1/tenants', { id: 'zqalpha-shop', name: 'Again' }), alpha.keys.owner);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'SOC_ERR_IAM_TENANT_EXISTS']);
  });

  it('counts refused authentications by reason instead of auditing them', async () => {
    await fx.send(get('/v1/alerts'), 'soc_zzzzzzzz_' + 'A'.repeat(43));
    await fx.send(get('/v1/alerts'), 'not-a-key');
    const metrics = (await fx.stack.http.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/soc_auth_failures_total\{reason="unknown"\} [1-9]/);
    expect(metrics).toMatch(/soc_auth_failures_total\{reason="malformed"\} [1-9]/);
  });
});
