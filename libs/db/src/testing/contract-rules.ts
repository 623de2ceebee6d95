import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { DrizzleAuditRepository } from '../detection/drizzle-audit-repository';
import { DrizzleRuleRepository } from '../detection/drizzle-rule-repository';
import type { RuleDocument } from '../detection/rule-repository';
import { MAX_RULE_YAML_CHARS } from '../detection/rule-rows';
import { alerts, auditEvents, detectionExceptions, detectionRuleVersions, detectionRules } from '../schema/detection';
import { rowsOf } from '../scope-runner';
import { type ContractContext, expectCode } from './contract-context';

type Row = Record<string, unknown>;

/** A small but real Sigma rule text; `n` varies the content. */
export function ruleYaml(id: string, title: string, n = 0): string {
  return [
    `title: ${title}`,
    `id: ${id}`,
    'status: test',
    'level: high',
    'logsource:',
    '  category: process_creation',
    '  product: windows',
    'detection:',
    '  selection:',
    `    CommandLine|contains: 'evil-${n}'`,
    '  condition: selection',
    '',
  ].join('\n');
}

/** Rules, versions, exceptions and their audit trail. Tenants `acme` and `globex` exist. */
export function rulesContract(ctx: ContractContext): void {
  const rules = () => new DrizzleRuleRepository(ctx.db(), ctx.clock);
  const audit = () => new DrizzleAuditRepository(ctx.db());
  const doc = (id: string, title: string, n = 0, over: Partial<RuleDocument> = {}): RuleDocument => ({
    path: `rules/${id}.yml`,
    ruleId: id,
    kind: 'detection',
    title,
    level: 'high',
    status: 'test',
    logsource: { category: 'process_creation', product: 'windows' },
    tags: ['attack.execution', 'attack.t1059'],
    author: 'tester',
    yaml: ruleYaml(id, title, n),
    ...over,
  });
  const importAs = (tenant: string, docs: RuleDocument[], origin: 'sigmahq' | 'native' | 'custom' = 'custom', enableNew = true) =>
    rules().importRules(tenant, { origin, actor: 'key-1', reason: 'initial load', enableNew, documents: docs });
  const raw = (tenantId: string, text: string): Promise<Row[]> =>
    ctx.db().withTenant(tenantId, async (tx) => rowsOf<Row>(await tx.execute(sql.raw(text))));

  const A1 = 'a0000000-0000-4000-8000-000000000001';
  const A2 = 'a0000000-0000-4000-8000-000000000002';
  const A3 = 'a0000000-0000-4000-8000-000000000003';

  it('imports, versions a changed YAML, and leaves an unchanged one alone', async () => {
    const first = await importAs('acme', [doc(A1, 'Alpha'), doc(A2, 'Beta')]);
    expect(first.map((r) => [r.ruleId, r.outcome, r.version])).toEqual([
      [A1, 'created', 1],
      [A2, 'created', 1],
    ]);
    ctx.clock.advance(1000);
    const second = await importAs('acme', [doc(A1, 'Alpha'), doc(A2, 'Beta v2', 1)]);
    expect(second.map((r) => [r.outcome, r.version])).toEqual([
      ['unchanged', 1],
      ['updated', 2],
    ]);
    const beta = await rules().get('acme', A2);
    expect(beta).toMatchObject({ version: 2, title: 'Beta v2', enabled: true, origin: 'custom', kind: 'detection', createdBy: 'key-1' });
    expect(beta?.yaml).toBe(ruleYaml(A2, 'Beta v2', 1));
    expect(beta?.updatedAt.getTime()).toBeGreaterThan(beta?.createdAt.getTime() ?? 0);
    const versions = await rules().versions('acme', A2);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await rules().getVersion('acme', A2, 1))?.yaml).toBe(ruleYaml(A2, 'Beta', 0));
    expect(await rules().getVersion('acme', A2, 3)).toBeNull();
    await expectCode(rules().versions('acme', 'no-such-rule'), 'SOC_ERR_NOT_FOUND');
  });

  it('rejects per document (duplicate id, kind change, bad id, oversize) without stopping the batch', async () => {
    const results = await importAs('acme', [
      doc(A3, 'Gamma'),
      doc(A3, 'Gamma again', 1),
      doc(A1, 'Alpha as filter', 0, { kind: 'filter' }),
      doc('bad id!', 'Bad'),
      doc('big-one', 'Big', 0, { yaml: 'x'.repeat(MAX_RULE_YAML_CHARS + 1) }),
    ]);
    expect(results.map((r) => [r.outcome, r.error?.code])).toEqual([
      ['created', undefined],
      ['rejected', 'SOC_ERR_RULE_DUPLICATE'],
      ['rejected', 'SOC_ERR_RULE_KIND_CONFLICT'],
      ['rejected', 'SOC_ERR_RULE_INVALID'],
      ['rejected', 'SOC_ERR_RULE_INVALID'],
    ]);
    expect((await rules().get('acme', A1))?.kind).toBe('detection');
    await expectCode(rules().importRules('acme', { origin: 'custom', actor: '', enableNew: true, documents: [doc(A3, 'x')] }), 'SOC_ERR_VALIDATION');
  });

  it('lists with filters and a keyset cursor', async () => {
    const docs = Array.from({ length: 7 }, (_, i) => doc(`list-${i}`, `List rule ${i % 3}`, i, { level: i % 2 === 0 ? 'low' : 'critical' }));
    await importAs('globex', docs, 'sigmahq', false);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await rules().list('globex', { limit: 3, text: 'LIST RULE', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((r) => r.ruleId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['list-0', 'list-3', 'list-6', 'list-1', 'list-4', 'list-2', 'list-5']);
    expect((await rules().list('globex', { level: 'low', origin: 'sigmahq' })).items).toHaveLength(4);
    expect((await rules().list('globex', { enabled: true })).items).toHaveLength(0);
    expect((await rules().list('globex', { text: '%' })).items).toHaveLength(0);
    await expectCode(rules().list('globex', { cursor: 'bogus' }), 'SOC_ERR_CURSOR_INVALID');
  });

  it('enables and disables with a reason, writing one audit record per change', async () => {
    await expectCode(rules().setEnabled('acme', A1, false, { actor: 'key-1', reason: ' ' }), 'SOC_ERR_VALIDATION');
    const before = (await audit().list('acme', { targetId: A1 })).length;
    const off = await rules().setEnabled('acme', A1, false, { actor: 'key-2', reason: 'too noisy' });
    expect(off).toMatchObject({ enabled: false, updatedBy: 'key-2' });
    await rules().setEnabled('acme', A1, false, { actor: 'key-2', reason: 'again' });
    const trail = await audit().list('acme', { targetId: A1 });
    expect(trail).toHaveLength(before + 1);
    expect(trail[trail.length - 1]).toMatchObject({ actor: 'key-2', action: 'detection.rule.disabled', reason: 'too noisy', targetType: 'detection_rule' });
    await expectCode(rules().setEnabled('globex', A1, true, { actor: 'k', reason: 'r' }), 'SOC_ERR_NOT_FOUND');
    await rules().setEnabled('acme', A1, true, { actor: 'key-2', reason: 'tuned' });
  });

  it('numbers audit records per tenant from 1 with no gaps', async () => {
    for (const t of ['acme', 'globex']) {
      const all = await audit().list(t, { limit: 1000 });
      expect(all.length).toBeGreaterThan(0);
      expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
      expect(all.every((e) => e.tenantId === t)).toBe(true);
    }
  });

  it('keeps exceptions through expiry and revocation, and the rule set stamp follows them', async () => {
    const stamp0 = await rules().ruleSetVersion('acme');
    const ex = await rules().addException('acme', { ruleId: A1, field: 'User', op: 'eq', values: ['svc_backup'], reason: 'backup job', actor: 'key-3' });
    ctx.clock.advance(1);
    const short = await rules().addException('acme', {
      ruleId: null,
      field: 'src_endpoint.ip',
      op: 'cidr',
      values: ['10.0.0.0/8'],
      reason: 'scanner',
      actor: 'key-3',
      expiresAt: new Date(ctx.clock.now() + 60_000),
    });
    expect(ex).toMatchObject({ state: 'active', ruleId: A1, values: ['svc_backup'], createdBy: 'key-3' });
    const set = await rules().enabledRuleSet('acme');
    expect(set.version).not.toBe(stamp0);
    expect(set.version).toBe(await rules().ruleSetVersion('acme'));
    expect(set.exceptions.map((e) => e.id).sort()).toEqual([ex.id, short.id].sort());
    expect(set.nextExpiryAt?.getTime()).toBe(ctx.clock.now() + 60_000);
    expect(set.rules.find((r) => r.ruleId === A1)?.yaml).toBe(ruleYaml(A1, 'Alpha'));
    ctx.clock.advance(60_000);
    const afterExpiry = await rules().enabledRuleSet('acme');
    expect(afterExpiry.exceptions.map((e) => e.id)).toEqual([ex.id]);
    expect(afterExpiry.version).not.toBe(set.version);
    const revoked = await rules().revokeException('acme', ex.id, { actor: 'key-4', reason: 'job retired' });
    expect(revoked).toMatchObject({ state: 'revoked', revokedBy: 'key-4', revokeReason: 'job retired' });
    expect(await rules().revokeException('acme', ex.id, { actor: 'key-5', reason: 'twice' })).toEqual(revoked);
    const listed = await rules().listExceptions('acme', { ruleId: A1 });
    expect(listed.map((e) => [e.id, e.state])).toEqual([
      [ex.id, 'revoked'],
      [short.id, 'expired'],
    ]);
    expect((await rules().listExceptions('acme', { ruleId: A1, includeGlobal: false })).map((e) => e.id)).toEqual([ex.id]);
    expect((await rules().enabledRuleSet('acme')).exceptions).toEqual([]);
    const actions = (await audit().list('acme', { targetId: ex.id })).map((e) => [e.action, e.actor]);
    expect(actions).toEqual([
      ['detection.exception.created', 'key-3'],
      ['detection.exception.revoked', 'key-4'],
    ]);
  });

  it('validates exceptions', async () => {
    const bad = (o: object) => rules().addException('acme', { ruleId: A1, reason: 'r', actor: 'a', field: 'User', op: 'eq', values: ['x'], ...o });
    await expectCode(bad({ reason: '' }), 'SOC_ERR_VALIDATION');
    await expectCode(bad({ op: 'regex' }), 'SOC_ERR_VALIDATION');
    await expectCode(bad({ values: [] }), 'SOC_ERR_VALIDATION');
    await expectCode(bad({ field: 'User|contains' }), 'SOC_ERR_VALIDATION');
    await expectCode(bad({ op: 'cidr', values: ['10.0.0.0/33'] }), 'SOC_ERR_VALIDATION');
    await expectCode(bad({ filterYaml: 'title: x' }), 'SOC_ERR_VALIDATION');
    await expectCode(bad({ expiresAt: new Date(ctx.clock.now()) }), 'SOC_ERR_VALIDATION');
    await expectCode(bad({ ruleId: 'no-such-rule' }), 'SOC_ERR_NOT_FOUND');
    const f = await rules().addException('acme', { ruleId: A1, filterYaml: 'filter:\n  rules: any\n', reason: 'r', actor: 'a' });
    expect(f).toMatchObject({ field: null, op: null, values: null, filterYaml: 'filter:\n  rules: any\n' });
  });

  it('isolates tenants: rules, versions, exceptions and audit of one are invisible to the other', async () => {
    expect(await rules().get('globex', A1)).toBeNull();
    expect(await rules().getVersion('globex', A1, 1)).toBeNull();
    const ex = (await rules().listExceptions('acme'))[0];
    expect(ex).toBeDefined();
    expect(await rules().getException('globex', ex?.id ?? '')).toBeNull();
    await expectCode(rules().revokeException('globex', ex?.id ?? '', { actor: 'x', reason: 'y' }), 'SOC_ERR_NOT_FOUND');
    await expectCode(rules().addException('globex', { ruleId: A1, field: 'a', op: 'eq', values: ['b'], reason: 'r', actor: 'a' }), 'SOC_ERR_NOT_FOUND');
    for (const t of ['detection_rules', 'detection_rule_versions', 'detection_exceptions', 'audit_events']) {
      expect(await raw('globex', `SELECT count(*)::int AS n FROM ${t} WHERE tenant_id = 'acme'`)).toEqual([{ n: 0 }]);
    }
    // A same-id import in another tenant is a different rule.
    expect((await importAs('globex', [doc(A1, 'Globex alpha')]))[0]?.outcome).toBe('created');
    expect((await rules().get('acme', A1))?.title).toBe('Alpha');
    const write = raw('globex', `INSERT INTO audit_events (id, tenant_id, actor, action, target_type, target_id, details, at) VALUES ('x1', 'acme', 'a', 'x.y', 't', 'i', '{}', now())`);
    await expectCode(write, 'SOC_ERR_DB_ACCESS_DENIED');
  });

  it('refuses UPDATE and DELETE on versions and audit, DELETE on rules and exceptions, and un-revoking', async () => {
    const refused = [
      "UPDATE detection_rule_versions SET yaml = 'x'",
      'DELETE FROM detection_rule_versions',
      "UPDATE audit_events SET actor = 'x'",
      'DELETE FROM audit_events',
      'DELETE FROM detection_rules',
      "UPDATE detection_rules SET created_by = 'x'",
      'DELETE FROM detection_exceptions',
      "UPDATE detection_exceptions SET reason = 'x'",
      'TRUNCATE audit_events',
    ];
    for (const stmt of refused) await expectCode(raw('acme', stmt), 'SOC_ERR_DB_ACCESS_DENIED');
    const unrevoke = raw('acme', 'UPDATE detection_exceptions SET revoked_at = NULL, revoked_by = NULL, revoke_reason = NULL WHERE revoked_at IS NOT NULL');
    await expectCode(unrevoke, 'SOC_ERR_VALIDATION');
    const forged = raw('acme', `INSERT INTO audit_events (id, tenant_id, seq, actor, action, target_type, target_id, details, at) VALUES ('forged-seq', 'acme', 1, 'a', 'x.y', 't', 'i', '{}', now()) RETURNING seq`);
    expect(Number((await forged)[0]?.['seq'])).toBeGreaterThan(1);
  });

  it('the drizzle schema of the detection tables matches the migrated columns', async () => {
    for (const table of [detectionRules, detectionRuleVersions, detectionExceptions, alerts, auditEvents]) {
      const cfg = getTableConfig(table);
      const cols = await raw(
        'acme',
        `SELECT attname::text AS name, NOT attnotnull AS nullable FROM pg_attribute
          WHERE attrelid = 'public.${cfg.name}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attname COLLATE "C"`,
      );
      const expected = cfg.columns.map((c) => ({ name: c.name, nullable: !c.notNull })).sort((a, b) => (a.name < b.name ? -1 : 1));
      expect(cols).toEqual(expected);
    }
  });
}
