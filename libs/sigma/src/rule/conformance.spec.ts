/**
 * Conformance over the SigmaHQ corpus: every rule under rules/, rules-emerging-threats/ and
 * rules-threat-hunting/ parses and compiles with the flat mapping, except the listed ones,
 * each refused for a reason that the spec makes a refusal. rules-placeholder/ compiles when
 * its placeholders are given values, and is refused when they are not.
 */
import { compileRules } from './compile';
import { flatFieldMapping } from './flat-mapping';
import { placeholderNames } from './placeholders';
import { corpusAvailable, parseCorpusFile, ruleFiles } from './test-corpus';

/**
 * Refusals that are right. Key: file (relative to the SigmaHQ root); value: reason key.
 */
const EXPECTED_REFUSALS: Readonly<Record<string, string>> = {
  // Both use `|expand: '%known_cdcs%'` with no value supplied here; the spec ("Placeholders")
  // says a tool that cannot resolve a placeholder must reject the rule.
  'rules-emerging-threats/2026/Exploits/CVE-2026-54121/win_security_adcs_certighost_cdc_chase_request.yml': 'undefined-placeholder',
  'rules-emerging-threats/2026/Exploits/CVE-2026-54121/win_security_adcs_certighost_cert_issued_via_chase.yml': 'undefined-placeholder',
};

const run = corpusAvailable() ? describe : describe.skip;

run('SigmaHQ corpus conformance', () => {
  it('parses and compiles every rule, refusing only the listed ones for their listed reason', () => {
    const files = ruleFiles(['rules', 'rules-emerging-threats', 'rules-threat-hunting']);
    const refused: Record<string, string> = {};
    const byReason: Record<string, number> = {};
    let parsed = 0;
    let compiled = 0;
    for (const path of files) {
      const docs = parseCorpusFile(path);
      parsed += docs.rules.length;
      const c = compileRules(docs.rules, { mapping: flatFieldMapping });
      compiled += c.compiled.length;
      for (const e of [...docs.errors, ...c.errors]) {
        const reason = String(e.details?.['reason']);
        expect(e.message).toContain(docs.file);
        refused[docs.file] = reason;
        byReason[reason] = (byReason[reason] ?? 0) + 1;
      }
    }
    console.log(`SigmaHQ conformance: ${files.length} files, ${parsed} rules parsed, ${compiled} compiled, refused by reason: ${JSON.stringify(byReason)}`);
    expect(files.length).toBeGreaterThan(3500);
    expect(refused).toEqual(EXPECTED_REFUSALS);
    expect(compiled).toBe(files.length - Object.keys(EXPECTED_REFUSALS).length);
  });

  it('compiles rules-placeholder with expand placeholders, and refuses it without them', () => {
    const files = ruleFiles(['rules-placeholder']);
    const docs = files.map(parseCorpusFile);
    const rules = docs.flatMap((d) => d.rules);
    expect(docs.flatMap((d) => d.errors)).toEqual([]);
    const names = new Set<string>();
    for (const r of rules) {
      for (const id of Object.values(r.detection.identifiers)) {
        for (const item of id.groups.flat()) {
          if (item.modifiers.includes('expand')) for (const v of item.values) placeholderNames(String(v)).forEach((n) => names.add(n));
        }
      }
    }
    expect(names.size).toBeGreaterThan(5);
    const placeholders = Object.fromEntries([...names].map((n) => [n, [`${n}-a`, `${n}-b*`]]));
    const ok = compileRules(rules, { mapping: flatFieldMapping, placeholders });
    expect(ok.errors).toEqual([]);
    expect(ok.compiled).toHaveLength(rules.length);
    const without = compileRules(rules, { mapping: flatFieldMapping });
    const usesExpand = rules.filter((r) => JSON.stringify(r.raw['detection']).includes('|expand'));
    expect(without.errors.map((e) => e.details?.['reason'])).toEqual(usesExpand.map(() => 'undefined-placeholder'));
    console.log(`rules-placeholder: ${rules.length} rules, ${names.size} placeholders, ${usesExpand.length} refused without values`);
  });
});
