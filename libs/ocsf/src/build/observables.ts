/** OCSF observable type_id values (derived from the 1.8.0 schema's types and objects). */
export const OBSERVABLE_TYPE = {
  Hostname: 1,
  IPAddress: 2,
  MACAddress: 3,
  UserName: 4,
  EmailAddress: 5,
  URLString: 6,
  FileName: 7,
  Hash: 8,
  ProcessName: 9,
  ResourceUID: 10,
  Port: 11,
  Subnet: 12,
  CommandLine: 13,
  Country: 14,
  ProcessID: 15,
  HTTPUserAgent: 16,
  UserCredentialID: 19,
  UserUID: 31,
  GroupName: 32,
  GroupUID: 33,
  AccountName: 34,
  AccountUID: 35,
  ProcessEntityUID: 39,
  RegistryValueName: 43,
  FilePath: 45,
  RegistryKeyPath: 46,
  DeviceUID: 47,
  Other: 99,
} as const;

const CAPTIONS: Record<number, string> = {
  1: 'Hostname', 2: 'IP Address', 3: 'MAC Address', 4: 'User Name', 5: 'Email Address', 6: 'URL String',
  7: 'File Name', 8: 'Hash', 9: 'Process Name', 10: 'Resource UID', 11: 'Port', 12: 'Subnet', 13: 'Command Line',
  14: 'Country', 15: 'Process ID', 16: 'HTTP User-Agent', 19: 'User Credential ID', 31: 'User: uid',
  32: 'Group: name', 33: 'Group: uid', 34: 'Account: name', 35: 'Account: uid', 39: 'Process Entity: uid',
  43: 'Registry Value: name', 45: 'File Path', 46: 'Registry Key Path', 47: 'Device: uid', 99: 'Other',
};

/** One OCSF `observable`: `name` is the attribute path in the event (e.g. `src_endpoint.ip`). */
export interface Observable {
  name: string;
  type_id: number;
  type: string;
  value: string;
}

/** Builds one observable; `undefined` for empty values. */
export function buildObservable(name: string, typeId: number, value: unknown): Observable | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return { name, type_id: typeId, type: CAPTIONS[typeId] ?? 'Other', value: String(value) };
}

/** Per object kind: which attribute is an observable of which type. */
const RULES: Record<string, Record<string, number>> = {
  endpoint: { ip: 2, hostname: 1, mac: 3, uid: 47, domain: 1 },
  user: { name: 4, uid: 31, email_addr: 5, credential_uid: 19 },
  process: { name: 9, cmd_line: 13, uid: 39 },
  file: { name: 7, path: 45 },
  fingerprint: { value: 8 },
  group: { name: 32, uid: 33 },
  url: { url_string: 6 },
  reg_key: { path: 46 },
  reg_value: { path: 46, name: 43 },
  query: { hostname: 1 },
  answer: { rdata: 1 },
  http_request: { user_agent: 16 },
};

/** Which object kind an attribute name holds. */
const KIND_OF: Record<string, string> = {
  src_endpoint: 'endpoint', dst_endpoint: 'endpoint', device: 'endpoint', proxy_endpoint: 'endpoint',
  user: 'user', users: 'user', actor_user: 'user',
  process: 'process', parent_process: 'process', ancestry: 'process',
  file: 'file', files: 'file', module: 'module',
  hashes: 'fingerprint', group: 'group', groups: 'group', url: 'url',
  reg_key: 'reg_key', reg_value: 'reg_value', query: 'query', answers: 'answer', http_request: 'http_request',
};

/** Attributes never searched for observables: they are free-form or already derived. */
const SKIP = new Set(['unmapped', 'raw_data', 'observables', 'metadata', 'enrichments']);

// The tables as Maps for the walk: a Map lookup by key is cheaper than hasOwnProperty on a
// dictionary object with a different key every time.
const RULE_MAP = new Map(Object.entries(RULES).map(([kind, rules]) => [kind, new Map(Object.entries(rules))]));
const KIND_MAP = new Map(Object.entries(KIND_OF));

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Observables found so far; `seen` (`name\0value` keys) only once the list is long. */
interface Collector {
  out: Observable[];
  seen: Set<string> | undefined;
}

/** Past this many observables, duplicates are found with a set instead of a scan. */
const SCAN_LIMIT = 24;

function isDuplicate(acc: Collector, name: string, text: string): boolean {
  const out = acc.out;
  if (out.length <= SCAN_LIMIT) {
    for (let i = 0; i < out.length; i++) {
      const o = out[i] as Observable;
      if (o.value === text && o.name === name) return true;
    }
    return false;
  }
  if (acc.seen === undefined) acc.seen = new Set(out.map((o) => `${o.name}\u0000${o.value}`));
  return acc.seen.has(`${name}\u0000${text}`);
}

function collect(acc: Collector, name: string, typeId: number, value: string | number): void {
  if (value === '') return;
  const text = String(value);
  if (isDuplicate(acc, name, text)) return;
  acc.out.push({ name, type_id: typeId, type: CAPTIONS[typeId] ?? 'Other', value: text });
  acc.seen?.add(`${name}\u0000${text}`);
}

// Plain recursion without per-call closures: this runs on every event.
function walk(acc: Collector, value: unknown, path: string, kind: string | undefined, depth: number): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walk(acc, value[i], path, kind, depth + 1);
    return;
  }
  const rec = value as Record<string, unknown>;
  const rules = kind === undefined ? undefined : RULE_MAP.get(kind);
  for (const key in rec) {
    if (!hasOwn(rec, key) || (depth === 0 && SKIP.has(key))) continue;
    const v = rec[key];
    const typeId = rules === undefined ? undefined : rules.get(key);
    if (typeId !== undefined && (typeof v === 'string' || typeof v === 'number')) collect(acc, path === '' ? key : `${path}.${key}`, typeId, v);
    else if (v !== null && typeof v === 'object') walk(acc, v, path === '' ? key : `${path}.${key}`, KIND_MAP.get(key), depth + 1);
  }
}

/**
 * Derives the `observables` array from the OCSF attributes already set on an event
 * (IPs, host names, user names, file names/paths, hashes, process names, command lines,
 * registry paths...). Duplicates (same name and value) are kept once. Returns `undefined`
 * when there is nothing observable, so callers can spread it without an empty array.
 */
export function deriveObservables(event: Record<string, unknown>): Observable[] | undefined {
  const acc: Collector = { out: [], seen: undefined };
  walk(acc, event, '', undefined, 0);
  return acc.out.length > 0 ? acc.out : undefined;
}

/** The compacted attributes and the observables found in them. */
export interface CompactedAttributes {
  attributes: Record<string, unknown>;
  observables: Observable[] | undefined;
}

/**
 * `compact(attributes)` and `deriveObservables` of the result in one walk (assembleEvent runs
 * both on every event). Same results as the two separately: containers are shared unless
 * something inside them is dropped, observables are collected to depth 6, not under the
 * top-level free-form attributes.
 */
export function compactObserving(attributes: Record<string, unknown>): CompactedAttributes {
  const acc: Collector = { out: [], seen: undefined };
  const pruned = pruneObserve(acc, attributes, '', undefined, 0) as Record<string, unknown> | undefined;
  return { attributes: pruned ?? {}, observables: acc.out.length > 0 ? acc.out : undefined };
}

/**
 * {@link compactObserving} written straight into `target`: each compacted attribute is set on
 * it (in attribute order; absent when nothing is left) and the observables are returned.
 * assembleEvent uses it so the attributes are not copied twice (once compacted, once into the
 * event) when one of them is empty.
 */
export function compactObservingInto(target: Record<string, unknown>, attributes: Record<string, unknown>): Observable[] | undefined {
  const acc: Collector = { out: [], seen: undefined };
  for (const k in attributes) {
    if (!hasOwn(attributes, k)) continue;
    const v = attributes[k];
    // Depth 0 of pruneObserve: a top-level scalar is never an observable (no kind yet).
    if (v === null || v === undefined || v === '') continue;
    if (typeof v !== 'object') {
      target[k] = v;
      continue;
    }
    const child = SKIP.has(k) ? undefined : acc;
    const p = pruneObserve(child, v, child === undefined ? '' : k, KIND_MAP.get(k), 1);
    if (p !== undefined) target[k] = p;
  }
  return acc.out.length > 0 ? acc.out : undefined;
}

/** `acc` undefined: prune only (past the observable depth or under a skipped attribute). */
function pruneObserve(acc: Collector | undefined, value: unknown, path: string, kind: string | undefined, depth: number): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'object') return value;
  const observing = acc !== undefined && depth <= 6 ? acc : undefined;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const p = pruneObserve(observing, v, path, kind, depth + 1);
      if (out === undefined && (p !== v || p === undefined)) out = value.slice(0, i);
      if (p !== undefined && out !== undefined) out.push(p);
    }
    if (out === undefined) return value.length > 0 ? value : undefined;
    return out.length > 0 ? out : undefined;
  }
  const rec = value as Record<string, unknown>;
  const rules = observing === undefined || kind === undefined ? undefined : RULE_MAP.get(kind);
  let out: Record<string, unknown> | undefined;
  let kept = 0;
  for (const k in rec) {
    if (!hasOwn(rec, k)) continue;
    const v = rec[k];
    let p: unknown;
    if (v === null || v === undefined || v === '') p = undefined;
    else if (typeof v !== 'object') {
      p = v;
      const typeId = rules === undefined ? undefined : rules.get(k);
      if (typeId !== undefined && (typeof v === 'string' || typeof v === 'number')) collect(observing as Collector, path === '' ? k : `${path}.${k}`, typeId, v);
    } else {
      const child = observing === undefined || (depth === 0 && SKIP.has(k)) ? undefined : observing;
      p = pruneObserve(child, v, child === undefined ? '' : path === '' ? k : `${path}.${k}`, KIND_MAP.get(k), depth + 1);
    }
    if (out === undefined && (p !== v || p === undefined)) out = copyKeysBefore(rec, k);
    if (p === undefined) continue;
    kept++;
    if (out !== undefined) out[k] = p;
  }
  if (kept === 0) return undefined;
  return out ?? rec;
}

function copyKeysBefore(rec: Record<string, unknown>, stop: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in rec) {
    if (k === stop) break;
    if (hasOwn(rec, k)) out[k] = rec[k];
  }
  return out;
}
