import type { OcsfEvent } from '@soc/ocsf';
import { ocsfFieldMapping } from '@soc/sigma';
import { readFixture } from './fixtures';
import { listRuleFiles, loadRuleFile, runCorrelations, type LoadedRuleFile } from './rule-set';

const ATTACK_TAG = /^attack\.(t\d{4}(\.\d{3})?|[a-z-]+)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function matchingRules(f: LoadedRuleFile, e: OcsfEvent): string[] {
  return f.rules.filter((r) => r.matches(e)).map((r) => r.rule.title);
}

describe.each(listRuleFiles())('%s', (file) => {
  const f = loadRuleFile(file);
  const fixture = readFixture(file);

  it('has complete metadata on every document', () => {
    for (const doc of [...f.rules.map((r) => r.rule), ...f.correlations]) {
      expect(doc.id).toMatch(UUID);
      expect(doc.author).toBe('SOC project');
      expect(doc.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(doc.level).toBeDefined();
      expect(doc.falsepositives.length).toBeGreaterThan(0);
      expect(doc.tags.length).toBeGreaterThan(0);
      for (const tag of doc.tags) expect(tag).toMatch(ATTACK_TAG);
    }
    for (const r of f.rules) {
      expect(r.rule.logsource.product).toBe('ocsf');
      expect(r.rule.logsource.category).toMatch(/^[a-z_]+$/);
      expect(r.applicable).toBe(true);
    }
  });

  it('loads under the stock ocsfFieldMapping', () => {
    expect(loadRuleFile(file, undefined, ocsfFieldMapping).rules.filter((r) => !r.applicable).map((r) => r.rule.title)).toEqual([]);
  });

  if (f.finals.length === 0) {
    it('matches every positive', () => {
      for (const e of fixture.positive) expect({ uid: e.metadata['uid'], rules: matchingRules(f, e) }).toEqual({ uid: e.metadata['uid'], rules: expect.arrayContaining([expect.any(String)]) });
    });
    it('matches no negative', () => {
      for (const e of fixture.negative) expect({ uid: e.metadata['uid'], rules: matchingRules(f, e) }).toEqual({ uid: e.metadata['uid'], rules: [] });
    });
  } else {
    it('every positive matches a base rule', () => {
      for (const e of fixture.positive) expect({ uid: e.metadata['uid'], rules: matchingRules(f, e) }).toEqual({ uid: e.metadata['uid'], rules: expect.arrayContaining([expect.any(String)]) });
    });
    it('the positives, in time order, fire the final correlation', () => {
      const fired = new Set(runCorrelations([f], fixture.positive).map((a) => a.rule.ref));
      for (const c of f.finals) expect(fired).toContain(c.ref);
    });
    it('the negatives fire no correlation', () => {
      expect(runCorrelations([f], fixture.negative).map((a) => a.rule.title)).toEqual([]);
    });
  }
});
