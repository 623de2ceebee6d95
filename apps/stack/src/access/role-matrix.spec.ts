import { type ApiKeyScope, PERMISSIONS, ROLES, type Role } from '@soc/iam';
import { routeCatalog } from '@soc/http';
import { AccessFixture } from './access-fixture';
import { PUBLIC_ROUTES, ROUTES, type RouteRow, isDocsRoute } from './route-table';

const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/**
 * Every route x every role, on the real stack: an allowed role succeeds, any other gets 403
 * SOC_ERR_FORBIDDEN naming the route's permission. The table is checked against the routes the
 * stack actually registered, so a route added without a row (or with another permission) fails.
 */
describe('role matrix over every gateway route', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await AccessFixture.open();
  }, 120_000);
  afterAll(async () => fx?.close());

  it('has a row for every registered route, with the permission the route declares', () => {
    const registered = routeCatalog(fx.stack.http).filter((r) => r.method !== 'HEAD');
    const open = registered.filter((r) => r.public && !isDocsRoute(r.url)).map(keyOf);
    expect(open.sort()).toEqual([...PUBLIC_ROUTES].sort());
    const checked = registered.filter((r) => !r.public);
    expect(checked.map((r) => [keyOf(r), r.permission]).sort()).toEqual(ROUTES.map((r) => [keyOf(r), r.permission]).sort());
    expect(new Set(ROUTES.map(keyOf)).size).toBe(ROUTES.length);
  });

  /** Sends each row's request with `key`; returns the rows whose outcome differs from `allowed(row)`. */
  async function sweep(key: string, allowed: (row: RouteRow) => boolean): Promise<string[]> {
    const wrong: string[] = [];
    const alpha = fx.tenants.alpha;
    for (const row of ROUTES) {
      const res = await fx.send(await row.request({ fx, target: alpha, caller: alpha }), key);
      if (allowed(row)) {
        if (!row.ok.includes(res.statusCode)) wrong.push(`${keyOf(row)}: expected ${row.ok.join('/')}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
      } else {
        const body = res.json<{ error?: { code?: string; details?: { permission?: string } } }>();
        if (res.statusCode !== 403 || body.error?.code !== 'SOC_ERR_FORBIDDEN' || body.error.details?.permission !== row.permission) {
          wrong.push(`${keyOf(row)}: expected 403 naming ${row.permission}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
    }
    return wrong;
  }

  it.each(ROLES)('%s: allowed exactly where the matrix grants the route permission', async (role: Role) => {
    const grants = (row: RouteRow) => (PERMISSIONS[row.permission].roles as readonly Role[]).includes(role);
    expect(await sweep(fx.tenants.alpha.keys[role], grants)).toEqual([]);
  }, 60_000);

  it.each<[ApiKeyScope[]]>([[['read']], [['ingest']], [['read', 'write']]])('an owner key with scopes %j: allowed only where the scopes reach', async (scopes) => {
    const key = await fx.keyFor(fx.tenants.alpha, 'owner', scopes);
    expect(await sweep(key, (row) => (scopes as readonly string[]).includes(PERMISSIONS[row.permission].scope))).toEqual([]);
  }, 60_000);

  it('answers 401 with SOC_ERR_UNAUTHENTICATED on every route without a valid key', async () => {
    const alpha = fx.tenants.alpha;
    for (const row of ROUTES) {
      const req = await row.request({ fx, target: alpha, caller: alpha });
      for (const key of ['', 'soc_zzzzzzzz_' + 'A'.repeat(43)]) {
        const res = await fx.send(req, key);
        expect([keyOf(row), res.statusCode, res.json().error.code]).toEqual([keyOf(row), 401, 'SOC_ERR_UNAUTHENTICATED']);
      }
    }
  }, 60_000);
});
