/** Which of the supported JSON layouts a Windows record came in. */
export type WindowsLayout = 'evtx' | 'nxlog' | 'winlogbeat';

/** One Windows event, independent of its JSON layout. */
export interface WinRecord {
  layout: WindowsLayout;
  eventId: number;
  channel: string;
  computer?: string;
  provider?: string;
  /** Candidate time texts/numbers, best first. */
  times: unknown[];
  recordId?: string;
  level?: string;
  /**
   * EventData / UserData fields with their original names, scalar values; `null` and
   * `undefined` values are left out (they mean "no value" to every reader). The object is
   * owned by the record: the mapper turns it into the event's `unmapped` bag.
   */
  data: Record<string, unknown>;
  /** Rendered message text, when the layout carries one. */
  message?: string;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** evtx_dump writes elements with attributes as `{ "#attributes": {...}, "#text": v }`. */
function text(v: unknown): unknown {
  return isObj(v) && '#text' in v ? v['#text'] : v;
}

function str(v: unknown): string | undefined {
  const t = text(v);
  return typeof t === 'string' ? t : typeof t === 'number' ? String(t) : undefined;
}

function eventIdOf(v: unknown): number | undefined {
  const t = text(v);
  const n = typeof t === 'number' ? t : typeof t === 'string' && /^\d+$/.test(t.trim()) ? Number(t) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Flattens EventData/UserData into `out`: named fields stay as they are; evtx_dump's unnamed
 * `Data` (string or array) becomes `Data`/`Data1..n`; a UserData wrapper element (e.g.
 * `LogFileCleared`) is unwrapped; `#attributes` noise is dropped. Written in place (no
 * intermediate objects): this runs on every Windows event.
 */
function flattenInto(node: unknown, out: Obj): void {
  if (!isObj(node)) {
    if (node !== undefined && node !== null) put(out, 'Data', text(node));
    return;
  }
  for (const k in node) {
    if (k === '#attributes' || !Object.prototype.hasOwnProperty.call(node, k)) continue;
    const v = node[k];
    if (k === 'Data' && Array.isArray(v)) for (let i = 0; i < v.length; i++) put(out, i === 0 ? 'Data' : `Data${i}`, text(v[i]));
    else if (isObj(v) && !('#text' in v)) flattenInto(v, out);
    else put(out, k, text(v));
  }
}

/** A later `null` still overrides an earlier value (as merging with a spread did), so it deletes it. */
function put(out: Obj, k: string, v: unknown): void {
  if (v !== undefined && v !== null) out[k] = v;
  else if (Object.prototype.hasOwnProperty.call(out, k)) delete out[k];
}

/**
 * Whether every value of `node` is a non-null scalar, with no `#attributes` (dropped by
 * flattenInto) or `__proto__` (an own key from JSON.parse that a spread would copy but an
 * assignment would not).
 */
function isFlat(node: Obj): boolean {
  for (const k in node) {
    const v = node[k];
    if (v === null || v === undefined || typeof v === 'object' || k === '#attributes' || k === '__proto__') return false;
  }
  return true;
}

/** UserData fields, overridden by EventData fields of the same name. */
function eventData(userData: unknown, data: unknown): Obj {
  // The common evtx_dump shape (no UserData, EventData of named scalars) flattens to a copy of
  // itself. A spread copies it at once and keeps the parsed object's fast layout; setting ~20
  // computed keys one by one is slower and, past 16 of them, leaves a dictionary-mode object
  // that every later reader (and JSON.stringify of the event) walks slowly.
  if (userData === undefined && isObj(data) && isFlat(data)) return { ...data };
  const out: Obj = {};
  flattenInto(userData, out);
  flattenInto(data, out);
  return out;
}

function fromEvtx(event: Obj): WinRecord | undefined {
  const system = event['System'];
  if (!isObj(system)) return undefined;
  const eventId = eventIdOf(system['EventID']);
  const channel = str(system['Channel']);
  if (eventId === undefined || channel === undefined) return undefined;
  const provider = system['Provider'];
  const timeCreated = system['TimeCreated'];
  const rec: WinRecord = {
    layout: 'evtx',
    eventId,
    channel,
    times: [isObj(timeCreated) && isObj(timeCreated['#attributes']) ? timeCreated['#attributes']['SystemTime'] : undefined],
    data: eventData(event['UserData'], event['EventData']),
  };
  const computer = str(system['Computer']);
  if (computer) rec.computer = computer;
  const providerName = isObj(provider) && isObj(provider['#attributes']) ? str(provider['#attributes']['Name']) : undefined;
  if (providerName) rec.provider = providerName;
  const recordId = str(system['EventRecordID']);
  if (recordId) rec.recordId = recordId;
  const level = str(system['Level']);
  if (level) rec.level = level;
  return rec;
}

function fromWinlogbeat(r: Obj, winlog: Obj): WinRecord | undefined {
  const eventId = eventIdOf(winlog['event_id']);
  const channel = str(winlog['channel']);
  if (eventId === undefined || channel === undefined) return undefined;
  const event = isObj(r['event']) ? r['event'] : {};
  const rec: WinRecord = {
    layout: 'winlogbeat',
    eventId,
    channel,
    times: [r['@timestamp'], event['created']],
    data: eventData(winlog['user_data'], winlog['event_data']),
  };
  const host = isObj(r['host']) ? r['host'] : {};
  const computer = str(winlog['computer_name']) ?? str(host['name']) ?? str(host['hostname']);
  if (computer) rec.computer = computer;
  const provider = str(winlog['provider_name']);
  if (provider) rec.provider = provider;
  const recordId = str(winlog['record_id']);
  if (recordId) rec.recordId = recordId;
  const message = str(r['message']);
  if (message) rec.message = message;
  return rec;
}

/** Top-level NXLog/Logstash keys that describe the record, not the event's EventData. */
const NXLOG_ENVELOPE = new Set([
  'EventID', 'Channel', 'Hostname', 'SourceName', 'ProviderGuid', 'EventTime', 'EventReceivedTime', 'TimeCreated',
  '@timestamp', '@version', 'Message', 'RecordNumber', 'Level', 'Keywords', 'Task', 'Opcode', 'OpcodeValue',
  'Severity', 'SeverityValue', 'EventType', 'SourceModuleName', 'SourceModuleType', 'ExecutionProcessID',
  'ThreadID', 'Version', 'Category', 'host', 'tags', 'port', 'Domain', 'AccountName', 'AccountType', 'UserID',
]);

function fromNxlog(r: Obj): WinRecord | undefined {
  const eventId = eventIdOf(r['EventID']);
  const channel = str(r['Channel']);
  if (eventId === undefined || channel === undefined) return undefined;
  const data: Obj = {};
  for (const k in r) {
    if (!Object.prototype.hasOwnProperty.call(r, k) || NXLOG_ENVELOPE.has(k)) continue;
    const v = r[k];
    if (v !== undefined && v !== null) data[k] = v;
  }
  const rec: WinRecord = {
    layout: 'nxlog',
    eventId,
    channel,
    // EventTime/TimeCreated are often the collector's local time; @timestamp and Sysmon's
    // UtcTime are UTC, so they come first.
    times: [r['@timestamp'], r['UtcTime'], r['TimeCreated'], r['EventTime']],
    data,
  };
  const computer = str(r['Hostname']);
  if (computer) rec.computer = computer;
  const provider = str(r['SourceName']);
  if (provider) rec.provider = provider;
  const recordId = str(r['RecordNumber']);
  if (recordId) rec.recordId = recordId;
  const message = str(r['Message']);
  if (message) rec.message = message;
  const level = str(r['Level']);
  if (level) rec.level = level;
  return rec;
}

/** Recognises a Windows event in any supported layout; `undefined` when it is not one. */
export function readWindowsRecord(record: unknown): WinRecord | undefined {
  if (!isObj(record)) return undefined;
  if (isObj(record['Event'])) return fromEvtx(record['Event']);
  if (isObj(record['System'])) return fromEvtx(record);
  if (isObj(record['winlog'])) return fromWinlogbeat(record, record['winlog']);
  return fromNxlog(record);
}
