import { isReadPermission } from '@soc/iam';
import { AccessFixture, EVENT_DAY, type TenantSeed, ruleText } from './access-fixture';
import { ROUTES } from './route-table';

const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/**
 * Tenant isolation over every route, on the real stack. Tenants: zqalpha (an MSSP parent),
 * zqkiddo (its child) and zqbravo (unrelated). Each tenant's id is a marker in all its data.
 */
describe('cross-tenant access over every gateway route', () => {
  let fx: AccessFixture;
  let alpha: TenantSeed;
  let kid: TenantSeed;
  let bravo: TenantSeed;
  beforeAll(async () => {
    fx = await AccessFixture.open();
    ({ alpha, kid, bravo } = fx.tenants);
  }, 120_000);
  afterAll(async () => fx?.close());

  const leaks = (body: string, ...others: TenantSeed[]): string[] => others.flatMap((t) => t.markers.filter((m) => body.includes(m)));

  it("never shows another tenant's data, even when given that tenant's ids", async () => {
    const wrong: string[] = [];
    for (const [caller, target] of [[bravo, alpha], [alpha, bravo], [kid, alpha]] as const) {
      const others = [alpha, kid, bravo].filter((t) => t !== caller);
      // The tenant list is the one place a parent and its child name each other (see the next test).
      const strangers = others.filter((o) => !(new Set([caller.id, o.id]).has(alpha.id) && new Set([caller.id, o.id]).has(kid.id)));
      for (const row of ROUTES) {
        const res = await fx.send(await row.request({ fx, target, caller }), caller.keys.owner);
        const outcome = `${caller.id} -> ${target.id} ${keyOf(row)}: ${res.statusCode}`;
        if (row.refs) {
          // Another tenant's object does not exist for the caller: 404, never 403 (no existence oracle).
          if (res.statusCode !== 404 || res.json().error.code !== 'SOC_ERR_NOT_FOUND') wrong.push(`${outcome}, expected 404`);
        } else if (!row.ok.includes(res.statusCode)) {
          wrong.push(`${outcome}, expected ${row.ok.join('/')}`);
        } else {
          const seen = leaks(res.body, ...(keyOf(row) === 'GET /v1/tenants' ? strangers : others));
          if (seen.length > 0) wrong.push(`${outcome} shows ${seen.join(', ')}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('shows each tenant its own data on the list routes', async () => {
    for (const t of [alpha, kid, bravo]) {
      for (const url of ['/v1/alerts', '/v1/cases', '/v1/rules', '/v1/dead-letters', '/v1/users', '/v1/keys', '/v1/audit?limit=1000']) {
        const body = (await fx.send({ method: 'GET', url }, t.keys.owner)).body;
        expect([url, body.includes(t.id)]).toEqual([url, true]);
      }
      const tenants = (await fx.send({ method: 'GET', url: '/v1/tenants' }, t.keys.owner)).json<{ items: { id: string; parentTenantId: string | null }[] }>().items;
      const own = t === alpha ? [alpha.id, kid.id] : [t.id];
      expect(tenants[0]).toMatchObject({ id: t.id, parentTenantId: t === kid ? alpha.id : null });
      expect(tenants.map((x) => x.id).filter((id) => !id.startsWith(`${t.id}-child-`))).toEqual(own);
      const search = await fx.send({ method: 'POST', url: '/v1/events/search', payload: EVENT_DAY }, t.keys.owner);
      expect(search.json<{ events: { event: { message: string } }[] }>().events.map((e) => e.event.message)).toEqual([`${t.id} event`]);
    }
  });

  it("keeps probes by id, filter, text and retro-hunt inside the caller's tenant", async () => {
    const send = (method: 'GET' | 'POST', url: string, payload?: unknown) => fx.send({ method, url, ...(payload ? { payload } : {}) }, bravo.keys.owner);
    expect((await send('POST', '/v1/keys', { name: 'steal', scopes: ['admin'], userId: alpha.userIds.owner })).statusCode).toBe(404);
    expect((await send('GET', `/v1/audit?targetId=${alpha.userIds.owner}`)).json().items).toEqual([]);
    expect((await send('GET', `/v1/alerts?ruleId=${alpha.ruleId}`)).json().items).toEqual([]);
    expect((await send('POST', '/v1/events/search', { ...EVENT_DAY, text: alpha.id })).json().events).toEqual([]);
    // A retro-hunt over the day that holds one event per tenant evaluates the caller's event only.
    const hunt = await send('POST', '/v1/rules/test', { rule: ruleText('c0ffee00-0000-4000-8000-00000000dddd', 'hunt', 'run'), ...EVENT_DAY });
    expect(hunt.json().stored).toMatchObject({ evaluated: 1 });
    expect(leaks(hunt.body, alpha, kid)).toEqual([]);
  });

  it('left no trace of the other tenants in anyone\'s audit chain, and every chain verifies', async () => {
    for (const t of [alpha, kid, bravo]) {
      const foreignKeys = [alpha, kid, bravo].filter((o) => o !== t).flatMap((o) => Object.values(o.keyIds));
      const records = await fx.audit.list(t.id, { limit: 1000 });
      expect(records.filter((e) => foreignKeys.some((k) => e.actor.includes(k)))).toEqual([]);
      expect(await fx.audit.verifyChain(t.id)).toMatchObject({ ok: true });
    }
  });

  describe('MSSP delegated reads (X-Soc-Tenant)', () => {
    const delegatedCount = async (t: TenantSeed) => (await fx.audit.list(t.id, { action: 'iam.tenant.read_delegated', limit: 1000 })).length;

    it('lets the parent read its child on every read route, each read audited in the child chain only', async () => {
      const before = { kid: await delegatedCount(kid), alpha: await delegatedCount(alpha), bravo: await delegatedCount(bravo) };
      const wrong: string[] = [];
      let admitted = 0;
      for (const row of ROUTES.filter((r) => isReadPermission(r.permission))) {
        const res = await fx.send(await row.request({ fx, target: kid, caller: alpha }), alpha.keys.owner, { 'x-soc-tenant': kid.id });
        admitted++;
        if (!row.ok.includes(res.statusCode)) wrong.push(`${keyOf(row)}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (leaks(res.body, bravo).length > 0) wrong.push(`${keyOf(row)} shows bravo data`);
      }
      expect(wrong).toEqual([]);
      expect(await delegatedCount(kid)).toBe(before.kid + admitted);
      expect(await delegatedCount(alpha)).toBe(before.alpha);
      expect(await delegatedCount(bravo)).toBe(before.bravo);
      const last = (await fx.audit.list(kid.id, { action: 'iam.tenant.read_delegated', limit: 1000 })).at(-1);
      expect(last).toMatchObject({
        actor: `tenant:${alpha.id}/user:${alpha.userIds.owner}/api-key:${alpha.keyIds.owner}`,
        targetType: 'tenant',
        targetId: kid.id,
        details: { parentTenantId: alpha.id, keyId: alpha.keyIds.owner, userId: alpha.userIds.owner, method: 'GET', route: '/v1/tenants', url: '/v1/tenants' },
      });
    });

    it("reads the child's data, not the parent's", async () => {
      const alerts = await fx.send({ method: 'GET', url: '/v1/alerts' }, alpha.keys.viewer, { 'x-soc-tenant': kid.id });
      expect(alerts.json().items.map((a: { id: string }) => a.id)).toEqual([kid.alertId]);
      const one = await fx.send({ method: 'GET', url: `/v1/cases/${alpha.caseId}` }, alpha.keys.viewer, { 'x-soc-tenant': kid.id });
      expect(one.statusCode).toBe(404);
      // Delegation never adds permissions: a viewer of the parent still cannot read the child's audit trail.
      const audit = await fx.send({ method: 'GET', url: '/v1/audit' }, alpha.keys.viewer, { 'x-soc-tenant': kid.id });
      expect(audit.json()).toMatchObject({ error: { code: 'SOC_ERR_FORBIDDEN', details: { permission: 'audit:read' } } });
    });

    it('refuses every write route with the header, even for the parent owner', async () => {
      const before = await delegatedCount(kid);
      for (const row of ROUTES.filter((r) => !isReadPermission(r.permission))) {
        const res = await fx.send(await row.request({ fx, target: kid, caller: alpha }), alpha.keys.owner, { 'x-soc-tenant': kid.id });
        expect([keyOf(row), res.statusCode, res.json().error]).toEqual([keyOf(row), 403, expect.objectContaining({ code: 'SOC_ERR_FORBIDDEN', details: { permission: row.permission, reason: 'delegation-read-only' } })]);
      }
      expect(await delegatedCount(kid)).toBe(before);
    });

    it('refuses child -> parent, sideways and unknown tenants with one indistinguishable answer', async () => {
      const counts = async () => Promise.all([alpha, kid, bravo].map(delegatedCount));
      const before = await counts();
      const answers = new Set<string>();
      for (const row of ROUTES.filter((r) => isReadPermission(r.permission))) {
        for (const [caller, header] of [[kid, alpha.id], [bravo, kid.id], [bravo, alpha.id], [alpha, bravo.id], [alpha, 'zqnobody'], [alpha, '../etc']] as const) {
          const res = await fx.send(await row.request({ fx, target: caller, caller }), caller.keys.owner, { 'x-soc-tenant': header });
          expect([keyOf(row), caller.id, header, res.statusCode]).toEqual([keyOf(row), caller.id, header, 403]);
          answers.add(JSON.stringify(res.json()));
        }
      }
      expect([...answers]).toEqual([JSON.stringify({ error: { code: 'SOC_ERR_FORBIDDEN', message: 'no delegated access to that tenant', details: { reason: 'not-a-child-tenant' } } })]);
      expect(await counts()).toEqual(before);
    });
  });
});
