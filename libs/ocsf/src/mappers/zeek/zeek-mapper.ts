import { assembleEvent } from '../../build/event';
import { guarded, unmappable } from '../../build/never-throw';
import type { MapContext, MapResult, SourceMapper } from '../../mapper';
import { mapConn } from './conn';
import { mapDns } from './dns';
import { ID_KEYS, str, zeekLogType, zeekTime, type ZeekRecord } from './fields';
import { mapHttp } from './http';
import type { ZeekMapping } from './mapping';
import { mapOtherLog } from './other';

/**
 * Zeek JSON logs -> OCSF: conn -> Network Activity (4001), dns -> DNS Activity (4003),
 * http -> HTTP Activity (4002); any other log -> a valid 4001 "Other" (with endpoints) or
 * Base Event (without) carrying its fields in `unmapped` (see README.md).
 */
export const zeekMapper: SourceMapper = {
  source: 'zeek',
  map(record: unknown, ctx: MapContext): MapResult {
    return guarded('zeek', () => mapZeek(record, ctx));
  },
};

function mapZeek(record: unknown, ctx: MapContext): MapResult {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return unmappable('Zeek record is not a JSON object');
  }
  const rec = record as ZeekRecord;
  const logType = zeekLogType(rec);
  const mapping = pick(rec, logType);
  const time = zeekTime(rec);
  const event = assembleEvent({
    classUid: mapping.classUid,
    activityId: mapping.activityId,
    ...(mapping.activityName ? { activityName: mapping.activityName } : {}),
    time: time ?? ctx.receivedAt,
    metadata: {
      product: { name: 'Zeek', vendor_name: 'Zeek' },
      uid: ctx.eventUid,
      tenant_uid: ctx.tenantId,
      log_name: logType,
      log_provider: str(rec, '@system'),
      // Zeek's connection uid ties conn, dns, http... records of one connection together.
      correlation_uid: str(rec, 'uid'),
      original_time: typeof rec['ts'] === 'string' ? rec['ts'] : undefined,
    },
    original: record,
    originalText: ctx.rawText,
    attributes: mapping.attributes,
    unmapped: unmappedOf(rec, mapping.consumed),
  });
  return { ok: true, event };
}

/** Keys never unmapped whatever the log: the connection id, the time and the log name. */
const ALWAYS_CONSUMED = [...ID_KEYS, 'ts', '_path', '@stream'];

/** The keys each mapping consumed plus {@link ALWAYS_CONSUMED}, as a set built once per (constant) list. */
const DROP_SETS = new WeakMap<readonly string[], ReadonlySet<string>>();

function dropSet(consumed: readonly string[]): ReadonlySet<string> {
  let set = DROP_SETS.get(consumed);
  if (set === undefined) {
    set = new Set([...consumed, ...ALWAYS_CONSUMED]);
    DROP_SETS.set(consumed, set);
  }
  return set;
}

/** Every field the mapping did not place, under its Zeek name (`null`s dropped). */
function unmappedOf(rec: ZeekRecord, consumed: readonly string[]): Record<string, unknown> | undefined {
  const drop = dropSet(consumed);
  let out: Record<string, unknown> | undefined;
  for (const k in rec) {
    if (!Object.prototype.hasOwnProperty.call(rec, k) || drop.has(k)) continue;
    const v = rec[k];
    if (v !== undefined && v !== null) (out ??= {})[k] = v;
  }
  return out;
}

function pick(rec: ZeekRecord, logType: string | undefined): ZeekMapping {
  if (logType === 'conn') return mapConn(rec);
  if (logType === 'dns') return mapDns(rec);
  if (logType === 'http') return mapHttp(rec) ?? mapOtherLog(rec, logType);
  return mapOtherLog(rec, logType);
}
