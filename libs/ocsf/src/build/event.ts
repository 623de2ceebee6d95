import type { OcsfEvent } from '../mapper';
import { buildClassification } from './classification';
import type { Classification } from './classification';
import { buildMetadata } from './metadata';
import type { MetadataInput } from './metadata';
import { compactObservingInto } from './observables';
import { RAW_DATA_MAX_CHARS, buildRawData } from './raw-data';
import { SEVERITY, severityCaption } from './severity';
import type { SeverityId } from './severity';

/** Everything a mapper decided about one record; {@link assembleEvent} does the rest. */
export interface EventParts {
  classUid: number;
  activityId: number;
  /** Overrides the activity caption (keep the source's word when activity is 99 Other). */
  activityName?: string;
  /** Event time, ms since epoch. */
  time: number;
  severityId?: SeverityId;
  metadata: MetadataInput;
  /** The original record, kept in `raw_data`. */
  original: unknown;
  /** The original record's text as received (MapContext.rawText); `raw_data` is this text when set. */
  originalText?: string | undefined;
  /** Source fields without an OCSF home, under their original names. */
  unmapped?: Record<string, unknown> | undefined;
  /** Class-specific attributes (actor, device, process, user, status_id...). Empty values are dropped. */
  attributes: Record<string, unknown>;
  /** Overrides the `raw_data` size cap. */
  rawDataLimit?: number;
}

/** Classification per `type_uid` (class and activity), built once: it is the same for every event of a type. */
const CLASSIFICATIONS = new Map<number, Classification>();

function classificationOf(classUid: number, activityId: number, activityName: string | undefined): Classification {
  if (activityName !== undefined) return buildClassification(classUid, activityId, activityName);
  const key = classUid * 100 + activityId;
  let cls = CLASSIFICATIONS.get(key);
  if (cls === undefined || cls.class_uid !== classUid || cls.activity_id !== activityId) {
    cls = buildClassification(classUid, activityId);
    CLASSIFICATIONS.set(key, cls);
  }
  return cls;
}

/**
 * Assembles an OCSF event: classification from the compiled schema, severity, metadata
 * (with truncation facts), `raw_data`, compacted attributes, derived `observables` and the
 * `unmapped` bag (kept verbatim: empty source values are still source values).
 * @throws SocError SOC_ERR_OCSF_UNKNOWN_CLASS for a class/activity the schema lacks.
 */
export function assembleEvent(parts: EventParts): OcsfEvent {
  const raw = buildRawData(parts.originalText ?? parts.original, parts.rawDataLimit ?? RAW_DATA_MAX_CHARS);
  const metadata = buildMetadata(
    raw.is_truncated ? { ...parts.metadata, is_truncated: true, untruncated_size: raw.raw_data_size } : parts.metadata,
  );
  const cls = classificationOf(parts.classUid, parts.activityId, parts.activityName);
  const severityId = parts.severityId ?? SEVERITY.Informational;
  // Same keys, in the same order, as spreading classification, severity, time and attributes.
  const event: Record<string, unknown> = {
    class_uid: cls.class_uid,
    class_name: cls.class_name,
    category_uid: cls.category_uid,
    category_name: cls.category_name,
    activity_id: cls.activity_id,
    activity_name: cls.activity_name,
    type_uid: cls.type_uid,
    type_name: cls.type_name,
    severity_id: severityId,
    severity: severityCaption(severityId),
    time: parts.time,
  };
  const observables = compactObservingInto(event, parts.attributes);
  event['metadata'] = metadata;
  event['raw_data'] = raw.raw_data;
  event['raw_data_size'] = raw.raw_data_size;
  // Only attributes can hold observables (classification, time and metadata never do).
  if (observables) event['observables'] = observables;
  if (parts.unmapped && hasKeys(parts.unmapped)) event['unmapped'] = parts.unmapped;
  return event as OcsfEvent;
}

function hasKeys(o: Record<string, unknown>): boolean {
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return true;
  return false;
}
