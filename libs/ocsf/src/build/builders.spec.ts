import { buildClassification } from './classification';
import { buildDevice, buildNetworkEndpoint } from './endpoint';
import { buildExecutableFile, buildFile, splitPath } from './file';
import { parseHashList } from './hashes';
import { normalizeIp } from './ip';
import { deriveObservables } from './observables';
import { buildProcess, parsePid } from './process';
import { buildRawData } from './raw-data';
import { severityFromText } from './severity';
import { buildStatus } from './status';
import { parseTimestamp } from './time';
import { buildUnmapped } from './unmapped';
import { buildUser } from './user';

describe('parseTimestamp', () => {
  it.each([
    ['2019-05-14T22:36:33.1234567Z', Date.UTC(2019, 4, 14, 22, 36, 33, 123)],
    ['2020-10-19 01:55:25.343', Date.UTC(2020, 9, 19, 1, 55, 25, 343)],
    ['2020-10-19T01:55:25+02:00', Date.UTC(2020, 9, 18, 23, 55, 25)],
    ['2022-03-01T10:00:00.000000000Z', Date.UTC(2022, 2, 1, 10)],
    [1_600_000_000, 1_600_000_000_000],
    ['1600000000123', 1_600_000_000_123],
    [1_600_000_000_123_456, 1_600_000_000_123],
  ])('%s', (input, expected) => expect(parseTimestamp(input)).toBe(expected));
  it('rejects non-times', () => {
    expect(parseTimestamp('yesterday')).toBeUndefined();
    expect(parseTimestamp(undefined)).toBeUndefined();
  });
});

describe('objects', () => {
  it('parses Sysmon hash lists', () => {
    expect(parseHashList('SHA1=AA11,MD5=BB22,SHA256=CC33,IMPHASH=DD44')).toEqual([
      { algorithm_id: 2, algorithm: 'SHA-1', value: 'AA11' },
      { algorithm_id: 1, algorithm: 'MD5', value: 'BB22' },
      { algorithm_id: 3, algorithm: 'SHA-256', value: 'CC33' },
      { algorithm_id: 18, algorithm: 'Imphash', value: 'DD44' },
    ]);
  });
  it('builds processes from hex or decimal pids and drops unidentifiable ones', () => {
    expect(parsePid('0x1a4')).toBe(420);
    expect(buildProcess({ name: 'x.exe' })).toBeUndefined();
    expect(buildProcess({ pid: '0x10', path: 'C:\\a\\b.exe' })).toEqual({
      pid: 16,
      name: 'b.exe',
      file: { name: 'b.exe', path: 'C:\\a\\b.exe', parent_folder: 'C:\\a', type_id: 1, type: 'Regular File' },
    });
  });
  it('splits paths with either separator', () => {
    expect(splitPath('C:\\Windows/system32\\x.dll')).toEqual({ parent: 'C:\\Windows/system32', name: 'x.dll' });
    expect(buildFile({})).toBeUndefined();
  });
  it('normalises endpoints and never puts non-IPs in ip', () => {
    expect(normalizeIp('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(normalizeIp('-')).toBeUndefined();
    expect(buildNetworkEndpoint({ ip: '-', port: '-' })).toBeUndefined();
    expect(buildNetworkEndpoint({ ip: 'fe80::1%12', port: '445' })).toEqual({ ip: 'fe80::1', port: 445 });
    expect(buildDevice({})).toEqual({ type_id: 0, name: 'unknown' });
  });
  it('requires a name or uid for users', () => {
    expect(buildUser({ domain: 'X' })).toBeUndefined();
    expect(buildUser({ name: 'bob', type_id: 2 })).toEqual({ name: 'bob', type_id: 2, type: 'Admin' });
  });
});

describe('event attributes', () => {
  it('classification is consistent with the schema', () => {
    expect(buildClassification(3002, 1)).toEqual({
      class_uid: 3002, class_name: 'Authentication', category_uid: 3, category_name: 'Identity & Access Management',
      activity_id: 1, activity_name: 'Logon', type_uid: 300201, type_name: 'Authentication: Logon',
    });
    expect(() => buildClassification(3002, 42)).toThrow(expect.objectContaining({ code: 'SOC_ERR_OCSF_UNKNOWN_CLASS' }));
  });
  it('severity and status', () => {
    expect(severityFromText('Warning')).toEqual({ severity_id: 2, severity: 'Low' });
    expect(severityFromText('weird')).toEqual({ severity_id: 99, severity: 'weird' });
    expect(buildStatus(false, '0xC000006A', 'INVALID_CREDENTIALS')).toEqual({ status_id: 2, status: 'Failure', status_code: '0xC000006A', status_detail: 'INVALID_CREDENTIALS' });
  });
  it('raw_data is truncated at the limit and reports the full size', () => {
    expect(buildRawData({ a: 'x'.repeat(20) }, 10)).toEqual({ raw_data: '{"a":"xxxx', raw_data_size: 28, is_truncated: true });
    expect(buildRawData('line')).toEqual({ raw_data: 'line', raw_data_size: 4, is_truncated: false });
  });
  it('unmapped keeps source values verbatim', () => {
    expect(buildUnmapped({ a: '-', b: undefined }, { c: '' })).toEqual({ a: '-', c: '' });
    expect(buildUnmapped({})).toBeUndefined();
  });
  it('derives observables with OCSF type ids', () => {
    const obs = deriveObservables({
      src_endpoint: { ip: '10.0.0.5', hostname: 'h1' },
      user: { name: 'bob' },
      process: { name: 'cmd.exe', cmd_line: 'cmd /c x', file: { name: 'cmd.exe', path: 'C:\\cmd.exe', hashes: [{ algorithm_id: 3, value: 'ab' }] } },
      unmapped: { ip: '1.1.1.1' },
    });
    expect(obs?.map((o) => [o.name, o.type_id, o.value])).toEqual([
      ['src_endpoint.ip', 2, '10.0.0.5'],
      ['src_endpoint.hostname', 1, 'h1'],
      ['user.name', 4, 'bob'],
      ['process.name', 9, 'cmd.exe'],
      ['process.cmd_line', 13, 'cmd /c x'],
      ['process.file.name', 7, 'cmd.exe'],
      ['process.file.path', 45, 'C:\\cmd.exe'],
      ['process.file.hashes.value', 8, 'ab'],
    ]);
  });
});

describe('builders with named stores', () => {
  it('buildExecutableFile gives what buildFile gives for a process image, key order included', () => {
    const hashes = parseHashList('SHA1=AA11,MD5=BB22');
    const paths = ['C:\\Windows\\System32\\cmd.exe', ' /usr/bin/sudo ', 'x.exe', 'C:\\dir\\', '\\\\', 'C:/a\\b/c.dll', '/'];
    for (const path of paths) {
      for (const h of [undefined, [], hashes, [{ algorithm_id: 99, algorithm: '', value: 'ff' }]]) {
        const expected = buildFile({ path, type_id: 1, ...(h ? { hashes: h } : {}) });
        expect(JSON.stringify(buildExecutableFile(path, h))).toBe(JSON.stringify(expected));
      }
    }
  });

  it('buildProcess and buildNetworkEndpoint keep their attribute order and drop empties', () => {
    const process = buildProcess({
      session: { uid: '0x1', uuid: '' }, tid: '0x10', working_directory: '', integrity_id: 4, parent_process: { pid: 1 },
      user: { name: 'bob', uid: null as unknown as string }, cmd_line: 'a b', path: 'C:\\x.exe', name: '', uid: ' {G} ', pid: '12',
    });
    expect(JSON.stringify(process)).toBe(JSON.stringify({
      pid: 12, uid: '{G}', cmd_line: 'a b',
      file: { path: 'C:\\x.exe', type_id: 1, name: 'x.exe', parent_folder: 'C:', type: 'Regular File' },
      user: { name: 'bob' }, parent_process: { pid: 1 }, integrity_id: 4, integrity: 'High', tid: 16, session: { uid: '0x1' },
    }));
    expect(JSON.stringify(buildNetworkEndpoint({ svc_name: 's', mac: '', uid: 'u', domain: 'd', name: '', hostname: 'h', port: '443', ip: '::ffff:10.0.0.1' }))).toBe(
      JSON.stringify({ ip: '10.0.0.1', port: 443, hostname: 'h', domain: 'd', uid: 'u', svc_name: 's' }),
    );
    expect(buildNetworkEndpoint({ port: 80, mac: '00:11:22:33:44:55' })).toBeUndefined();
  });
});
