import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { splitRecords } from '@soc/sources';
import { validateOcsf } from '../../validate';
import type { MapContext, OcsfEvent } from '../../mapper';
import { zeekMapper } from './zeek-mapper';

const ZEEK_DIRS = ['day1', 'day2'].map((d) =>
  path.resolve(__dirname, '../../../../../../shared/corpora/logs/otrf-security-datasets/compound/apt29', d, 'zeek'),
);
const ctx: MapContext = { tenantId: 't1', eventUid: 'evt-1', receivedAt: 1_700_000_000_000 };

function mapOk(record: unknown): OcsfEvent {
  const r = zeekMapper.map(record, ctx);
  if (!r.ok) throw new Error(r.reason);
  const v = validateOcsf(r.event);
  if (!v.valid) throw new Error(`invalid OCSF: ${v.errors.join('; ')}`);
  return r.event;
}

/** Records of every file ending in `suffix`; `perFile` caps each file to keep the suite fast. */
function corpusRecords(suffix: string, perFile = Infinity): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const dir of ZEEK_DIRS) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith(suffix))) {
      const body = readFileSync(path.join(dir, f));
      out.push(...splitRecords('zeek', body, { contentType: 'ndjson', maxRecordBytes: 1 << 20, maxRecords: 100_000 }).records.slice(0, perFile).map((r) => r.data as Record<string, unknown>));
    }
  }
  return out;
}

describe('zeekMapper on the APT29 Zeek logs', () => {
  it('maps records of every log type (first 40 of each file) to valid OCSF events', () => {
    const all = corpusRecords('.log', 40);
    expect(all.length).toBeGreaterThan(500);
    const classes = new Map<number, number>();
    for (const rec of all) {
      const e = mapOk(rec);
      classes.set(e.class_uid, (classes.get(e.class_uid) ?? 0) + 1);
      expect(e.metadata['uid']).toBe('evt-1');
      expect(e.metadata['version']).toBe('1.8.0');
      expect(e.raw_data).toBe(JSON.stringify(rec));
    }
    expect([...classes.keys()].sort()).toEqual([0, 4001, 4002, 4003]);
  });

  it('maps conn to Network Activity with endpoints, traffic, duration and the Zeek uid', () => {
    const rec = corpusRecords('__conn.log').find((r) => r['uid'] === 'CJ21Le4zsTUcyKKi98');
    const e = mapOk(rec);
    expect(e).toMatchObject({
      class_uid: 4001, activity_id: 3, type_uid: 400103, severity_id: 1, time: 1588205199828,
      src_endpoint: { ip: '10.0.1.6', port: 56880, mac: '00:0d:3a:13:e3:69' },
      dst_endpoint: { ip: '10.0.0.4', port: 445 },
      connection_info: { uid: 'CJ21Le4zsTUcyKKi98', protocol_name: 'tcp', protocol_num: 6, direction_id: 0, flag_history: 'ShADdaR' },
      traffic: { bytes_out: 4020, bytes_in: 1681, bytes: 5701, packets_out: 12, packets_in: 11, packets: 23 },
      duration: 10761,
      app_protocol_name: 'gssapi,smb,krb',
      status_code: 'RSTO',
      metadata: { product: { name: 'Zeek' }, log_name: 'conn', correlation_uid: 'CJ21Le4zsTUcyKKi98' },
      unmapped: { orig_ip_bytes: 1307, resp_ip_bytes: 2133, '@system': 'bobs.bigwheel.local', '@proc': 'zeek' },
    });
    expect(e['observables']).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'dst_endpoint.ip', type_id: 2, value: '10.0.0.4' })]));
  });

  it('maps dns to DNS Activity with query, answers and rcode', () => {
    const dns = corpusRecords('__dns.log');
    const ok = mapOk(dns.find((r) => r['query'] === 'newyork.dmevals.local' && r['rcode'] === 0));
    expect(ok).toMatchObject({
      class_uid: 4003, activity_id: 2, query: { hostname: 'newyork.dmevals.local', type: 'A', class: 'C_INTERNET' },
      answers: [{ rdata: '10.0.0.4', ttl: 3600 }], rcode_id: 0, rcode: 'NOERROR', status_id: 1,
    });
    const nx = mapOk(dns.find((r) => r['rcode'] === 3));
    expect(nx).toMatchObject({ rcode_id: 3, rcode: 'NXDOMAIN', status_id: 2 });
  });

  it('maps http to HTTP Activity with request and response', () => {
    const rec = corpusRecords('__http.log').find((r) => r['uri'] === '/webdav' && r['method'] === 'OPTIONS');
    expect(mapOk(rec)).toMatchObject({
      class_uid: 4002, activity_id: 5, type_uid: 400205,
      http_request: { http_method: 'OPTIONS', user_agent: 'Microsoft-WebDAV-MiniRedir/10.0.18362', url: { url_string: 'http://192.168.0.4/webdav', path: '/webdav', hostname: '192.168.0.4', port: 80 } },
      http_response: { code: 401, message: 'Unauthorized', content_type: 'text/html' },
      status_id: 2,
    });
  });
});

describe('zeekMapper on Zeek-native JSON (dotted ids, no stream field)', () => {
  it('detects the log from its fields and reads id.orig_h', () => {
    const e = mapOk({ ts: 1692161643.549491, uid: 'CX6po61SVaO8po0uh8', 'id.orig_h': '192.168.1.41', 'id.orig_p': 55213, 'id.resp_h': '10.0.5.13', 'id.resp_p': 80, proto: 'tcp', conn_state: 'SHR', local_orig: true, local_resp: true, history: '^hadf', orig_pkts: 0, resp_pkts: 5 });
    expect(e).toMatchObject({ class_uid: 4001, activity_id: 6, connection_info: { direction_id: 3, direction: 'Lateral' }, src_endpoint: { ip: '192.168.1.41' } });
    expect(e['unmapped']).toBeUndefined();
    const h = mapOk({ _path: 'http', ts: '2023-08-16T05:00:00.123Z', 'id.orig_h': '10.0.0.1', 'id.resp_h': '10.0.0.2', 'id.resp_p': 8080, method: 'GET', uri: 'http://evil.example/a?b=1', host: 'evil.example' });
    expect(h).toMatchObject({ activity_id: 3, time: Date.UTC(2023, 7, 16, 5, 0, 0, 123), http_request: { url: { url_string: 'http://evil.example/a?b=1', scheme: 'http' } } });
  });

  it('keeps sensor logs as a Base Event and refuses non-objects', () => {
    expect(mapOk({ _path: 'reporter', ts: 1, level: 'Reporter::WARNING', message: 'x' })).toMatchObject({ class_uid: 0, activity_id: 99, activity_name: 'zeek reporter', message: 'x', unmapped: { level: 'Reporter::WARNING' } });
    expect(zeekMapper.map('line', ctx)).toMatchObject({ ok: false, code: 'SOC_ERR_RECORD_UNMAPPABLE' });
  });
});

describe('zeekMapper on WebDAV verbs', () => {
  it('keeps a method outside the OCSF enum as activity Other and in unmapped', () => {
    const e = mapOk({ _path: 'http', ts: 1, 'id.orig_h': '10.0.0.1', 'id.resp_h': '10.0.0.2', method: 'PROPFIND', uri: '/dav', status_code: 207 });
    expect(e).toMatchObject({ activity_id: 99, activity_name: 'PROPFIND', unmapped: { method: 'PROPFIND' }, http_response: { code: 207 } });
    expect((e['http_request'] as Record<string, unknown>)['http_method']).toBeUndefined();
  });
});
