import { resolveAttackTags } from './resolve-tags';

const ids = (xs: readonly { id: string }[]): string[] => xs.map((x) => x.id);

describe('resolveAttackTags', () => {
  it('resolves the tags of a real SigmaHQ rule (Mimikatz command line)', () => {
    const r = resolveAttackTags(['attack.credential-access', 'attack.t1003.001', 'attack.t1003.002', 'attack.t1003.004', 'attack.t1003.005', 'attack.t1003.006', 'attack.s0002']);
    expect(ids(r.techniques)).toEqual(['T1003.001', 'T1003.002', 'T1003.004', 'T1003.005', 'T1003.006']);
    expect(r.techniques[0]).toMatchObject({ name: 'LSASS Memory', tactics: ['credential-access'], parent: 'T1003' });
    expect(r.tactics).toEqual([{ id: 'TA0006', shortname: 'credential-access', name: 'Credential Access' }]);
    expect(r.software).toEqual([{ id: 'S0002', name: 'Mimikatz' }]);
    expect(r.unknown).toEqual([]);
  });

  it('adds the tactics of tagged techniques to the tagged ones, de-duplicated, in kill-chain order', () => {
    // T1055.011 is filed under defense-evasion and privilege-escalation; the rule tags impact and execution.
    const r = resolveAttackTags(['attack.impact', 'attack.t1055.011', 'attack.execution', 'attack.privilege-escalation', 'attack.ta0002']);
    expect(r.tactics.map((t) => t.shortname)).toEqual(['execution', 'privilege-escalation', 'defense-evasion', 'impact']);
  });

  it('keeps the parent of a sub-technique and resolves a bare technique without one', () => {
    const r = resolveAttackTags(['attack.t1059.001', 'attack.t1059']);
    expect(r.techniques.map((t) => [t.id, t.name, t.parent])).toEqual([
      ['T1059.001', 'PowerShell', 'T1059'],
      ['T1059', 'Command and Scripting Interpreter', undefined],
    ]);
  });

  it('replaces revoked technique and group ids by their successor and says so', () => {
    const r = resolveAttackTags(['attack.t1086', 'attack.t1150', 'attack.g0118', 'attack.t1059.001']);
    expect(ids(r.techniques)).toEqual(['T1059.001', 'T1647']);
    expect(ids(r.groups)).toEqual(['G0016']);
    expect(r.replaced).toEqual([
      { from: 'T1086', to: 'T1059.001' },
      { from: 'T1150', to: 'T1647' },
      { from: 'G0118', to: 'G0016' },
    ]);
    expect(r.unknown).toEqual([]);
  });

  it('keeps deprecated techniques that rules still cite, flagged', () => {
    const r = resolveAttackTags(['attack.t1064']);
    expect(r.techniques).toEqual([expect.objectContaining({ id: 'T1064', name: 'Scripting', deprecated: true })]);
  });

  it('maps the v19 tactics stealth and defense-impairment to v18.1 Defense Evasion, once', () => {
    const r = resolveAttackTags(['attack.stealth', 'attack.defense-impairment', 'attack.t1685', 'attack.t1686.003']);
    expect(r.tactics).toEqual([{ id: 'TA0005', shortname: 'defense-evasion', name: 'Defense Evasion' }]);
    expect(r.techniques.map((t) => [t.id, t.name, t.parent, t.provisional])).toEqual([
      ['T1685', 'Disable or Modify Tools', undefined, true],
      ['T1686.003', 'ATT&CK v19 T1686.003', 'T1686', true],
    ]);
  });

  it('collects unknown attack tags as written and ignores other namespaces, never throwing', () => {
    const tags = ['attack.t9999', 'attack.t1059.999', 'attack.ds0005', 'attack.g9999', 'attack.no-such-tactic', 'attack.', 'cve.2021-44228', 'detection.threat-hunting', 'tlp.white'];
    const r = resolveAttackTags(tags);
    expect(r.unknown).toEqual(['attack.t9999', 'attack.t1059.999', 'attack.ds0005', 'attack.g9999', 'attack.no-such-tactic', 'attack.']);
    expect(r.techniques).toEqual([]);
    expect(r.tactics).toEqual([]);
  });

  it('is case-insensitive and de-duplicates', () => {
    const r = resolveAttackTags(['ATTACK.T1059.001', 'attack.t1059.001', 'Attack.Execution', 'attack.G0016', 'attack.g0016']);
    expect(ids(r.techniques)).toEqual(['T1059.001']);
    expect(ids(r.tactics)).toEqual(['TA0002']);
    expect(ids(r.groups)).toEqual(['G0016']);
  });

  it('returns shared, frozen technique records', () => {
    const [a] = resolveAttackTags(['attack.t1059.001']).techniques;
    const [b] = resolveAttackTags(['attack.t1059.001']).techniques;
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a?.tactics)).toBe(true);
  });
});
