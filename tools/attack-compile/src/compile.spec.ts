import { existsSync, readFileSync } from 'node:fs';
import { compileAttack, type CompiledAttack } from './compile';
import { ATTACK_BUNDLE, DEFAULT_ATTACK_VERSION, GENERATED_FILE } from './paths';
import { readBundle, type StixBundle } from './stix';

const available = existsSync(ATTACK_BUNDLE);
if (!available) {
  // Visible in the jest output so a green run without the corpus is not mistaken for a check.
  process.stderr.write(`attack-compile spec SKIPPED: ATT&CK bundle not found at ${ATTACK_BUNDLE}\n`);
}
const run = available ? describe : describe.skip;

run('attack-compile over the ATT&CK 18.1 Enterprise bundle', () => {
  let bundle: StixBundle;
  let out: CompiledAttack;
  beforeAll(() => {
    bundle = readBundle(ATTACK_BUNDLE);
    out = compileAttack(bundle, DEFAULT_ATTACK_VERSION);
  });
  const tech = (id: string) => out.data.techniques.find((t) => t.id === id);

  it('re-compiling produces exactly the committed file (it cannot go stale)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(out.json);
  });

  it('stays compact and carries MITRE\'s copyright designation and license', () => {
    expect(out.json.length).toBeLessThan(400_000);
    const header = out.data.$comment.join('\n');
    expect(header).toContain('© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.');
    expect(header).toContain('royalty-free license to use ATT&CK®');
  });

  it('lists the 14 tactics in matrix order', () => {
    expect(out.data.tactics.map((t) => t.shortname)).toEqual([
      'reconnaissance', 'resource-development', 'initial-access', 'execution', 'persistence', 'privilege-escalation',
      'defense-evasion', 'credential-access', 'discovery', 'lateral-movement', 'collection', 'command-and-control',
      'exfiltration', 'impact',
    ]);
    expect(out.data.tactics.find((t) => t.shortname === 'credential-access')).toEqual({ id: 'TA0006', shortname: 'credential-access', name: 'Credential Access' });
  });

  it('keeps the 691 active and 12 deprecated techniques, none revoked, sorted by id', () => {
    const active = out.data.techniques.filter((t) => !t.deprecated);
    expect(active).toHaveLength(691);
    expect(active.filter((t) => t.parent)).toHaveLength(475);
    expect(out.data.techniques.filter((t) => t.deprecated).map((t) => t.id)).toContain('T1064');
    const ids = out.data.techniques.map((t) => t.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('T1086');
  });

  it('takes names, kill-chain tactics, platforms and the sub-technique parent from the bundle', () => {
    expect(tech('T1059.001')).toEqual({ id: 'T1059.001', name: 'PowerShell', tactics: ['execution'], platforms: ['Windows'], parent: 'T1059' });
    expect(tech('T1055.011')?.tactics).toEqual(['privilege-escalation', 'defense-evasion']);
    for (const t of out.data.techniques) if (t.parent) expect(tech(t.parent)).toBeDefined();
  });

  it('maps revoked ids to their final replacement, following chains', () => {
    const revoked = new Map(out.data.revoked.map((r) => [r.id, r.by]));
    expect(revoked.get('T1086')).toBe('T1059.001');
    expect(revoked.get('T1150')).toBe('T1647'); // T1150 -> T1547.011 (itself revoked) -> T1647
    expect(revoked.get('T1073')).toBe('T1574.001'); // T1073 -> T1574.002 (revoked) -> T1574.001
    expect(revoked.get('G0118')).toBe('G0016');
    for (const r of out.data.revoked) expect(r.by && (tech(r.by) ?? out.data.groups.find((g) => g.id === r.by) ?? out.data.software.find((s) => s.id === r.by))).toBeTruthy();
  });

  it('refuses a version label that contradicts the bundle\'s collection object', () => {
    const withCollection: StixBundle = { ...bundle, objects: [...bundle.objects, { type: 'x-mitre-collection', id: 'x-mitre-collection--1', x_mitre_version: '17.0' }] };
    expect(() => compileAttack(withCollection, '18.1')).toThrow(/ATT&CK 17.0/);
  });
});
