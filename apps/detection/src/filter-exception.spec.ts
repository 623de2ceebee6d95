import { ocsfFieldMapping, windowsFieldMapping } from '@soc/sigma';
import { suppressingException } from './exceptions';
import { compileException } from './filter-exception';

const native = { Event: { System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational' }, EventData: { Image: 'C:\\Tools\\backup.exe', User: 'CORP\\svc-backup' } } };
const ocsf = { class_uid: 1007, activity_id: 1, actor: { user: { name: 'svc-backup' } }, src_endpoint: { ip: '10.1.2.3' }, process: { file: { path: 'C:\\Tools\\backup.exe' } } };

const FILTER = `
title: Backup agent is expected
logsource: { category: process_creation, product: windows }
filter:
  rules: [any]
  selection: { Image|endswith: '\\backup.exe' }
  condition: selection
`;

describe('exceptions', () => {
  const compile = (e: Parameters<typeof compileException>[0]) => compileException(e, windowsFieldMapping, ocsfFieldMapping);

  it('matches a Sigma filter document on the native record or the OCSF event', () => {
    const m = compile({ id: 'f1', ruleId: null, expiresAt: null, filterYaml: FILTER });
    expect(m.matches({ ocsf, native })).toBe(true);
    expect(m.matches({ ocsf })).toBe(true);
    expect(m.matches({ ocsf: { ...ocsf, process: { file: { path: 'C:\\x.exe' } } } })).toBe(false);
  });

  it('matches field exceptions case-insensitively, any of the values, and by CIDR', () => {
    expect(compile({ id: 'e', ruleId: null, expiresAt: null, field: 'actor.user.name', op: 'startswith', values: ['X', 'SVC-'] }).matches({ ocsf })).toBe(true);
    expect(compile({ id: 'e', ruleId: null, expiresAt: null, field: 'src_endpoint.ip', op: 'cidr', values: ['10.0.0.0/8'] }).matches({ ocsf })).toBe(true);
    expect(compile({ id: 'e', ruleId: null, expiresAt: null, field: 'src_endpoint.ip', op: 'cidr', values: ['192.168.0.0/16'] }).matches({ ocsf })).toBe(false);
  });

  it('applies only to its rule and only until it expires', () => {
    const m = [compile({ id: 'e', ruleId: 'r1', expiresAt: 1000, field: 'actor.user.name', op: 'eq', values: ['svc-backup'] })];
    expect(suppressingException(m, 'r1', [{ ocsf }], 999)?.id).toBe('e');
    expect(suppressingException(m, 'r1', [{ ocsf }], 1000)).toBeUndefined();
    expect(suppressingException(m, 'r2', [{ ocsf }], 0)).toBeUndefined();
  });
});
