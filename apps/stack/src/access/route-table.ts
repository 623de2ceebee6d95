import type { Permission } from '@soc/iam';
import { type AccessFixture, EVENT_DAY, type Req, type TenantSeed, ruleText } from './access-fixture';

/** Whose ids a request names (`target`), and whose names it invents for new things (`caller`). */
export interface RequestContext {
  readonly fx: AccessFixture;
  readonly target: TenantSeed;
  readonly caller: TenantSeed;
}

/** One gateway route: the permission it must check and a request an allowed caller succeeds with. */
export interface RouteRow {
  readonly method: 'GET' | 'POST';
  /** As registered with fastify. */
  readonly url: string;
  readonly permission: Permission;
  /** Statuses of a successful request. */
  readonly ok: readonly number[];
  /** True when the request names the target's objects by id (another tenant gets 404). */
  readonly refs: boolean;
  readonly request: (c: RequestContext) => Req | Promise<Req>;
}

const get = (url: string): Req => ({ method: 'GET', url });
const post = (url: string, payload: unknown, headers?: Record<string, string>): Req => ({ method: 'POST', url, payload, ...(headers ? { headers } : {}) });
const reason = { reason: 'access matrix' };

/**
 * Every non-public route of the gateway. The role matrix spec fails when a registered route is
 * missing here or declares another permission, so a new route cannot ship unchecked.
 */
export const ROUTES: readonly RouteRow[] = [
  {
    method: 'POST', url: '/v1/ingest/:source', permission: 'events:ingest', ok: [202], refs: false,
    request: ({ fx, caller }) => post('/v1/ingest/okta', `{"eventType":"user.session.start","uuid":"${caller.id}-${fx.next()}"}`, { 'content-type': 'application/x-ndjson' }),
  },
  { method: 'POST', url: '/v1/events/search', permission: 'events:read', ok: [200], refs: false, request: () => post('/v1/events/search', EVENT_DAY) },
  { method: 'POST', url: '/v1/events/aggregate', permission: 'events:read', ok: [200], refs: false, request: () => post('/v1/events/aggregate', { ...EVENT_DAY, groupBy: { field: 'device.hostname' } }) },
  { method: 'GET', url: '/v1/dead-letters', permission: 'dead_letters:read', ok: [200], refs: false, request: () => get('/v1/dead-letters') },
  {
    method: 'POST', url: '/v1/rules/import', permission: 'rules:write', ok: [200], refs: false,
    request: ({ caller }) => post('/v1/rules/import', { files: [{ path: `${caller.id}.yml`, content: ruleText(caller.ruleId, `${caller.id} rule`, caller.id) }] }),
  },
  { method: 'GET', url: '/v1/rules', permission: 'rules:read', ok: [200], refs: false, request: () => get('/v1/rules') },
  { method: 'GET', url: '/v1/rules/:id', permission: 'rules:read', ok: [200], refs: true, request: ({ target }) => get(`/v1/rules/${target.ruleId}`) },
  { method: 'GET', url: '/v1/rules/:id/versions', permission: 'rules:read', ok: [200], refs: true, request: ({ target }) => get(`/v1/rules/${target.ruleId}/versions`) },
  { method: 'GET', url: '/v1/rules/:id/versions/:version', permission: 'rules:read', ok: [200], refs: true, request: ({ target }) => get(`/v1/rules/${target.ruleId}/versions/1`) },
  { method: 'POST', url: '/v1/rules/:id/enable', permission: 'rules:write', ok: [200], refs: true, request: ({ target }) => post(`/v1/rules/${target.ruleId}/enable`, reason) },
  { method: 'POST', url: '/v1/rules/:id/disable', permission: 'rules:write', ok: [200], refs: true, request: ({ target }) => post(`/v1/rules/${target.ruleId}/disable`, reason) },
  {
    method: 'POST', url: '/v1/rules/:id/exceptions', permission: 'rules:write', ok: [201], refs: true,
    request: ({ fx, target }) => post(`/v1/rules/${target.ruleId}/exceptions`, { field: 'User', op: 'eq', values: [`svc-${fx.next()}`], ...reason }),
  },
  {
    method: 'POST', url: '/v1/rules/:id/exceptions/:exceptionId/revoke', permission: 'rules:write', ok: [200], refs: true,
    request: async ({ fx, target }) => post(`/v1/rules/${target.ruleId}/exceptions/${await fx.freshException(target)}/revoke`, reason),
  },
  { method: 'GET', url: '/v1/rules/:id/exceptions', permission: 'rules:read', ok: [200], refs: true, request: ({ target }) => get(`/v1/rules/${target.ruleId}/exceptions`) },
  {
    method: 'POST', url: '/v1/rules/test', permission: 'rules:test', ok: [200], refs: false,
    request: ({ caller }) => post('/v1/rules/test', { rule: ruleText(caller.ruleId, 'probe', 'probe'), events: [{ CommandLine: 'probe' }] }),
  },
  { method: 'GET', url: '/v1/alerts', permission: 'alerts:read', ok: [200], refs: false, request: () => get('/v1/alerts') },
  { method: 'GET', url: '/v1/alerts/:id', permission: 'alerts:read', ok: [200], refs: true, request: ({ target }) => get(`/v1/alerts/${target.alertId}`) },
  { method: 'GET', url: '/v1/audit', permission: 'audit:read', ok: [200], refs: false, request: () => get('/v1/audit?limit=1000') },
  { method: 'GET', url: '/v1/audit/verify', permission: 'audit:verify', ok: [200], refs: false, request: () => get('/v1/audit/verify') },
  { method: 'GET', url: '/v1/cases', permission: 'cases:read', ok: [200], refs: false, request: () => get('/v1/cases') },
  { method: 'GET', url: '/v1/cases/:id', permission: 'cases:read', ok: [200], refs: true, request: ({ target }) => get(`/v1/cases/${target.caseId}`) },
  { method: 'GET', url: '/v1/entities/:type/:id', permission: 'entities:read', ok: [200], refs: true, request: ({ target }) => get(`/v1/entities/host/${target.id}-host?depth=2`) },
  {
    method: 'POST', url: '/v1/cases/:id/status', permission: 'cases:update', ok: [200], refs: true,
    request: ({ fx, target }) => post(`/v1/cases/${target.caseId}/status`, { status: fx.next() % 2 ? 'triaged' : 'investigating', ...reason }),
  },
  { method: 'POST', url: '/v1/cases/:id/assign', permission: 'cases:assign', ok: [200], refs: true, request: ({ fx, target }) => post(`/v1/cases/${target.caseId}/assign`, { owner: `analyst-${fx.next()}`, ...reason }) },
  {
    method: 'POST', url: '/v1/cases/:id/sla', permission: 'cases:sla', ok: [200], refs: true,
    request: ({ fx, target }) => post(`/v1/cases/${target.caseId}/sla`, { dueAt: new Date(Date.UTC(2030, 0, 1) + fx.next() * 60_000).toISOString(), ...reason }),
  },
  { method: 'POST', url: '/v1/cases/:id/notes', permission: 'cases:update', ok: [201], refs: true, request: ({ target }) => post(`/v1/cases/${target.caseId}/notes`, { body: 'checked the host' }) },
  {
    method: 'POST', url: '/v1/users', permission: 'users:manage', ok: [201], refs: false,
    request: ({ fx, caller }) => {
      const n = fx.next();
      return post('/v1/users', { email: `new-${n}@${caller.id}.test`, displayName: `${caller.id} new ${n}`, roles: ['viewer'] });
    },
  },
  { method: 'GET', url: '/v1/users', permission: 'users:manage', ok: [200], refs: false, request: () => get('/v1/users?limit=500&includeDisabled=true') },
  { method: 'GET', url: '/v1/users/:id', permission: 'users:manage', ok: [200], refs: true, request: ({ target }) => get(`/v1/users/${target.userIds.viewer}`) },
  { method: 'POST', url: '/v1/users/:id/disable', permission: 'users:manage', ok: [200], refs: true, request: async ({ fx, target }) => post(`/v1/users/${await fx.freshUser(target)}/disable`, reason) },
  { method: 'POST', url: '/v1/users/:id/roles', permission: 'users:manage', ok: [200, 201], refs: true, request: ({ target }) => post(`/v1/users/${target.userIds.viewer}/roles`, { role: 'viewer' }) },
  {
    method: 'POST', url: '/v1/users/:id/roles/:role/revoke', permission: 'users:manage', ok: [200], refs: true,
    request: async ({ fx, target }) => post(`/v1/users/${await fx.freshUser(target)}/roles/viewer/revoke`, reason),
  },
  { method: 'POST', url: '/v1/keys', permission: 'keys:manage', ok: [201], refs: false, request: ({ fx, caller }) => post('/v1/keys', { name: `${caller.id}-new-${fx.next()}`, scopes: ['read'], role: 'viewer' }) },
  { method: 'GET', url: '/v1/keys', permission: 'keys:manage', ok: [200], refs: false, request: () => get('/v1/keys') },
  { method: 'POST', url: '/v1/keys/:id/revoke', permission: 'keys:manage', ok: [200], refs: true, request: async ({ fx, target }) => post(`/v1/keys/${await fx.freshKey(target)}/revoke`, reason) },
  { method: 'GET', url: '/v1/tenants', permission: 'tenants:read', ok: [200], refs: false, request: () => get('/v1/tenants') },
  { method: 'POST', url: '/v1/tenants', permission: 'tenants:manage', ok: [201], refs: false, request: ({ fx, caller }) => post('/v1/tenants', { id: `${caller.id}-child-${fx.next()}`, name: 'Onboarded' }) },
];

/** Routes anyone may call: probes, metrics and the API documentation. */
export const PUBLIC_ROUTES = ['GET /healthz', 'GET /readyz', 'GET /metrics'];
export const isDocsRoute = (url: string): boolean => url === '/docs' || url.startsWith('/docs/');
