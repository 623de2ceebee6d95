import type { OcsfEvent } from '../mapper';
import { buildClassification } from './classification';
import { compact } from './compact';
import { buildMetadata } from './metadata';
import type { MetadataInput } from './metadata';
import { deriveObservables } from './observables';
import { RAW_DATA_MAX_CHARS, buildRawData } from './raw-data';
import { SEVERITY, buildSeverity } from './severity';
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
  /** Source fields without an OCSF home, under their original names. */
  unmapped?: Record<string, unknown> | undefined;
  /** Class-specific attributes (actor, device, process, user, status_id...). Empty values are dropped. */
  attributes: Record<string, unknown>;
  /** Overrides the `raw_data` size cap. */
  rawDataLimit?: number;
}

/**
 * Assembles an OCSF event: classification from the compiled schema, severity, metadata
 * (with truncation facts), `raw_data`, compacted attributes, derived `observables` and the
 * `unmapped` bag (kept verbatim: empty source values are still source values).
 * @throws SocError SOC_ERR_OCSF_UNKNOWN_CLASS for a class/activity the schema lacks.
 */
export function assembleEvent(parts: EventParts): OcsfEvent {
  const raw = buildRawData(parts.original, parts.rawDataLimit ?? RAW_DATA_MAX_CHARS);
  const metadata = buildMetadata({
    ...parts.metadata,
    ...(raw.is_truncated ? { is_truncated: true, untruncated_size: raw.raw_data_size } : {}),
  });
  const attributes = (compact(parts.attributes) ?? {}) as Record<string, unknown>;
  const event: Record<string, unknown> = {
    ...buildClassification(parts.classUid, parts.activityId, parts.activityName),
    ...buildSeverity(parts.severityId ?? SEVERITY.Informational),
    time: parts.time,
    ...attributes,
    metadata,
    raw_data: raw.raw_data,
    raw_data_size: raw.raw_data_size,
  };
  const observables = deriveObservables(event);
  if (observables) event['observables'] = observables;
  if (parts.unmapped && Object.keys(parts.unmapped).length > 0) event['unmapped'] = parts.unmapped;
  return event as OcsfEvent;
}
