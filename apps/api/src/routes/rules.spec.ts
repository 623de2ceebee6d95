import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '@soc/contracts';
import { type Database, DrizzleAuditRepository, DrizzleRuleRepository } from '@soc/db';
import type { Credential } from '@soc/http';
import { parseSigmaYaml } from '@soc/sigma';
import { buildZip } from '../rules/zip-fixture';
import { RouteSpecHarness, fixedKeys } from '../testing/route-spec-harness';
import { ruleRoutes } from './rules';

const REPO = path.resolve(__dirname, '../../../..');
const SIGMAHQ_RULES = path.resolve(REPO, '../shared/corpora/sigma/sigmahq/rules');
const NATIVE_RULES = path.join(REPO, 'libs/detection-content/rules');

// Keys as migration 0008 maps pre-role keys: admin scope -> owner, any other scope -> admin.
const KEYS: Record<string, Omit<Credential, 'keyId'>> = {
  'admin-a': { tenantId: 'tenant-a', roles: ['owner'], scopes: ['admin'] },
  'reader-a': { tenantId: 'tenant-a', roles: ['admin'], scopes: ['read'] },
  'admin-b': { tenantId: 'tenant-b', roles: ['owner'], scopes: ['admin'] },
};
const auth = fixedKeys(KEYS);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(name) ? [p] : [];
  });
}

const RULE_A = 'c0ffee00-0000-4000-8000-00000000000a';
const ruleText = (id: string, title: string, needle: string) =>
  `title: ${title}\nid: ${id}\nstatus: test\nlevel: medium\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  sel:\n    CommandLine|contains: ${needle}\n  condition: sel\n`;

describe('rule routes', () => {
  const clock = new ManualClock(Date.UTC(2026, 5, 1));
  let db: Database;
  let app: FastifyInstance;
  let h: RouteSpecHarness;

  beforeAll(async () => {
    h = await RouteSpecHarness.open('rules-routes', clock, { bodyLimit: 1024 * 1024 });
    db = h.db;
    app = h.app;
    await app.register(ruleRoutes, { auth, rules: new DrizzleRuleRepository(db, clock), maxImportBytes: 40 * 1024 * 1024 });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const call = (method: 'GET' | 'POST', url: string, key: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${key}`, ...headers }, ...(payload !== undefined ? { payload: payload as string } : {}) });
  const importJson = (files: { path: string; content: string }[], query = '', key = 'admin-a') => call('POST', `/v1/rules/import${query}`, key, { files });

  it('imports JSON files, reporting every document and every error per file', async () => {
    const broken = 'title: Broken\nid: c0ffee00-0000-4000-8000-0000000000bb\nlogsource: {product: windows}\ndetection:\n  sel: {a: 1}\n  condition: sel and missing\n';
    const res = await importJson([
      { path: 'a.yml', content: ruleText(RULE_A, 'Rule A', 'evil') },
      { path: 'broken.yml', content: broken },
      { path: 'not-yaml.yml', content: 'title: [unclosed' },
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.summary).toEqual({ files: 3, documents: 1, created: 1, updated: 0, unchanged: 0, rejected: 0, errors: 2 });
    expect(body.files[0]).toEqual({ path: 'a.yml', documents: [{ ruleId: RULE_A, title: 'Rule A', kind: 'detection', outcome: 'created', version: 1 }], errors: [] });
    expect(body.files[1].errors[0]).toMatchObject({ code: 'SOC_ERR_SIGMA_CONDITION_INVALID', rule: 'c0ffee00-0000-4000-8000-0000000000bb' });
    expect(body.files[2].errors[0]).toMatchObject({ code: 'SOC_ERR_SIGMA_RULE_INVALID', reason: 'yaml-syntax' });
    const again = await importJson([{ path: 'a.yml', content: ruleText(RULE_A, 'Rule A', 'evil') }]);
    expect(again.json().files[0].documents[0]).toMatchObject({ outcome: 'unchanged', version: 1 });
    const changed = await importJson([{ path: 'a.yml', content: ruleText(RULE_A, 'Rule A', 'worse') }]);
    expect(changed.json().files[0].documents[0]).toMatchObject({ outcome: 'updated', version: 2 });
  });

  it('imports the native multi-document files (rules plus correlations), each document with its own YAML', async () => {
    const files = yamlFiles(NATIVE_RULES).map((p) => ({ path: path.relative(NATIVE_RULES, p), content: readFileSync(p, 'utf8') }));
    const expected = files.reduce((n, f) => {
      const d = parseSigmaYaml(f.content, f.path);
      return n + d.rules.length + d.filters.length + d.correlations.length;
    }, 0);
    const body = (await importJson(files, '?origin=native')).json();
    expect(body.summary).toMatchObject({ files: files.length, documents: expected, created: expected, rejected: 0, errors: 0 });
    const spray = (await call('GET', '/v1/rules/314a7144-55ff-4e65-98c8-0af8786d2b0e', 'reader-a')).json();
    expect(spray).toMatchObject({ kind: 'correlation', origin: 'native', enabled: true, sourcePath: 'identity/password_spray.yml' });
    // The stored text is the correlation document alone and parses back to exactly it.
    const reparsed = parseSigmaYaml(spray.yaml);
    expect(reparsed.errors).toEqual([]);
    expect(reparsed.correlations.map((c) => c.id)).toEqual(['314a7144-55ff-4e65-98c8-0af8786d2b0e']);
    expect(reparsed.rules).toEqual([]);
  });

  it('imports the SigmaHQ rules folder as a ZIP, new rules disabled by default', async () => {
    const paths = yamlFiles(SIGMAHQ_RULES);
    const entries = paths.map((p) => ({ path: `rules/${path.relative(SIGMAHQ_RULES, p)}`, data: readFileSync(p) }));
    const zip = buildZip([{ path: 'rules/', data: Buffer.alloc(0), method: 0 }, ...entries, { path: 'rules/README.md', data: Buffer.from('# x') }]);
    const res = await call('POST', '/v1/rules/import?origin=sigmahq&reason=initial%20load', 'admin-a', zip, { 'content-type': 'application/zip' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.summary.files).toBe(paths.length);
    expect(paths.length).toBeGreaterThan(2500);
    // Every SigmaHQ rule is stored, the largest (~290 KB of driver hashes) included.
    expect(body.summary).toMatchObject({ documents: paths.length, created: paths.length, rejected: 0, errors: 0 });
    const listed = await call('GET', '/v1/rules?origin=sigmahq&enabled=false&limit=5', 'reader-a');
    expect(listed.json().items).toHaveLength(5);
    expect((await call('GET', '/v1/rules?origin=sigmahq&enabled=true', 'reader-a')).json().items).toHaveLength(0);
    const audit = await new DrizzleAuditRepository(db).list('tenant-a', { limit: 5 });
    expect(audit[0]).toMatchObject({ seq: 1, actor: 'api-key:admin-a', action: 'detection.rule.created' });
  }, 120_000);

  it('refuses a zip bomb and a corrupt archive with stable codes', async () => {
    const bomb = buildZip([{ path: 'rules/bomb.yml', data: Buffer.alloc(1_000_000, 0x20) }]);
    const r1 = await call('POST', '/v1/rules/import', 'admin-a', bomb, { 'content-type': 'application/zip' });
    expect(r1.statusCode).toBe(413);
    expect(r1.json().error).toMatchObject({ code: 'SOC_ERR_ZIP_LIMIT_EXCEEDED', details: { limit: 'ratio', entry: 'rules/bomb.yml' } });
    const r2 = await call('POST', '/v1/rules/import', 'admin-a', Buffer.from('PK\u0003\u0004 not a zip'), { 'content-type': 'application/zip' });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.code).toBe('SOC_ERR_ZIP_INVALID');
    const r3 = await call('POST', '/v1/rules/import', 'admin-a', 'title: x', { 'content-type': 'text/plain' });
    expect(r3.statusCode).toBe(415);
  });

  it('lists with filters and paging, shows a rule, its versions and one version', async () => {
    const page = (await call('GET', '/v1/rules?q=rule%20a&kind=detection', 'reader-a')).json();
    expect(page.items.map((r: { id: string }) => r.id)).toContain(RULE_A);
    const rule = (await call('GET', `/v1/rules/${RULE_A}`, 'reader-a')).json();
    expect(rule).toMatchObject({ id: RULE_A, version: 2, yaml: ruleText(RULE_A, 'Rule A', 'worse'), createdBy: 'api-key:admin-a' });
    const versions = (await call('GET', `/v1/rules/${RULE_A}/versions`, 'reader-a')).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v1 = (await call('GET', `/v1/rules/${RULE_A}/versions/1`, 'reader-a')).json();
    expect(v1.yaml).toBe(ruleText(RULE_A, 'Rule A', 'evil'));
    expect((await call('GET', `/v1/rules/${RULE_A}/versions/9`, 'reader-a')).statusCode).toBe(404);
    const first = (await call('GET', '/v1/rules?limit=2', 'reader-a')).json();
    const second = (await call('GET', `/v1/rules?limit=2&cursor=${first.nextCursor}`, 'reader-a')).json();
    expect(second.items[0].id).not.toBe(first.items[1].id);
    expect((await call('GET', '/v1/rules?cursor=abc', 'reader-a')).json().error.code).toBe('SOC_ERR_CURSOR_INVALID');
  });

  it('disables and enables with a reason; refuses without one', async () => {
    expect((await call('POST', `/v1/rules/${RULE_A}/disable`, 'admin-a', {})).statusCode).toBe(400);
    const off = await call('POST', `/v1/rules/${RULE_A}/disable`, 'admin-a', { reason: 'noisy on build servers' });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ enabled: false, updatedBy: 'api-key:admin-a' });
    expect((await call('POST', `/v1/rules/${RULE_A}/enable`, 'admin-a', { reason: 'tuned' })).json().enabled).toBe(true);
    const trail = await new DrizzleAuditRepository(db).list('tenant-a', { targetId: RULE_A });
    expect(trail.map((e) => e.action)).toEqual(['detection.rule.created', 'detection.rule.updated', 'detection.rule.disabled', 'detection.rule.enabled']);
  });

  it('adds field and filter exceptions, revokes one, and lists them with their state', async () => {
    const field = await call('POST', `/v1/rules/${RULE_A}/exceptions`, 'admin-a', { field: 'User', op: 'eq', values: ['svc_build'], reason: 'build account' });
    expect(field.statusCode).toBe(201);
    // Exceptions list oldest first; within one millisecond their uuidv7 ids are random.
    clock.advance(1);
    const filterYaml = `title: Skip the build host\nlogsource:\n  product: windows\nfilter:\n  rules:\n    - ${RULE_A}\n  sel:\n    Computer: build01\n  condition: not sel\n`;
    const filter = await call('POST', `/v1/rules/${RULE_A}/exceptions`, 'admin-a', { filterYaml, reason: 'build host', expiresAt: new Date(clock.now() + 3_600_000).toISOString() });
    expect(filter.statusCode).toBe(201);
    const notFilter = await call('POST', `/v1/rules/${RULE_A}/exceptions`, 'admin-a', { filterYaml: ruleText('x', 'y', 'z'), reason: 'r' });
    expect(notFilter.json().error.code).toBe('SOC_ERR_VALIDATION');
    const both = await call('POST', `/v1/rules/${RULE_A}/exceptions`, 'admin-a', { filterYaml, field: 'a', op: 'eq', values: ['b'], reason: 'r' });
    expect(both.statusCode).toBe(400);
    const id = field.json().id as string;
    const revoked = await call('POST', `/v1/rules/${RULE_A}/exceptions/${id}/revoke`, 'admin-a', { reason: 'account removed' });
    expect(revoked.json()).toMatchObject({ state: 'revoked', revokedBy: 'api-key:admin-a', revokeReason: 'account removed' });
    clock.advance(3_600_000);
    const listed = (await call('GET', `/v1/rules/${RULE_A}/exceptions`, 'reader-a')).json();
    expect(listed.items.map((e: { id: string; state: string }) => [e.id, e.state])).toEqual([
      [id, 'revoked'],
      [filter.json().id, 'expired'],
    ]);
    expect((await call('POST', `/v1/rules/other/exceptions/${id}/revoke`, 'admin-a', { reason: 'x' })).statusCode).toBe(404);
  });

  it('answers 404 across tenants and 403 to a read-only key for every change', async () => {
    for (const url of [`/v1/rules/${RULE_A}`, `/v1/rules/${RULE_A}/versions`, `/v1/rules/${RULE_A}/versions/1`, `/v1/rules/${RULE_A}/exceptions`]) {
      const res = await call('GET', url, 'admin-b');
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 404, 'SOC_ERR_NOT_FOUND']);
    }
    expect((await call('POST', `/v1/rules/${RULE_A}/disable`, 'admin-b', { reason: 'x' })).statusCode).toBe(404);
    expect((await call('POST', `/v1/rules/${RULE_A}/exceptions`, 'admin-b', { field: 'a', op: 'eq', values: ['b'], reason: 'r' })).statusCode).toBe(404);
    expect((await call('GET', '/v1/rules', 'admin-b')).json().items).toEqual([]);
    const changes: [string, unknown][] = [
      ['/v1/rules/import', { files: [{ path: 'a.yml', content: 'x' }] }],
      [`/v1/rules/${RULE_A}/disable`, { reason: 'x' }],
      [`/v1/rules/${RULE_A}/enable`, { reason: 'x' }],
      [`/v1/rules/${RULE_A}/exceptions`, { field: 'a', op: 'eq', values: ['b'], reason: 'r' }],
      [`/v1/rules/${RULE_A}/exceptions/x/revoke`, { reason: 'x' }],
    ];
    for (const [url, body] of changes) {
      const res = await call('POST', url, 'reader-a', body);
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 403, 'SOC_ERR_FORBIDDEN']);
    }
    expect((await app.inject({ method: 'GET', url: '/v1/rules' })).statusCode).toBe(401);
  });

  it('documents every rule route with request and response schemas in OpenAPI', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    const paths = spec.paths as Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: { content: Record<string, unknown> } }>>;
    expect(Object.keys(paths).sort()).toEqual([
      '/v1/rules',
      '/v1/rules/import',
      '/v1/rules/{id}',
      '/v1/rules/{id}/disable',
      '/v1/rules/{id}/enable',
      '/v1/rules/{id}/exceptions',
      '/v1/rules/{id}/exceptions/{exceptionId}/revoke',
      '/v1/rules/{id}/versions',
      '/v1/rules/{id}/versions/{version}',
    ]);
    expect(Object.keys(paths['/v1/rules/import']?.['post']?.requestBody?.content ?? {}).sort()).toEqual(['application/json', 'application/zip']);
    for (const ops of Object.values(paths)) for (const op of Object.values(ops)) expect(op.responses['200'] ?? op.responses['201']).toBeDefined();
  });
});
