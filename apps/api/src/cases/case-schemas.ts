import { type Static, type TLiteral, type TSchema, type TUnion, Type } from '@sinclair/typebox';
import { CASE_STATUSES, type Case, type CaseAlertRecord, type CaseDetail, type CaseNote } from '@soc/db';
import { CaseEvidenceView } from './case-evidence';

const literals = <T extends string>(values: readonly T[]): TUnion<TLiteral<T>[]> => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export const SORTS = ['lastSeen', 'createdAt', 'severity'] as const;

const Reason = Type.String({ minLength: 1, maxLength: 2000, description: 'Why; recorded in the audit trail.' });
const Time = Type.String({ format: 'date-time' });

export const CaseQuery = Type.Object(
  {
    status: Type.Optional(Type.Array(literals(CASE_STATUSES), { maxItems: 6, description: 'Repeat for several statuses.' })),
    severity: Type.Optional(Type.Array(literals(SEVERITIES), { maxItems: 5, description: 'Repeat for several severities.' })),
    owner: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Cases owned by this owner.' })),
    unassigned: Type.Optional(Type.Boolean({ description: 'true: only cases without an owner (not combined with owner).' })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Last seen, inclusive.' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Last seen, exclusive.' })),
    sort: Type.Optional(literals(SORTS)),
    order: Type.Optional(literals(['asc', 'desc'] as const)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 512, description: 'nextCursor of the previous page, with the same sort and order.' })),
    includeMerged: Type.Optional(Type.Boolean({ default: false, description: 'true: also cases a fusion merge absorbed into another (see mergedInto).' })),
    slaBreached: Type.Optional(Type.Boolean({ description: 'true: only open cases whose SLA due time has passed.' })),
  },
  { additionalProperties: false },
);
export type CaseQuery = Static<typeof CaseQuery>;

export const CaseIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export type CaseIdParams = Static<typeof CaseIdParams>;

export const StatusBody = Type.Object({ status: literals(CASE_STATUSES), reason: Reason }, { additionalProperties: false });
export type StatusBody = Static<typeof StatusBody>;
export const AssignBody = Type.Object({ owner: Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'null unassigns.' })), reason: Reason }, { additionalProperties: false });
export type AssignBody = Static<typeof AssignBody>;
export const SlaBody = Type.Object({ dueAt: Nullable(Type.String({ format: 'date-time', description: 'null clears the SLA.' })), reason: Reason }, { additionalProperties: false });
export type SlaBody = Static<typeof SlaBody>;
export const NoteBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 20_000 }) }, { additionalProperties: false });
export type NoteBody = Static<typeof NoteBody>;

export const CaseView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: Type.String(),
  severity: Type.String(),
  severityReasons: Type.Array(Type.String()),
  owner: Nullable(Type.String()),
  slaDueAt: Nullable(Time),
  tactics: Type.Array(Type.String()),
  techniques: Type.Array(Type.String()),
  firstSeen: Time,
  lastSeen: Time,
  alertCount: Type.Integer(),
  entities: Type.Array(Type.Object({ type: Type.String(), value: Type.String() })),
  createdAt: Time,
  createdBy: Type.String(),
  updatedAt: Time,
  updatedBy: Type.String(),
  mergedInto: Nullable(Type.String({ description: 'The case a fusion merge absorbed this one into; its alerts live there now.' })),
});
export type CaseView = Static<typeof CaseView>;

export const CaseAlertView = Type.Object({
  alertId: Type.String(),
  ruleId: Type.String(),
  ruleTitle: Type.String(),
  level: Type.String(),
  count: Type.Integer(),
  firstSeen: Time,
  lastSeen: Time,
  joinedAt: Time,
  reason: Type.Unknown({ description: 'Why the alert joined the case (fusion join reason).' }),
  sourceAlertIds: Type.Array(Type.String(), { description: 'Stored alerts (GET /v1/alerts/{id}) dedupe folded into this one, first 20.' }),
});
export type CaseAlertView = Static<typeof CaseAlertView>;

export const TimelineEntryView = Type.Object({ at: Time, alertId: Type.String(), ruleId: Type.String(), ruleTitle: Type.String(), level: Type.String(), count: Type.Integer() });
export type TimelineEntryView = Static<typeof TimelineEntryView>;

export const NoteView = Type.Object({ id: Type.String(), caseId: Type.String(), author: Type.String(), body: Type.String(), createdAt: Time });
export type NoteView = Static<typeof NoteView>;

export const CaseDetailView = Type.Composite([
  CaseView,
  Type.Object({
    alerts: Type.Array(CaseAlertView),
    notes: Type.Array(NoteView),
    timeline: Type.Array(TimelineEntryView, { description: 'The alerts by first seen.' }),
    evidence: Type.Optional(CaseEvidenceView),
  }),
]);
export type CaseDetailView = Static<typeof CaseDetailView>;

export const CasePageView = Type.Object({ items: Type.Array(CaseView), nextCursor: Type.Optional(Type.String()) });

/** Stored case to its wire form. */
export function caseView(c: Case): CaseView {
  return {
    id: c.id,
    title: c.title,
    status: c.status,
    severity: c.severity,
    severityReasons: [...c.severityReasons],
    owner: c.owner,
    slaDueAt: c.slaDueAt?.toISOString() ?? null,
    tactics: [...c.tactics],
    techniques: [...c.techniques],
    firstSeen: c.firstSeen.toISOString(),
    lastSeen: c.lastSeen.toISOString(),
    alertCount: c.alertCount,
    entities: c.entities.map((e) => ({ type: e.type, value: e.value })),
    createdAt: c.createdAt.toISOString(),
    createdBy: c.createdBy,
    updatedAt: c.updatedAt.toISOString(),
    updatedBy: c.updatedBy,
    mergedInto: c.mergedInto,
  };
}

function alertView(a: CaseAlertRecord): CaseAlertView {
  return {
    alertId: a.alertId,
    ruleId: a.ruleId,
    ruleTitle: a.ruleTitle,
    level: a.level,
    count: a.count,
    firstSeen: a.firstSeen.toISOString(),
    lastSeen: a.lastSeen.toISOString(),
    joinedAt: a.joinedAt.toISOString(),
    reason: a.reason,
    sourceAlertIds: [...a.sourceAlertIds],
  };
}

/** Note to its wire form. */
export function noteView(n: CaseNote): NoteView {
  return { id: n.id, caseId: n.caseId, author: n.author, body: n.body, createdAt: n.createdAt.toISOString() };
}

/** Case with alerts, notes and the timeline; sorted here too so the order does not rest on the adapter. */
export function caseDetailView(d: CaseDetail, evidence?: CaseEvidenceView): CaseDetailView {
  const byFirstSeen = [...d.alerts].sort((a, b) => a.firstSeen.getTime() - b.firstSeen.getTime() || (a.alertId < b.alertId ? -1 : a.alertId > b.alertId ? 1 : 0));
  return {
    ...caseView(d),
    alerts: d.alerts.map(alertView),
    notes: d.notes.map(noteView),
    timeline: byFirstSeen.map((a) => ({ at: a.firstSeen.toISOString(), alertId: a.alertId, ruleId: a.ruleId, ruleTitle: a.ruleTitle, level: a.level, count: a.count })),
    ...(evidence ? { evidence } : {}),
  };
}
