import { assembleEvent } from './build/event';
import { buildDevice } from './build/endpoint';
import { buildProcess } from './build/process';
import { buildUser } from './build/user';
import { assertValidOcsf, knownOcsfClassUids, validateOcsf } from './validate';

function processLaunch(): Record<string, unknown> {
  const user = buildUser({ name: 'alice', domain: 'CORP', uid: 'S-1-5-21-1-2-3-1001' });
  return assembleEvent({
    classUid: 1007,
    activityId: 1,
    time: 1_700_000_000_000,
    metadata: { product: { name: 'Sysmon', vendor_name: 'Microsoft' }, uid: 'evt-1', log_name: 'Microsoft-Windows-Sysmon/Operational', event_code: '1' },
    original: { a: 1 },
    unmapped: { IntegrityLevel: 'Medium', Nested: { deep: [1, { x: 'y' }] } },
    attributes: {
      device: buildDevice({ hostname: 'ws1.corp.local' }),
      actor: { process: buildProcess({ pid: 100, path: 'C:\\Windows\\explorer.exe' }), user },
      process: buildProcess({
        pid: 4242,
        uid: '{11111111-2222-3333-4444-555555555555}',
        path: 'C:\\Windows\\System32\\cmd.exe',
        cmd_line: 'cmd.exe /c whoami',
        user,
        parent_process: buildProcess({ pid: 100, path: 'C:\\Windows\\explorer.exe', parent_process: buildProcess({ pid: 4 }) }),
      }),
    },
  });
}

describe('validateOcsf', () => {
  it('accepts a well-formed Process Activity event, nested parents included', () => {
    expect(validateOcsf(processLaunch())).toEqual({ valid: true });
  });

  it('rejects a missing required attribute', () => {
    const e = processLaunch();
    delete e['device'];
    const r = validateOcsf(e);
    expect(r.valid).toBe(false);
    if (!r.valid) expect(r.errors.join()).toContain("required property 'device'");
  });

  it('rejects unknown attributes at the top level and inside objects', () => {
    expect(validateOcsf({ ...processLaunch(), foo: 1 })).toMatchObject({ valid: false, errors: ['/ must NOT have additional properties (foo)'] });
    const e = processLaunch();
    (e['process'] as Record<string, unknown>)['ImageLoaded'] = 'x';
    expect(validateOcsf(e)).toMatchObject({ valid: false, errors: ['/process must NOT have additional properties (ImageLoaded)'] });
  });

  it('rejects wrong types, bad enum values and invalid IPs', () => {
    expect(validateOcsf({ ...processLaunch(), time: '2024-01-01' }).valid).toBe(false);
    expect(validateOcsf({ ...processLaunch(), severity_id: 7 }).valid).toBe(false);
    expect(validateOcsf({ ...processLaunch(), device: { type_id: 0, ip: 'not-an-ip' } }).valid).toBe(false);
    expect(validateOcsf({ ...processLaunch(), device: { type_id: 0, ip: '10.1.2.3' } }).valid).toBe(true);
  });

  it('checks type_uid = class_uid * 100 + activity_id and the category', () => {
    expect(validateOcsf({ ...processLaunch(), activity_id: 2 }).valid).toBe(false);
    expect(validateOcsf({ ...processLaunch(), category_uid: 3 }).valid).toBe(false);
  });

  it('treats unknown classes and non-objects as invalid', () => {
    expect(validateOcsf({ ...processLaunch(), class_uid: 9999 })).toEqual({ valid: false, errors: ['/class_uid 9999 is not an OCSF 1.8.0 class'] });
    expect(validateOcsf([]).valid).toBe(false);
    expect(validateOcsf({}).valid).toBe(false);
    expect(() => assertValidOcsf({})).toThrow(expect.objectContaining({ code: 'SOC_ERR_OCSF_INVALID_EVENT' }));
  });

  it('knows every compiled class', () => {
    expect(knownOcsfClassUids()).toEqual(expect.arrayContaining([0, 1001, 1007, 2004, 3002, 201001, 201002]));
  });

  it('is fast enough to validate every produced event (measured)', () => {
    const e = processLaunch();
    validateOcsf(e);
    const n = 20_000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) validateOcsf(e);
    const perSec = n / (Number(process.hrtime.bigint() - start) / 1e9);
    process.stdout.write(`validateOcsf: ${Math.round(perSec)} events/s (typical 1007 event)\n`);
    expect(perSec).toBeGreaterThan(5_000);
  });
});
