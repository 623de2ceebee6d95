import { SOC_ERR_RECORD_UNPARSEABLE } from '../errors';
import { decodeHex, isHexEncoded } from './fields';

/** One line of an auditd event: its type and decoded fields (`msg='...'` contents merged in). */
export interface AuditdRecord {
  type: string;
  fields: Record<string, string>;
  /** The line as received. */
  line: string;
}

/** All records of one auditd serial. */
export interface AuditdEvent {
  serial: number;
  /** ms since epoch from `audit(<epoch>.<ms>:<serial>)`. */
  time: number;
  /** `node=` prefix (multi-host forwarding), when present. */
  node?: string;
  records: AuditdRecord[];
}

/** Result of parseAuditd: the event or a stable code and reason. */
export type AuditdParseResult =
  | { ok: true; event: AuditdEvent }
  | { ok: false; code: typeof SOC_ERR_RECORD_UNPARSEABLE; reason: string };

const TYPE_RE = /(?:^|\s)type=([A-Za-z0-9_]+)\s+(?:msg=)?audit\((\d+)\.(\d+):(\d+)\):?\s?/;
const NODE_RE = /(?:^|\s)node=(\S+)/;
const KEY_RE = /([A-Za-z_][\w-]*(?:\[\d+\])?)=/y;

/**
 * Parses the lines of one auditd event (the text splitRecords produced for a serial). Accepts
 * lines preceded by a syslog header or `node=`, classic `msg=audit(...)` and auoms `audit(...)`
 * stamps; decodes hex-encoded values and merges `msg='k=v ...'` (USER_* records) into fields.
 */
export function parseAuditd(text: string): AuditdParseResult {
  const records: AuditdRecord[] = [];
  let head: Omit<AuditdEvent, 'records'> | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const m = TYPE_RE.exec(line);
    if (!m) return fail(`not an auditd line: ${line.slice(0, 80)}`);
    const [, type = '', sec = '', ms = '', serial = ''] = m;
    if (!head) {
      head = { serial: Number(serial), time: Number(sec) * 1000 + Number(ms.padEnd(3, '0').slice(0, 3)) };
      const node = NODE_RE.exec(line.slice(0, m.index + 1))?.[1];
      if (node !== undefined) head.node = node;
    } else if (Number(serial) !== head.serial) {
      return fail(`lines of different serials (${head.serial} and ${serial}) in one event`);
    }
    if (type === 'EOE') continue;
    // Enriched logs (auditd >= 2.8) append resolved names after a GS (0x1d) separator: treat it as a space.
    const body = line.slice(m.index + m[0].length).replaceAll('\u001d', ' ');
    records.push({ type, fields: parseFields(type, body), line });
  }
  if (!head) return fail('empty auditd event');
  return { ok: true, event: { ...head, records } };
}

/** Parses `k=v k="v" k='nested k=v' k=[...]` pairs; words that are not pairs extend the previous value. */
export function parseFields(type: string, body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let lastKey: string | undefined;
  let i = 0;
  while (i < body.length) {
    while (body[i] === ' ') i++;
    if (i >= body.length) break;
    KEY_RE.lastIndex = i;
    const km = KEY_RE.exec(body);
    if (!km) {
      // Not a pair: a word of an unquoted value with spaces (auoms proctitle) or free text (AVC).
      const end = wordEnd(body, i);
      const word = body.slice(i, end);
      if (lastKey !== undefined) fields[lastKey] += ` ${word}`;
      else fields['text'] = fields['text'] === undefined ? word : `${fields['text']} ${word}`;
      i = end;
      continue;
    }
    const key = km[1] ?? '';
    const v = readValue(body, KEY_RE.lastIndex);
    i = v.end;
    if (v.quote === "'") {
      mergeNested(fields, parseFields(type, v.value));
      lastKey = undefined;
      continue;
    }
    fields[key] = v.quote === '' && isHexEncoded(type, key, v.value) ? decodeHex(v.value) : v.value;
    lastKey = v.quote === '' ? key : undefined;
  }
  return fields;
}

function readValue(body: string, start: number): { value: string; quote: string; end: number } {
  const q = body[start];
  if (q === '"' || q === "'") {
    const close = body.indexOf(q, start + 1);
    const end = close < 0 ? body.length : close;
    return { value: body.slice(start + 1, end), quote: q, end: close < 0 ? end : end + 1 };
  }
  if (q === '[') {
    const close = body.indexOf(']', start);
    const end = close < 0 ? wordEnd(body, start) : close + 1;
    return { value: body.slice(start, end), quote: '[', end };
  }
  const end = wordEnd(body, start);
  return { value: body.slice(start, end), quote: '', end };
}

function wordEnd(body: string, from: number): number {
  const sp = body.indexOf(' ', from);
  return sp < 0 ? body.length : sp;
}

/** Inner `msg='...'` fields join the record; a name the outer record already has keeps both. */
function mergeNested(fields: Record<string, string>, nested: Record<string, string>): void {
  for (const [k, v] of Object.entries(nested)) {
    if (fields[k] === undefined) fields[k] = v;
    else fields[`msg.${k}`] = v;
  }
}

function fail(reason: string): AuditdParseResult {
  return { ok: false, code: SOC_ERR_RECORD_UNPARSEABLE, reason };
}
