import { SOC_ERR_RECORD_UNPARSEABLE } from '../errors';
import { decodePri } from './pri';
import { parseStructuredData, type StructuredData } from './structured-data';
import { BSD_TIME_RE, parseRfc3339, resolveBsdTime, type BsdTimeContext } from './time';

/** One syslog line, decoded. Absent (or NILVALUE `-`) header fields are undefined. */
export interface SyslogMessage {
  /** rfc5424 / rfc3164 (with PRI) / file: a line as written to /var/log (no PRI). */
  format: 'rfc5424' | 'rfc3164' | 'file';
  pri?: number;
  facility?: number;
  facilityName?: string;
  severity?: number;
  severityName?: string;
  /** RFC 5424 VERSION. */
  version?: number;
  /** ms since epoch. */
  time?: number;
  /** The timestamp as written. */
  timeText?: string;
  hostname?: string;
  /** RFC 5424 APP-NAME, or the RFC 3164 TAG. */
  appName?: string;
  procId?: string;
  msgId?: string;
  structuredData?: StructuredData;
  /** The MSG part (BOM removed). */
  message: string;
}

/** Options for parseSyslog: the year-less RFC 3164 stamps need a reference time. */
export type SyslogParseOptions = BsdTimeContext;

/** Result of parseSyslog: the message, or a stable code and the reason it could not be parsed. */
export type SyslogParseResult =
  | { ok: true; message: SyslogMessage }
  | { ok: false; code: typeof SOC_ERR_RECORD_UNPARSEABLE; reason: string };

const PRI_RE = /^<(\d{1,3})>/;
const ISO_TOKEN_RE = /^\d{4}-\d{2}-\d{2}T\S+/;
// TAG[PID]: — tag chars stop at space, '[' or ':'.
const TAG_RE = /^([^\s[:]+)(?:\[([^\]]*)\])?:(?: |$)/;

/**
 * Parses one syslog line: RFC 5424, RFC 3164, or a /var/log line without PRI
 * (`Mmm dd hh:mm:ss host tag[pid]: msg` or with an RFC 3339 stamp). Pure; the year of
 * RFC 3164 stamps comes from `opts.referenceTime`.
 */
export function parseSyslog(line: string, opts: SyslogParseOptions): SyslogParseResult {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const pm = PRI_RE.exec(text);
  if (!pm) return parseBsd(text, 'file', {}, opts);
  const pri = decodePri(pm[1] ?? '');
  if (!pri) return fail(`invalid PRI <${pm[1]}>: must be 0..191`);
  const rest = text.slice(pm[0].length);
  const vm = /^([1-9]\d?) /.exec(rest);
  if (vm) return parse5424(rest.slice(vm[0].length), { ...pri, version: Number(vm[1]) });
  return parseBsd(rest, 'rfc3164', pri, opts);
}

function parse5424(rest: string, head: Partial<SyslogMessage>): SyslogParseResult {
  const parts: string[] = [];
  let pos = 0;
  for (let k = 0; k < 5; k++) {
    const sp = rest.indexOf(' ', pos);
    if (sp < 0) return fail('RFC 5424 header is incomplete (expected TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA)');
    parts.push(rest.slice(pos, sp));
    pos = sp + 1;
  }
  const [ts, host, app, proc, msgId] = parts.map((p) => (p === '-' ? undefined : p));
  let time: number | undefined;
  if (ts !== undefined) {
    time = parseRfc3339(ts);
    if (time === undefined) return fail(`invalid RFC 5424 TIMESTAMP "${ts}"`);
  }
  const sd = parseStructuredData(rest, pos);
  if (!sd.ok) return fail(sd.reason);
  let message = rest.slice(sd.end);
  if (message.length > 0 && !message.startsWith(' ')) return fail('expected a space after STRUCTURED-DATA');
  message = stripBom(message.slice(1));
  const msg: SyslogMessage = { ...head, format: 'rfc5424', message };
  assignDefined(msg, { time, timeText: ts, hostname: host, appName: app, procId: proc, msgId, structuredData: sd.data });
  return { ok: true, message: msg };
}

function parseBsd(rest: string, format: 'rfc3164' | 'file', head: Partial<SyslogMessage>, opts: SyslogParseOptions): SyslogParseResult {
  let time: number | undefined;
  let timeText: string | undefined;
  let pos = 0;
  const bm = BSD_TIME_RE.exec(rest);
  const im = bm ? null : ISO_TOKEN_RE.exec(rest);
  if (bm) {
    time = resolveBsdTime(bm, opts);
    if (time === undefined) return fail(`invalid timestamp "${bm[0]}"`);
    timeText = bm[0];
    pos = bm[0].length;
  } else if (im) {
    time = parseRfc3339(im[0]);
    if (time === undefined) return fail(`invalid timestamp "${im[0]}"`);
    timeText = im[0];
    pos = im[0].length;
  } else if (format === 'file') {
    return fail('not a syslog line: no <PRI> and no timestamp at the start');
  }
  const msg: SyslogMessage = { ...head, format, message: '' };
  assignDefined(msg, { time, timeText });
  splitHostTag(rest.slice(pos).replace(/^ +/, ''), timeText !== undefined, msg);
  return { ok: true, message: msg };
}

/** `host tag[pid]: msg`; the host is absent when the first word is already a tag. */
function splitHostTag(body: string, mayHaveHost: boolean, msg: SyslogMessage): void {
  let rest = body;
  if (mayHaveHost && !TAG_RE.test(rest)) {
    const sp = rest.indexOf(' ');
    const host = sp < 0 ? rest : rest.slice(0, sp);
    if (host.length > 0) msg.hostname = host;
    rest = sp < 0 ? '' : rest.slice(sp + 1);
  }
  const tm = TAG_RE.exec(rest);
  if (tm) {
    msg.appName = tm[1];
    if (tm[2] !== undefined && tm[2] !== '') msg.procId = tm[2];
    rest = rest.slice(tm[0].length);
  }
  msg.message = stripBom(rest);
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

function assignDefined(target: SyslogMessage, fields: Partial<SyslogMessage>): void {
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (target as unknown as Record<string, unknown>)[k] = v;
}

function fail(reason: string): SyslogParseResult {
  return { ok: false, code: SOC_ERR_RECORD_UNPARSEABLE, reason };
}
