import type { FastifyInstance } from 'fastify';
import { createLogger } from '@soc/logging';
import { authorize, principalOf, requestActor } from './auth-hook';
import { type Authenticator, type DelegatedRead, type Principal, principalFor } from './principal';
import { createHttpServer } from './server';

const KEYS: Record<string, Principal> = {
  'viewer-p': principalFor({ tenantId: 'parent', keyId: 'k1', userId: 'u1', roles: ['viewer'], scopes: ['admin'] }),
  'owner-read': principalFor({ tenantId: 'parent', keyId: 'k2', roles: ['owner'], scopes: ['read'] }),
};

describe('authorize', () => {
  let app: FastifyInstance;
  const admitted: [string, string, DelegatedRead][] = [];
  const auth: Authenticator = {
    authenticate: async (t) => KEYS[t],
    // The one child of 'parent' is 'child'.
    admitDelegatedRead: async (p, tenantId, read) => {
      if (p.tenantId !== 'parent' || tenantId !== 'child') return false;
      admitted.push([p.tenantId, tenantId, read]);
      return true;
    },
  };

  beforeAll(async () => {
    app = await createHttpServer({ logger: createLogger({ level: 'silent', name: 't' }), bodyLimit: 1024, title: 't', version: '0', docs: false });
    const echo = async (req: Parameters<typeof principalOf>[0]) => ({ tenantId: principalOf(req).tenantId, actor: requestActor(req), from: principalOf(req).delegatedFrom ?? null });
    app.get('/v1/alerts/:id', authorize(auth, 'alerts:read'), echo);
    app.post('/v1/cases/:id/assign', authorize(auth, 'cases:assign'), echo);
    app.post('/v1/cases/:id/status', authorize(auth, 'cases:update'), echo);
    await app.ready();
  });
  afterAll(() => app.close());

  const call = (method: 'GET' | 'POST', url: string, key?: string, tenant?: string) =>
    app.inject({ method, url, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(tenant ? { 'x-soc-tenant': tenant } : {}) }, ...(method === 'POST' ? { payload: {} } : {}) });

  it('answers 401 without a valid bearer key, and 403 naming the missing permission', async () => {
    expect((await call('GET', '/v1/alerts/1')).json()).toMatchObject({ error: { code: 'SOC_ERR_UNAUTHENTICATED' } });
    expect((await call('GET', '/v1/alerts/1', 'nope')).statusCode).toBe(401);
    const denied = await call('POST', '/v1/cases/1/assign', 'viewer-p');
    expect([denied.statusCode, denied.json()]).toEqual([403, { error: { code: 'SOC_ERR_FORBIDDEN', message: expect.any(String), details: { permission: 'cases:assign' } } }]);
    // Scopes cap the role: an owner key with only the read scope cannot change a case.
    expect((await call('POST', '/v1/cases/1/status', 'owner-read')).json()).toMatchObject({ error: { code: 'SOC_ERR_FORBIDDEN', details: { permission: 'cases:update' } } });
    expect((await call('GET', '/v1/alerts/1', 'owner-read')).json()).toEqual({ tenantId: 'parent', actor: 'api-key:k2', from: null });
  });

  it('lets a parent read a direct child with X-Soc-Tenant, acting as the child, and records what was read', async () => {
    const res = await call('GET', '/v1/alerts/7?x=1', 'viewer-p', 'child');
    expect(res.json()).toEqual({ tenantId: 'child', actor: 'tenant:parent/user:u1/api-key:k1', from: 'parent' });
    expect(admitted.at(-1)).toEqual(['parent', 'child', { permission: 'alerts:read', method: 'GET', route: '/v1/alerts/:id', url: '/v1/alerts/7?x=1' }]);
    expect((await call('GET', '/v1/alerts/7', 'viewer-p', 'parent')).json()).toMatchObject({ tenantId: 'parent', from: null });
  });

  it('refuses delegation for writes, and for any tenant that is not a child, with one answer for all', async () => {
    const before = admitted.length;
    // The permission check comes first: a key that may not write gets the permission answer.
    expect((await call('POST', '/v1/cases/1/status', 'owner-read', 'child')).json().error.details).toEqual({ permission: 'cases:update' });
    KEYS['owner'] = principalFor({ tenantId: 'parent', keyId: 'k3', roles: ['owner'], scopes: ['admin'] });
    expect((await call('POST', '/v1/cases/1/status', 'owner', 'child')).json()).toMatchObject({ error: { code: 'SOC_ERR_FORBIDDEN', details: { reason: 'delegation-read-only' } } });
    const unrelated = await call('GET', '/v1/alerts/1', 'viewer-p', 'stranger');
    const missing = await call('GET', '/v1/alerts/1', 'viewer-p', 'no-such-tenant');
    expect(unrelated.statusCode).toBe(403);
    expect(missing.json()).toEqual(unrelated.json());
    expect(unrelated.json()).toMatchObject({ error: { code: 'SOC_ERR_FORBIDDEN', details: { reason: 'not-a-child-tenant' } } });
    expect(admitted.length).toBe(before);
  });
});
