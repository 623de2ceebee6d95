import { OCSF_VERSION } from '../schema-artifacts';
import { compact } from './compact';

/** Inputs of {@link buildMetadata}. */
export interface MetadataInput {
  product: { name: string; vendor_name?: string; version?: string; uid?: string };
  /** Deterministic event id (MapContext.eventUid). */
  uid?: string;
  /** The source's own time text, unparsed (e.g. Windows SystemTime). */
  original_time?: string;
  /** Log name / channel, e.g. `Security`, `Microsoft-Windows-Sysmon/Operational`, `cloudtrail`. */
  log_name?: string;
  log_provider?: string;
  log_version?: string;
  /** Layout/format of the source record (e.g. `evtx`, `nxlog`, `winlogbeat`). */
  log_format?: string;
  /** The source's event code, e.g. Windows EventID `4624`. */
  event_code?: string;
  /** The source's own record id (Windows EventRecordID, CloudTrail eventID). */
  original_event_uid?: string;
  tenant_uid?: string;
  logged_time?: number;
  processed_time?: number;
  correlation_uid?: string;
  labels?: string[];
  profiles?: string[];
  /** Set when `raw_data` was truncated. */
  is_truncated?: boolean;
  untruncated_size?: number;
}

/** Builds OCSF `metadata` with `version` pinned to the compiled schema version (1.8.0). */
export function buildMetadata(input: MetadataInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const rec = input as unknown as Record<string, unknown>;
  // Field by field instead of compacting a spread copy: this runs on every event.
  for (const k in rec) {
    if (k === 'version' || !Object.prototype.hasOwnProperty.call(rec, k)) continue;
    const v = rec[k];
    const kept = typeof v === 'object' ? compact(v) : v === '' ? undefined : v;
    if (kept !== undefined && kept !== null) out[k] = kept;
  }
  out['version'] = OCSF_VERSION;
  return out;
}
