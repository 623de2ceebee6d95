import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveAttackTags } from '@soc/attack';
import type { AlertPayload, Envelope } from '@soc/contracts';
import { type AlertContext, type AlertRule, alertRuleOf, buildAlert, correlationAlertInput, ruleAlertInput } from '@soc/detection';
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
  for (const d of docs) for (const r of d.rules) rules.set(r.id ?? r.title, alertRuleOf(r, 'native', undefined, r.title));
  for (const c of detector.correlationRules) rules.set(c.ref, alertRuleOf(c, 'native', undefined, c.ref));
  return { detector, rules };
}

function uidOf(e: SigmaEvent): string | undefined {
  const uid = (e['metadata'] as Record<string, unknown> | undefined)?.['uid'];
  return typeof uid === 'string' && uid !== '' ? uid : undefined;
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

/** A rule-hit alert as the detection service builds it (no exceptions in the bench). */
function ruleAlert(pack: NativePack, le: BenchEvent, hit: DetectorRuleHit, time: number, uid: string): Envelope<AlertPayload> {
  const ctx: AlertContext = { tenantId: BENCH_TENANT, eventId: uid, source: le.source, traceId: uid, now: time };
  return buildAlert(ruleAlertInput(pack.rules, ctx, hit, le.event, le.event.class_uid, time), resolveAttackTags);
}

/** A correlation alert as the detection service builds it. */
function correlationAlert(pack: NativePack, c: CorrelationAlert, fallbackSource: string, fallbackUid: string, now: number): Envelope<AlertPayload> {
  const ctx: AlertContext = { tenantId: BENCH_TENANT, eventId: fallbackUid, source: fallbackSource, traceId: fallbackUid, now };
  return buildAlert(correlationAlertInput(pack.rules, ctx, c), resolveAttackTags);
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
