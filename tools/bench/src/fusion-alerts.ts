import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveAttackTags } from '@soc/attack';
import type { AlertLevel, AlertPayload, Envelope } from '@soc/contracts';
import { type AlertRule, buildAlert, entitiesOf, mergeEntities } from '@soc/detection';
import { NATIVE_RULES_DIR, listRuleFiles } from '@soc/detection-content';
import { mapperFor, type OcsfEvent } from '@soc/ocsf';
import { iterateScenario, type Label, type ScenarioOptions } from '@soc/scenario';
import { type CorrelationAlert, type DetectorRuleHit, type SigmaEvent, SigmaDetector, ocsfFieldMapping, parseSigmaYaml } from '@soc/sigma';

/** Tenant every bench alert belongs to. */
export const BENCH_TENANT = 'bench-fusion';

/** A scenario event after the real mapper, observables kept (entities are read from them). */
export interface BenchEvent {
  event: OcsfEvent;
  source: string;
  label?: Label;
}

/** An alert as detection would publish it, with the ground truth of its evidence. */
export interface LabelledAlert {
  alert: Envelope<AlertPayload>;
  /** Distinct chain ids of the evidence events' labels; empty when every evidence event is benign. */
  chains: string[];
}

/**
 * The scenario mapped by each source's real mapper, sorted by OCSF time. Unlike
 * `mappedScenario` of @soc/detection-content, `observables` stay: detection reads entities
 * from them, and fusion groups on those entities.
 */
export function benchEvents(options: ScenarioOptions): BenchEvent[] {
  const out: BenchEvent[] = [];
  let i = 0;
  for (const r of iterateScenario(options)) {
    const res = mapperFor(r.source).map(r.record, { tenantId: BENCH_TENANT, eventUid: `${options.seed}-${i++}`, receivedAt: r.time });
    if (!res.ok) continue;
    const { raw_data: _raw, ...event } = res.event;
    const e: BenchEvent = { event: event as OcsfEvent, source: r.source };
    if (r.label) e.label = r.label;
    out.push(e);
  }
  return out.sort((a, b) => a.event.time - b.event.time);
}

const LEVELS = new Set<string>(['informational', 'low', 'medium', 'high', 'critical']);

interface NativePack {
  detector: SigmaDetector;
  rules: Map<string, AlertRule>;
}

/** The native rules compiled as the detection service compiles a tenant pack (OCSF view only). */
export function nativePack(): NativePack {
  const docs = listRuleFiles().map((f) => parseSigmaYaml(readFileSync(join(NATIVE_RULES_DIR, f), 'utf8'), f));
  const { detector, problems } = SigmaDetector.build(docs, { secondary: ocsfFieldMapping, correlationLimits: { allowedLatenessMs: 30 * 60_000 } });
  if (problems.errors.length > 0) throw problems.errors[0];
  const rules = new Map<string, AlertRule>();
  const meta = (m: { id?: string; title: string; level?: string; author?: string; description?: string; tags: readonly string[] }, fallback: string): AlertRule => {
    const r: AlertRule = { id: m.id ?? fallback, title: m.title, level: LEVELS.has(m.level ?? '') ? (m.level as AlertLevel) : 'medium', tags: m.tags, origin: 'native' };
    if (m.author !== undefined) r.author = m.author;
    return r;
  };
  for (const d of docs) for (const r of d.rules) rules.set(r.id ?? r.title, meta(r, r.title));
  for (const c of detector.correlationRules) rules.set(c.ref, meta(c, c.ref));
  return { detector, rules };
}

function uidOf(e: SigmaEvent): string | undefined {
  const uid = (e['metadata'] as Record<string, unknown> | undefined)?.['uid'];
  return typeof uid === 'string' && uid !== '' ? uid : undefined;
}

function sourceOf(e: SigmaEvent, fallback: string): string {
  const product = ((e['metadata'] as Record<string, unknown> | undefined)?.['product'] as Record<string, unknown> | undefined)?.['name'];
  return typeof product === 'string' ? product.toLowerCase().slice(0, 64) : fallback;
}

/** Distinct chain ids of the labelled events among `uids`. */
function chainsOf(uids: readonly (string | undefined)[], byUid: ReadonlyMap<string, BenchEvent>): string[] {
  const chains = new Set<string>();
  for (const uid of uids) {
    const label = uid === undefined ? undefined : byUid.get(uid)?.label;
    if (label) chains.add(label.chainId);
  }
  return [...chains].sort();
}

/** Same construction as DetectionService.ruleAlert (no exceptions in the bench). */
function ruleAlert(pack: NativePack, le: BenchEvent, hit: DetectorRuleHit, time: number, uid: string): Envelope<AlertPayload> {
  const ruleId = hit.rule.id ?? hit.rule.title;
  const rule = pack.rules.get(ruleId) ?? { id: ruleId, title: hit.rule.title, level: 'medium' as const, tags: hit.rule.tags };
  return buildAlert({
    tenantId: BENCH_TENANT,
    kind: 'rule',
    rule,
    identity: uid,
    evidence: [{ eventId: uid, time, source: le.source, classUid: le.event.class_uid, ruleId }],
    evidenceCount: 1,
    entities: entitiesOf(le.event, le.source),
    traceId: uid,
    now: time,
  }, resolveAttackTags);
}

/** Same construction as DetectionService.correlationAlert. */
function correlationAlert(pack: NativePack, c: CorrelationAlert, fallbackSource: string, fallbackUid: string, now: number): Envelope<AlertPayload> {
  const ruleId = c.rule.id ?? c.rule.ref;
  const rule = pack.rules.get(c.rule.ref) ?? { id: ruleId, title: c.rule.title, level: 'medium' as const, tags: c.rule.tags };
  const ocsf = c.evidence.map((e) => e.event).filter((e) => typeof e['class_uid'] === 'number');
  return buildAlert({
    tenantId: BENCH_TENANT,
    kind: 'correlation',
    rule: { ...rule, id: ruleId },
    identity: `${JSON.stringify(c.group)}|${c.firstTime}`,
    evidence: c.evidence.map((e) => ({ eventId: e.eventId ?? uidOf(e.event) ?? fallbackUid, time: e.time, source: sourceOf(e.event, fallbackSource), classUid: typeof e.event['class_uid'] === 'number' ? e.event['class_uid'] : 0, ruleId: e.ruleId })),
    evidenceCount: c.eventCount,
    entities: mergeEntities(ocsf.map((e) => entitiesOf(e, sourceOf(e, fallbackSource)))),
    traceId: fallbackUid,
    now,
  }, resolveAttackTags);
}

/**
 * Runs the native rules over `events` (time order) and builds every alert the detection service
 * would publish: one per non-silent rule hit and one per correlation, including windows closed
 * by the end of the stream. Each alert carries the chain ids of its evidence.
 */
export function detectAlerts(events: readonly BenchEvent[]): LabelledAlert[] {
  const pack = nativePack();
  const byUid = new Map<string, BenchEvent>();
  for (const e of events) {
    const uid = uidOf(e.event);
    if (uid !== undefined) byUid.set(uid, e);
  }
  const out: LabelledAlert[] = [];
  const onCorrelation = (c: CorrelationAlert, source: string, uid: string, now: number): void => {
    out.push({ alert: correlationAlert(pack, c, source, uid, now), chains: chainsOf(c.evidence.map((e) => e.eventId ?? uidOf(e.event)), byUid) });
  };
  let last: BenchEvent | undefined;
  for (const le of events) {
    const uid = uidOf(le.event) ?? '';
    const time = le.event.time;
    const result = pack.detector.evaluate({ ocsf: le.event }, time, uid);
    for (const hit of result.hits) if (!hit.silent) out.push({ alert: ruleAlert(pack, le, hit, time, uid), chains: chainsOf([uid], byUid) });
    for (const c of result.correlations) onCorrelation(c, le.source, uid, time);
    last = le;
  }
  if (last) for (const c of pack.detector.advance(Number.MAX_SAFE_INTEGER)) onCorrelation(c, last.source, uidOf(last.event) ?? '', last.event.time);
  return out;
}
