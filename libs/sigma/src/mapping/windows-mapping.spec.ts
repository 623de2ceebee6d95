import type { LogsourceVariant, SigmaEvent } from '../types';
import { windowsFieldMapping } from './windows-mapping';
import { WINDOWS_CATEGORIES, WINDOWS_SERVICE_CHANNELS } from './windows-logsources';
import { firstEvent } from './testing/corpora';

const OTRF_MSHTA = 'logs/otrf-security-datasets/atomic/windows/defense_evasion/host/cmd_mshta_vbscript_execute_psh_2020-10-2202580804.json';

/** Whether an event meets a variant's conditions, read through the mapping's own accessors (as the engine does). */
function inVariant(v: LogsourceVariant, e: SigmaEvent): boolean {
  return v.conditions.every((c) => {
    const value = windowsFieldMapping.accessor(c.field)(e);
    return c.values.some((want) =>
      typeof want === 'number' ? Number(value) === want : typeof value === 'string' && value.toLowerCase() === want.toLowerCase(),
    );
  });
}

/** The Sigma field's value under the variant's renames. */
function read(v: LogsourceVariant, field: string, e: SigmaEvent): unknown {
  return windowsFieldMapping.accessor(v.fieldRenames[field] ?? field)(e);
}

describe('windowsFieldMapping.variants', () => {
  it('gives process_creation as Sysmon 1 and as Security 4688 with Image read from NewProcessName', () => {
    const variants = windowsFieldMapping.variants({ category: 'process_creation', product: 'windows' }) ?? [];
    expect(variants.map((v) => v.name)).toEqual(['sysmon-1', 'security-4688']);
    const [sysmon, security] = variants as [LogsourceVariant, LogsourceVariant];
    expect(sysmon.conditions).toEqual([
      { field: 'EventID', values: [1] },
      { field: 'Channel', values: ['Microsoft-Windows-Sysmon/Operational'] },
    ]);
    expect(security.fieldRenames).toEqual({ Image: 'NewProcessName', ParentImage: 'ParentProcessName' });

    const s1 = firstEvent(OTRF_MSHTA, (x) => x['EventID'] === 1);
    const s4688 = firstEvent(OTRF_MSHTA, (x) => x['EventID'] === 4688);
    expect([inVariant(sysmon, s1), inVariant(security, s1)]).toEqual([true, false]);
    expect([inVariant(sysmon, s4688), inVariant(security, s4688)]).toEqual([false, true]);
    expect(read(security, 'Image', s4688)).toBe('C:\\Windows\\System32\\mshta.exe');
    expect(read(security, 'ParentImage', s4688)).toBe('C:\\Windows\\System32\\cmd.exe');
    expect(read(sysmon, 'Image', s1)).toBe('C:\\Windows\\System32\\mshta.exe');
  });

  it('adds EventData conditions where THOR has them (registry_delete: EventID 12 and a Delete EventType)', () => {
    const [v] = windowsFieldMapping.variants({ category: 'registry_delete', product: 'windows' }) ?? [];
    expect(v?.conditions).toContainEqual({ field: 'EventType', values: ['DeleteKey', 'DeleteValue'] });
    expect(v?.conditions).toContainEqual({ field: 'EventID', values: [12] });
  });

  it('merges THOR entries that differ only in EventID (registry_event is 12, 13 or 14)', () => {
    const variants = windowsFieldMapping.variants({ category: 'registry_event', product: 'windows' }) ?? [];
    expect(variants).toHaveLength(1);
    expect(variants[0]?.conditions[0]).toEqual({ field: 'EventID', values: [12, 13, 14] });
  });

  it('maps service-only logsources to their channels', () => {
    const [sec] = windowsFieldMapping.variants({ product: 'windows', service: 'security' }) ?? [];
    expect(sec?.conditions).toEqual([{ field: 'Channel', values: ['Security'] }]);
    const [ps] = windowsFieldMapping.variants({ product: 'windows', service: 'powershell' }) ?? [];
    expect(ps?.conditions[0]?.values).toEqual(['Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational']);
    const s4688 = firstEvent(OTRF_MSHTA, (x) => x['EventID'] === 4688);
    expect(inVariant(sec as LogsourceVariant, s4688)).toBe(true);
  });

  it('takes ps_script as PowerShell Operational 4104, antivirus (no product) as Defender with renames', () => {
    const [ps] = windowsFieldMapping.variants({ category: 'ps_script', product: 'windows' }) ?? [];
    expect(ps?.conditions).toEqual([
      { field: 'EventID', values: [4104] },
      { field: 'Channel', values: WINDOWS_SERVICE_CHANNELS['powershell'] },
    ]);
    const [av] = windowsFieldMapping.variants({ category: 'antivirus' }) ?? [];
    expect(av?.fieldRenames).toEqual({ Signature: 'ThreatName', Filename: 'Path' });
    expect(av?.conditions[0]?.values).toContain(1116);
  });

  it('knows product windows alone (every event), and nothing of other products or unknown names', () => {
    expect(windowsFieldMapping.variants({ product: 'windows' })?.[0]?.conditions).toEqual([]);
    expect(windowsFieldMapping.variants({ product: 'linux', category: 'process_creation' })).toBeUndefined();
    expect(windowsFieldMapping.variants({ product: 'windows', category: 'no_such_category' })).toBeUndefined();
    expect(windowsFieldMapping.variants({ product: 'windows', service: 'no-such-service' })).toBeUndefined();
    expect(windowsFieldMapping.variants({ category: 'webserver' })).toBeUndefined();
  });

  it('keeps only the sources of a service the rule names, and is case-insensitive', () => {
    const v = windowsFieldMapping.variants({ category: 'Process_Creation', product: 'Windows', service: 'security' }) ?? [];
    expect(v.map((x) => x.name)).toEqual(['security-4688']);
  });

  it('names only known services in its category data', () => {
    for (const sources of Object.values(WINDOWS_CATEGORIES)) for (const s of sources) expect(WINDOWS_SERVICE_CHANNELS[s.service]).toBeDefined();
  });
});
