import type { SigmaEvent } from '@soc/sigma';
import { correlationEngineFor, type LoadedRuleFile } from './rule-set';
import { chainOf, type LabelledEvent } from './scenario-events';

/** How one alerting rule (detection or correlation) did over a labelled scenario. */
export interface RuleScore {
  file: string;
  title: string;
  kind: 'rule' | 'correlation';
  /** Alerts on records of the chain the rule is written for. */
  truePositives: number;
  /** Alerts on anything else: benign records or another chain's. */
  falsePositives: number;
  /** The part of falsePositives that involved only benign records. */
  benignFalsePositives: number;
  /** Steps of the rule's chain it alerted on. */
  steps: number[];
}

/** Per rule scores plus which chain steps at least one rule detected. */
export interface DetectionReport {
  scores: RuleScore[];
  /** chain -> steps detected by a rule of that chain's directory. */
  detected: Map<string, Set<number>>;
  events: number;
}

function uidOf(e: SigmaEvent): string {
  const m = e['metadata'] as { uid?: unknown } | undefined;
  return typeof m?.uid === 'string' ? m.uid : '';
}

interface Tally {
  score: RuleScore;
  chain: string;
}

/** Scores one alert made of `evidence` (one event for a detection rule). */
function tally(t: Tally, evidence: readonly (LabelledEvent | undefined)[], detected: Map<string, Set<number>>): void {
  const mine = evidence.filter((e) => e?.label !== undefined && chainOf(e.label) === t.chain);
  if (mine.length === 0) {
    t.score.falsePositives++;
    if (evidence.length > 0 && evidence.every((e) => e?.label === undefined)) t.score.benignFalsePositives++;
    return;
  }
  t.score.truePositives++;
  const steps = detected.get(t.chain) ?? new Set<number>();
  for (const e of mine) {
    const s = (e as LabelledEvent & { label: { step: number } }).label.step;
    steps.add(s);
    if (!t.score.steps.includes(s)) t.score.steps.push(s);
  }
  detected.set(t.chain, steps);
}

/**
 * Runs every rule of `files` over the labelled events (time order) as a deployment would:
 * building blocks and intermediate correlations feed the final correlations but do not alert;
 * everything else alerts. Scores each alerting rule against the labels.
 */
export function detectionReport(files: readonly LoadedRuleFile[], events: readonly LabelledEvent[]): DetectionReport {
  const engine = correlationEngineFor(files);
  const suppressed = engine.suppressedBaseRules();
  const detected = new Map<string, Set<number>>();
  const byUid = new Map(events.map((e) => [uidOf(e.event), e] as const));
  const score = (f: LoadedRuleFile, title: string, kind: RuleScore['kind']): Tally => ({ chain: f.chain, score: { file: f.file, title, kind, truePositives: 0, falsePositives: 0, benignFalsePositives: 0, steps: [] } });
  const rules = files.flatMap((f) => f.rules.map((r) => ({ r, t: suppressed.has(r.rule.id ?? '') || suppressed.has(r.rule.name ?? '') ? undefined : score(f, r.rule.title, 'rule') })));
  const correlations = new Map(files.flatMap((f) => f.finals.map((c) => [c.ref, score(f, c.title, 'correlation')] as const)));
  const onAlerts = (alerts: ReturnType<typeof engine.observe>): void => {
    for (const a of alerts) {
      const t = correlations.get(a.rule.ref);
      // A chained correlation's evidence includes the inner alerts as group values only (no
      // event uid): score on the events that resolve.
      if (t) tally(t, a.evidence.map((ev) => byUid.get(uidOf(ev.event))).filter((e) => e !== undefined), detected);
    }
  };
  for (const le of events) {
    for (const { r, t } of rules) {
      if (!r.matches(le.event)) continue;
      if (t) tally(t, [le], detected);
      const match = { ruleId: r.rule.id ?? r.rule.title, event: le.event, time: le.event.time };
      onAlerts(engine.observe(r.rule.name === undefined ? match : { ...match, ruleName: r.rule.name }));
    }
  }
  onAlerts(engine.advance(Number.MAX_SAFE_INTEGER));
  const scores = [...rules.flatMap(({ t }) => (t ? [t.score] : [])), ...[...correlations.values()].map((t) => t.score)];
  return { scores, detected, events: events.length };
}
