import { buildNetworkEndpoint } from '../../build/endpoint';
import { parseTimestamp } from '../../build/time';

/** A Zeek JSON log record (any of the conn/dns/http/... logs). */
export type ZeekRecord = Record<string, unknown>;

/**
 * Reads a connection-id field whatever the JSON writer did with the dot: `id.orig_h`
 * (Zeek's own JSON), `id_orig_h` (Logstash/NXLog/Security Onion) or `{"id":{"orig_h":...}}`.
 * Returns the value and the top-level key that held it (for the unmapped bookkeeping).
 */
export function idField(rec: ZeekRecord, name: 'orig_h' | 'orig_p' | 'resp_h' | 'resp_p'): unknown {
  const dotted = rec[DOTTED[name]];
  if (dotted !== undefined) return dotted;
  const flat = rec[FLAT[name]];
  if (flat !== undefined) return flat;
  const id = rec['id'];
  return typeof id === 'object' && id !== null ? (id as Record<string, unknown>)[name] : undefined;
}

// Constant (interned) key names: building them per lookup made fresh strings.
const DOTTED = { orig_h: 'id.orig_h', orig_p: 'id.orig_p', resp_h: 'id.resp_h', resp_p: 'id.resp_p' } as const;
const FLAT = { orig_h: 'id_orig_h', orig_p: 'id_orig_p', resp_h: 'id_resp_h', resp_p: 'id_resp_p' } as const;

/** Top-level keys that may carry the connection id (placed in src/dst endpoints). */
export const ID_KEYS = ['id', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'id_orig_h', 'id_orig_p', 'id_resp_h', 'id_resp_p'];

/** String value or undefined (Zeek JSON omits unset fields, TSV conversions write `-`). */
export function str(rec: ZeekRecord, key: string): string | undefined {
  const v = rec[key];
  if (typeof v === 'string') return v === '-' || v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Finite number value or undefined. */
export function num(rec: ZeekRecord, key: string): number | undefined {
  const v = rec[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Zeek `bool` field (`true` in JSON, `T`/`F` after TSV conversion). */
export function bool(rec: ZeekRecord, key: string): boolean | undefined {
  const v = rec[key];
  if (typeof v === 'boolean') return v;
  if (v === 'T' || v === 'true') return true;
  if (v === 'F' || v === 'false') return false;
  return undefined;
}

/** Record time in ms: `ts` is epoch seconds with microseconds, or ISO 8601 (json-iso8601 writers). */
export function zeekTime(rec: ZeekRecord): number | undefined {
  const ts = rec['ts'];
  if (typeof ts === 'number' && Number.isFinite(ts)) return Math.round(ts * 1000);
  return parseTimestamp(ts);
}

/** Zeek interval (seconds, float) to whole ms. */
export function intervalMs(rec: ZeekRecord, key: string): number | undefined {
  const s = num(rec, key);
  return s === undefined ? undefined : Math.round(s * 1000);
}

/** OCSF src/dst endpoints from the connection id (and the conn log's L2 addresses). */
export function endpoints(rec: ZeekRecord): { src_endpoint?: Record<string, unknown>; dst_endpoint?: Record<string, unknown> } {
  return {
    src_endpoint: buildNetworkEndpoint({ ip: idField(rec, 'orig_h'), port: idField(rec, 'orig_p'), mac: str(rec, 'orig_l2_addr') }),
    dst_endpoint: buildNetworkEndpoint({ ip: idField(rec, 'resp_h'), port: idField(rec, 'resp_p'), mac: str(rec, 'resp_l2_addr') }),
  };
}

const PROTO_NUM: Record<string, number> = { icmp: 1, tcp: 6, udp: 17, icmp6: 58, sctp: 132 };

/**
 * OCSF connection_info: transport, Zeek's connection uid, direction from local_orig/local_resp
 * (1 Inbound, 2 Outbound, 3 Lateral, 0 Unknown) and the TCP history string as flag_history.
 */
export function connectionInfo(rec: ZeekRecord): Record<string, unknown> {
  const proto = str(rec, 'proto');
  const lo = bool(rec, 'local_orig');
  const lr = bool(rec, 'local_resp');
  const direction_id = lo === undefined || lr === undefined ? 0 : lo && lr ? 3 : lo ? 2 : lr ? 1 : 0;
  return {
    uid: str(rec, 'uid'),
    protocol_name: proto,
    protocol_num: proto === undefined ? undefined : PROTO_NUM[proto],
    direction_id,
    direction: ['Unknown', 'Inbound', 'Outbound', 'Lateral'][direction_id],
    flag_history: str(rec, 'history'),
  };
}

/** Which Zeek log a record belongs to: `_path`/`@stream` when written, else guessed from its fields. */
export function zeekLogType(rec: ZeekRecord): string | undefined {
  const declared = str(rec, '_path') ?? str(rec, '@stream');
  if (declared) return declared;
  if ('query' in rec && ('qtype' in rec || 'rcode' in rec || 'trans_id' in rec)) return 'dns';
  if ('method' in rec || ('status_code' in rec && ('uri' in rec || 'host' in rec))) return 'http';
  if ('conn_state' in rec || ('proto' in rec && ('orig_bytes' in rec || 'orig_pkts' in rec))) return 'conn';
  return undefined;
}
