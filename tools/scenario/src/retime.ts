import type { SourceName } from '@soc/contracts';
import { auditTs, epochSeconds, isoMs, isoSec, rfc3164Time, rfc5424Time, sysmonUtc, winSystemTime } from './format';

type Obj = Record<string, unknown>;

function retimeWindows(r: Obj, t: number): void {
  const ev = r['Event'] as Obj;
  const sys = ev['System'] as Obj;
  sys['TimeCreated'] = { '#attributes': { SystemTime: winSystemTime(t, t % 1000) } };
  const data = ev['EventData'] as Obj;
  if ('UtcTime' in data) data['UtcTime'] = sysmonUtc(t);
  if ('CreationUtcTime' in data) data['CreationUtcTime'] = sysmonUtc(t);
}

function retimeJson(source: SourceName, r: Obj, t: number): void {
  switch (source) {
    case 'windows': return retimeWindows(r, t);
    case 'aws-cloudtrail': r['eventTime'] = isoSec(t); return;
    case 'okta': r['published'] = isoMs(t); return;
    case 'github-audit': r['@timestamp'] = t; r['created_at'] = t; return;
    case 'zeek': r['ts'] = epochSeconds(t, 0); r['_write_ts'] = isoMs(t); return;
    default:
      if ('createdDateTime' in r) r['createdDateTime'] = isoSec(t);
      if ('activityDateTime' in r) r['activityDateTime'] = isoMs(t);
      if ('CreationTime' in r) r['CreationTime'] = isoSec(t).slice(0, 19);
  }
}

/**
 * Moves a native record to time `t` by rewriting its timestamp fields (the demo replays a
 * generated scenario on the wall clock). JSON records are changed in place.
 */
export function retime(source: SourceName, record: object | string, t: number): object | string {
  if (typeof record !== 'string') {
    retimeJson(source, record as Obj, t);
    return record;
  }
  if (source === 'auditd') return record.replace(/msg=audit\(\d+\.\d+:/g, `msg=audit(${auditTs(t)}:`);
  if (record.startsWith('<') && /^<\d+>1 /.test(record)) return record.replace(/^(<\d+>1 )\S+/, `$1${rfc5424Time(t, 0)}`);
  return record.replace(/^(<\d+>)[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d/, `$1${rfc3164Time(t)}`);
}
