import type { SourceName } from '@soc/contracts';

/** An OCSF 1.8.0 event object (validated against the compiled schema in tests and at produce time). */
export type OcsfEvent = Record<string, unknown> & {
  class_uid: number;
  category_uid: number;
  activity_id: number;
  type_uid: number;
  severity_id: number;
  time: number;
  metadata: Record<string, unknown>;
};

/** What a mapper knows besides the record itself. */
export interface MapContext {
  tenantId: string;
  /** Deterministic id to put in `metadata.uid` (derived from the raw message id). */
  eventUid: string;
  /** When ingest received the record, ms since epoch (fallback when the record has no time). */
  receivedAt: number;
  /**
   * The JSON record's text exactly as it arrived, when the caller has it: `raw_data` is then
   * that text (the original, not a re-serialization, and no `JSON.stringify` per event).
   */
  rawText?: string | undefined;
}

export type MapResult =
  | { ok: true; event: OcsfEvent }
  | { ok: false; code: 'SOC_ERR_RECORD_UNMAPPABLE' | 'SOC_ERR_RECORD_UNPARSEABLE'; reason: string };

/**
 * Maps one native record of a source to one OCSF event. `record` is the parsed JSON object
 * for JSON sources, or the text for text sources (auditd: all lines of one serial, joined by \n).
 * The mapper keeps the original in `raw_data` and anything without an OCSF home in `unmapped`.
 */
export interface SourceMapper {
  source: SourceName;
  map(record: unknown, ctx: MapContext): MapResult;
}
