import { validation } from '@soc/errors';
import type { AlertLevelName } from '../detection/alert-repository';
import { type caseAlerts, type caseNotes, type cases } from '../schema/cases';
import type { Case, CaseAlertRecord, CaseEntityInput, CaseNote, CaseSnapshotInput, CaseStatus } from './case-repository';

/** Severity names to their rank, for sorting most severe first. */
export const SEVERITY_RANK: Readonly<Record<AlertLevelName, number>> = { informational: 1, low: 2, medium: 3, high: 4, critical: 5 };

/** Case title from its timeline: the first alert's rule, and how many other rules joined. */
export function caseTitle(s: CaseSnapshotInput): string {
  const first = s.timeline[0];
  if (!first) return `Case ${s.caseId}`.slice(0, 500);
  const others = new Set(s.timeline.map((a) => a.ruleId));
  others.delete(first.ruleId);
  const title = others.size === 0 ? first.ruleTitle : `${first.ruleTitle} (+${others.size} more rule${others.size === 1 ? '' : 's'})`;
  return title.slice(0, 500);
}

function isMs(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** As the column's CHECK (migration 0010). */
const MAX_SOURCE_ALERT_IDS = 100;

/** Shape checks a snapshot must pass before any SQL runs. */
export function checkSnapshot(s: CaseSnapshotInput): void {
  if (typeof s.caseId !== 'string' || s.caseId.length < 1 || s.caseId.length > 200) throw validation('caseId must be 1..200 characters', { field: 'caseId' });
  if (!(s.severity in SEVERITY_RANK)) throw validation('unknown severity', { field: 'severity' });
  if (![s.openedAt, s.updatedAt, s.firstSeen, s.lastSeen].every(isMs) || s.firstSeen > s.lastSeen) {
    throw validation('snapshot times must be epoch ms with firstSeen <= lastSeen', { field: 'firstSeen' });
  }
  if (!Number.isInteger(s.alertCount) || s.alertCount < 1) throw validation('alertCount must be a positive integer', { field: 'alertCount' });
  if (s.timeline.length === 0) throw validation('a case has at least one alert', { field: 'timeline' });
  for (const a of s.timeline) {
    if (typeof a.alertId !== 'string' || a.alertId.length < 1 || a.alertId.length > 200) throw validation('alertId must be 1..200 characters', { field: 'timeline.alertId' });
    if (!(a.level in SEVERITY_RANK)) throw validation('unknown alert level', { field: 'timeline.level', alertId: a.alertId });
    if (!isMs(a.firstSeen) || !isMs(a.lastSeen) || a.firstSeen > a.lastSeen || !Number.isInteger(a.count) || a.count < 1) {
      throw validation('alert times or count invalid', { field: 'timeline', alertId: a.alertId });
    }
    const src = a.sourceAlertIds ?? [];
    if (src.length > MAX_SOURCE_ALERT_IDS || !src.every((id) => typeof id === 'string' && id.length >= 1 && id.length <= 200)) {
      throw validation(`sourceAlertIds must be at most ${MAX_SOURCE_ALERT_IDS} ids of 1..200 characters`, { field: 'timeline.sourceAlertIds', alertId: a.alertId });
    }
  }
}

/** A note's or change's text field: 1..max characters, not blank. */
export function requireText(v: unknown, field: string, max: number): string {
  if (typeof v !== 'string' || v.trim().length === 0 || v.length > max) throw validation(`${field} is required (1..${max} characters)`, { field });
  return v;
}

/** Row to `Case`. */
export function toCase(r: typeof cases.$inferSelect): Case {
  return {
    tenantId: r.tenantId,
    id: r.id,
    title: r.title,
    status: r.status as CaseStatus,
    severity: r.severity as AlertLevelName,
    severityReasons: r.severityReasons,
    owner: r.owner,
    slaDueAt: r.slaDueAt,
    tactics: r.tactics,
    techniques: r.techniques,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    alertCount: r.alertCount,
    entities: r.entities as CaseEntityInput[],
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    mergedInto: r.mergedInto,
  };
}

/** Row to `CaseAlertRecord`. */
export function toCaseAlert(r: typeof caseAlerts.$inferSelect): CaseAlertRecord {
  return {
    alertId: r.alertId,
    ruleId: r.ruleId,
    ruleTitle: r.ruleTitle,
    level: r.level as AlertLevelName,
    count: r.count,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    joinedAt: r.joinedAt,
    reason: r.reason,
    sourceAlertIds: r.sourceAlertIds,
  };
}

/** Row to `CaseNote`. */
export function toCaseNote(r: typeof caseNotes.$inferSelect): CaseNote {
  return { id: r.id, caseId: r.caseId, author: r.author, body: r.body, createdAt: r.createdAt };
}
