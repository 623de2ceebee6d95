import type { CaseEvent, CaseSnapshot } from '@soc/fusion';

/**
 * Topic of case events (`fusion.case.opened`, `fusion.case.updated`), keyed by tenant and case
 * so one case's events stay in order. Lives here until it moves to `@soc/contracts` with a schema.
 */
export const CASE_EVENTS_TOPIC = 'cases.events';

/** Consumer group of the fusion service on the alert topic. */
export const FUSION_CONSUMER = 'fusion';

/** Payload version of case event envelopes. */
export const CASE_EVENT_SCHEMA_VERSION = 1;

/** Actor of the case store changes fusion makes. */
export const FUSION_ACTOR = 'system:fusion';

/**
 * Port: durable case storage. A snapshot written twice, or after a newer one, changes nothing;
 * `techniques` (ATT&CK ids of the alerts just fused, which the snapshot does not carry) are
 * merged into the stored set. `markMerged` closes a case a merge absorbed, pointing it at the
 * survivor; marking the same merge twice changes nothing. `DrizzleCaseRepository` of `@soc/db`
 * satisfies it as is.
 */
export interface CaseWriter {
  upsertFromSnapshot(tenantId: string, snapshot: CaseSnapshot, options?: { readonly techniques?: readonly string[] }): Promise<unknown>;
  markMerged(tenantId: string, caseId: string, intoCaseId: string, change: { readonly actor: string; readonly reason: string }): Promise<unknown>;
}

/** The bus key of a case's events. */
export function caseEventKey(e: Pick<CaseEvent, 'tenantId' | 'caseId'>): string {
  return `${e.tenantId}:${e.caseId}`;
}
