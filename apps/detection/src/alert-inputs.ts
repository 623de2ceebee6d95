import type { AlertLevel } from '@soc/contracts';
import type { CorrelationAlert, DetectorRuleHit, SigmaEvent } from '@soc/sigma';
import { entitiesOf, mergeEntities } from './entities';
import type { AlertInput, AlertRule } from './finding';

/**
 * How a rule hit or a correlation becomes the input of an alert: shared by the detection
 * service and the fusion benchmark, so the bench measures the alerts the service publishes.
 * Exceptions are the caller's (the service applies them; the bench has none).
 */

const LEVELS = new Set<string>(['informational', 'low', 'medium', 'high', 'critical']);
const levelOf = (l: string | undefined): AlertLevel => (l !== undefined && LEVELS.has(l) ? (l as AlertLevel) : 'medium');

/** Metadata a rule or correlation document carries, as the alert shows it. */
export interface AlertRuleMeta {
  id?: string;
  title: string;
  level?: string;
  author?: string;
  description?: string;
  tags: readonly string[];
}

/** The alert's view of a rule: id (else `fallbackId`), title, level (medium when absent), DRL author, origin, version. */
export function alertRuleOf(m: AlertRuleMeta, origin: string, version: string | undefined, fallbackId: string): AlertRule {
  const rule: AlertRule = { id: m.id ?? fallbackId, title: m.title, level: levelOf(m.level), tags: m.tags, origin };
  if (m.author !== undefined) rule.author = m.author;
  if (m.description !== undefined) rule.description = m.description;
  if (version !== undefined) rule.version = version;
  return rule;
}

/** What an alert takes from the event (or flush) that completed it. */
export interface AlertContext {
  tenantId: string;
  /** The event's id; also the fallback evidence id for correlation matches that carried none. */
  eventId: string;
  source: string;
  traceId: string;
  /** When detection produced it (ms). */
  now: number;
}

/** The input of a rule-hit alert on the OCSF event `ocsf` of class `classUid`, at event time `time`. */
export function ruleAlertInput(rules: ReadonlyMap<string, AlertRule>, ctx: AlertContext, hit: DetectorRuleHit, ocsf: Readonly<Record<string, unknown>>, classUid: number, time: number): AlertInput {
  const ruleId = hit.rule.id ?? hit.rule.title;
  const rule = rules.get(ruleId) ?? { id: ruleId, title: hit.rule.title, level: 'medium' as const, tags: hit.rule.tags };
  return {
    tenantId: ctx.tenantId,
    kind: 'rule',
    rule,
    identity: ctx.eventId,
    evidence: [{ eventId: ctx.eventId, time, source: ctx.source, classUid, ruleId }],
    evidenceCount: 1,
    entities: entitiesOf(ocsf, ctx.source),
    traceId: ctx.traceId,
    now: ctx.now,
  };
}

/** The OCSF events among a correlation's evidence (native views carry no entities). */
export function ocsfEvidence(c: CorrelationAlert): SigmaEvent[] {
  return c.evidence.map((e) => e.event).filter((e) => typeof e['class_uid'] === 'number');
}

/** The input of a correlation alert; its identity is the group and the window's first time. */
export function correlationAlertInput(rules: ReadonlyMap<string, AlertRule>, ctx: AlertContext, c: CorrelationAlert): AlertInput {
  const ruleId = c.rule.id ?? c.rule.ref;
  const rule = rules.get(c.rule.ref) ?? { id: ruleId, title: c.rule.title, level: 'medium' as const, tags: c.rule.tags };
  return {
    tenantId: ctx.tenantId,
    kind: 'correlation',
    rule: { ...rule, id: ruleId },
    identity: `${JSON.stringify(c.group)}|${c.firstTime}`,
    evidence: c.evidence.map((e) => ({ eventId: e.eventId ?? evidenceId(e.event, ctx.eventId), time: e.time, source: sourceOf(e.event, ctx.source), classUid: classOf(e.event), ruleId: e.ruleId })),
    evidenceCount: c.eventCount,
    entities: mergeEntities(ocsfEvidence(c).map((e) => entitiesOf(e, sourceOf(e, ctx.source)))),
    traceId: ctx.traceId,
    now: ctx.now,
  };
}

/** The id of an evidence event: OCSF events carry it in metadata.uid; native views carry none. */
function evidenceId(event: SigmaEvent, fallback: string): string {
  const uid = (event['metadata'] as Record<string, unknown> | undefined)?.['uid'];
  return typeof uid === 'string' && uid !== '' ? uid : fallback;
}

function classOf(event: SigmaEvent): number {
  return typeof event['class_uid'] === 'number' ? event['class_uid'] : 0;
}

function sourceOf(event: SigmaEvent, fallback: string): string {
  const product = ((event['metadata'] as Record<string, unknown> | undefined)?.['product'] as Record<string, unknown> | undefined)?.['name'];
  return typeof product === 'string' ? product.toLowerCase().slice(0, 64) : fallback;
}
