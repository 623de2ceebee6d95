import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isSocError } from '@soc/errors';
import { ATTACK_DATA_FILE, buildIndex, readDataFile } from './data';
import { SOC_ERR_ATTACK_DATA_INVALID } from './errors';
import { ATTACK_VERSION, group, killChainOrder, software, tactic, tactics, technique } from './lookup';

describe('ATT&CK lookups', () => {
  it('states the version of the committed data', () => {
    expect(ATTACK_VERSION).toBe('18.1');
    expect(readDataFile(ATTACK_DATA_FILE).version).toBe(ATTACK_VERSION);
  });

  it('finds techniques by id in any case, following revocations', () => {
    expect(technique('T1003.001')).toMatchObject({ name: 'LSASS Memory', parent: 'T1003', tactics: ['credential-access'] });
    expect(technique('t1003.001')).toBe(technique('T1003.001'));
    expect(technique('T1086')?.id).toBe('T1059.001');
    expect(technique('T1685')).toMatchObject({ provisional: true, tactics: ['defense-evasion'] });
    expect(technique('T9999')).toBeUndefined();
  });

  it('finds tactics by id, shortname and v19 alias', () => {
    expect(tactic('TA0006')).toEqual({ id: 'TA0006', shortname: 'credential-access', name: 'Credential Access' });
    expect(tactic('credential-access')).toBe(tactic('ta0006'));
    expect(tactic('stealth')?.id).toBe('TA0005');
    expect(tactic('defense-impairment')?.id).toBe('TA0005');
    expect(tactic('Credential Access')).toBeUndefined();
    expect(tactics()).toHaveLength(14);
  });

  it('orders tactics along the kill chain', () => {
    expect(killChainOrder('reconnaissance')).toBe(0);
    expect(killChainOrder('initial-access')).toBeLessThan(killChainOrder('execution'));
    expect(killChainOrder('execution')).toBeLessThan(killChainOrder('credential-access'));
    expect(killChainOrder('lateral-movement')).toBeLessThan(killChainOrder('exfiltration'));
    expect(killChainOrder('impact')).toBe(13);
    expect(killChainOrder('stealth')).toBe(killChainOrder('defense-evasion'));
    expect(killChainOrder('TA0040')).toBe(13);
    expect(killChainOrder('no-such-tactic')).toBe(-1);
  });

  it('names groups and software', () => {
    expect(group('G0016')?.name).toBe('APT29');
    expect(group('g0118')?.id).toBe('G0016');
    expect(software('S0002')?.name).toBe('Mimikatz');
    expect(software('S0029')?.name).toBe('PsExec');
    expect(software('S9999')).toBeUndefined();
  });

  it('refuses a data file that does not match the schema, with a stable code', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'attack-'));
    const broken = JSON.parse(readFileSync(ATTACK_DATA_FILE, 'utf8')) as Record<string, unknown>;
    delete broken['tactics'];
    const file = path.join(dir, 'attack.json');
    writeFileSync(file, JSON.stringify(broken));
    let err: unknown;
    try {
      readDataFile(file);
    } catch (e) {
      err = e;
    }
    expect(isSocError(err, SOC_ERR_ATTACK_DATA_INVALID)).toBe(true);
  });

  it('builds an index in which a revoked id without replacement stays unresolved', () => {
    const data = readDataFile(ATTACK_DATA_FILE);
    const idx = buildIndex({ ...data, revoked: [{ id: 'T1000', name: 'Gone', by: null }] });
    expect(idx.revoked.has('t1000')).toBe(false);
  });
});
