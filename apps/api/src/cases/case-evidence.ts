import { type Static, Type } from '@sinclair/typebox';
import type { AlertRepository, CaseDetail } from '@soc/db';
import { type EventHit, EventHitSchema, type EventStore, MAX_QUERY_RANGE_MS } from '@soc/eventstore';

/** Events a case detail carries; a console pages further through the alerts. */
export const MAX_CASE_EVIDENCE = 100;

export const CaseEvidenceView = Type.Object(
  {
    events: Type.Array(EventHitSchema, { description: 'Evidence events of the case alerts, oldest first.' }),
    missing: Type.Array(Type.String(), { description: 'Evidence event ids the event lake does not hold (not yet written, or past retention): stated, not guessed.' }),
    truncated: Type.Boolean({ description: `More than ${MAX_CASE_EVIDENCE} evidence events: the oldest ${MAX_CASE_EVIDENCE} are listed.` }),
  },
  { description: 'The events the case alerts cite, read from the event lake.' },
);
export type CaseEvidenceView = Static<typeof CaseEvidenceView>;

interface Cited {
  readonly eventId: string;
  readonly time: number;
}

/** Evidence entries of a stored alert (the alert payload's `evidence`), read defensively: the column is JSON. */
function citedBy(evidence: readonly unknown[]): Cited[] {
  const out: Cited[] = [];
  for (const e of evidence) {
    if (typeof e !== 'object' || e === null) continue;
    const { eventId, time } = e as { eventId?: unknown; time?: unknown };
    if (typeof eventId === 'string' && typeof time === 'number' && Number.isFinite(time)) out.push({ eventId, time });
  }
  return out;
}

/** Consecutive runs (by time) no wider than one lake query may span. */
function windows(cited: readonly Cited[]): Cited[][] {
  const out: Cited[][] = [];
  let run: Cited[] = [];
  for (const c of cited) {
    const first = run[0];
    if (first && c.time - first.time >= MAX_QUERY_RANGE_MS) {
      out.push(run);
      run = [];
    }
    run.push(c);
  }
  if (run.length > 0) out.push(run);
  return out;
}

/**
 * The case's evidence: case alerts -> the stored alerts dedupe folded into them -> the events
 * those cite -> the events in the lake, all within the caller's tenant. Ids the lake lacks are
 * listed as missing rather than dropped.
 */
export async function caseEvidence(tenantId: string, detail: CaseDetail, alerts: AlertRepository, store: EventStore): Promise<CaseEvidenceView> {
  const sourceIds = [...new Set(detail.alerts.flatMap((a) => a.sourceAlertIds))].slice(0, 1000);
  const stored = await alerts.getMany(tenantId, sourceIds);
  const byId = new Map<string, Cited>();
  for (const a of stored) for (const c of citedBy(a.evidence)) if (!byId.has(c.eventId)) byId.set(c.eventId, c);
  const all = [...byId.values()].sort((a, b) => a.time - b.time || (a.eventId < b.eventId ? -1 : 1));
  const cited = all.slice(0, MAX_CASE_EVIDENCE);
  const found = new Map<string, EventHit>();
  for (const run of windows(cited)) {
    const from = new Date((run[0] as Cited).time).toISOString();
    const to = new Date((run[run.length - 1] as Cited).time + 1).toISOString();
    const query = { from, to, filters: [{ field: 'metadata.uid', op: 'in' as const, values: run.map((c) => c.eventId) }], sort: [{ field: 'time' as const, order: 'asc' as const }], limit: run.length };
    // A page is also cut by size, so follow the cursor: an event cut off is not missing.
    let cursor: string | undefined;
    do {
      const page = await store.search(tenantId, cursor === undefined ? query : { ...query, cursor });
      for (const hit of page.events) found.set(hit.id, hit);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }
  return {
    events: cited.flatMap((c) => found.get(c.eventId) ?? []),
    missing: cited.filter((c) => !found.has(c.eventId)).map((c) => c.eventId),
    truncated: all.length > cited.length,
  };
}
