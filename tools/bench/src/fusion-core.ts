import { ManualClock } from '@soc/contracts';
import { CASE_UPDATED, type CaseAlert, type CaseSnapshot, type FusionConfig, FusionEngine, type JoinReason } from '@soc/fusion';
import type { ScenarioOptions } from '@soc/scenario';
import { type LabelledAlert, benchEvents, detectAlerts } from './fusion-alerts';
import { type ChainSpread, type GroupedItem, type PairwiseMetrics, chainSpread, pairwiseMetrics } from './fusion-metrics';

/** A deduplicated alert as fusion filed it, with its ground truth. */
export interface FusedAlert extends GroupedItem {
  alertId: string;
  ruleTitle: string;
  /** How many detection alerts folded into it (1 + duplicates). */
  count: number;
}

/** Outcome of one scenario through detection and fusion. */
export interface SeedResult {
  seed: number;
  events: number;
  alerts: { total: number; malicious: number; benign: number; suppressed: number; mixedChains: number };
  dedupedAlerts: number;
  cases: number;
  /** Detection alerts in / cases out. */
  reduction: number;
  /** Over deduplicated alerts (what fusion groups; a repeat adds no grouping decision). */
  pairwise: PairwiseMetrics;
  /** The same over every detection alert, duplicates included. */
  pairwiseRaw: PairwiseMetrics;
  chains: ChainSpread[];
  /** Benign (detection false positive) deduplicated alerts that landed in a case with a chain's alerts. */
  benignInAttackCases: number;
  fused: FusedAlert[];
  /** Latest snapshot of every case ever opened (eviction does not hide a case from the bench). */
  snapshots: Map<string, CaseSnapshot>;
}

/** The bench scenario for one seed: a day, 40 users, every chain (`size` shrinks it for tests). */
export function benchScenario(seed: number, size: { hours: number; users: number } = { hours: 24, users: 40 }): ScenarioOptions {
  return { seed, start: new Date(Date.UTC(2026, 0, 5, 0, 0, 0)), hours: size.hours, users: size.users, chains: 'all' };
}

/** Feeds the alerts to a fresh engine with a clock that follows the alerts' event time. */
export function fuseAlerts(alerts: readonly LabelledAlert[], config?: Partial<FusionConfig>): { fused: FusedAlert[]; rawItems: GroupedItem[]; suppressed: number; snapshots: Map<string, CaseSnapshot> } {
  const clock = new ManualClock(0);
  const engine = new FusionEngine(config ? { clock, config } : { clock });
  const byId = new Map<string, FusedAlert>();
  const rawItems: GroupedItem[] = [];
  const snapshots = new Map<string, CaseSnapshot>();
  // A bridging alert can merge cases: every alert is counted in the case it ends up in.
  const mergedInto = new Map<string, string>();
  let suppressed = 0;
  for (const { alert, chains } of alerts) {
    clock.set(Math.max(clock.now(), alert.payload.lastSeen));
    const r = engine.ingest(alert);
    if (r.status === 'suppressed') {
      suppressed++;
      continue;
    }
    for (const e of r.events) {
      snapshots.set(e.caseId, e.case);
      if (e.type !== CASE_UPDATED || e.change !== 'merged') continue;
      for (const id of e.mergedCaseIds) {
        mergedInto.set(id, e.caseId);
        snapshots.delete(id);
      }
    }
    const chain = chains[0];
    rawItems.push(chain === undefined ? { caseId: r.caseId } : { caseId: r.caseId, chain });
    const known = byId.get(r.alertId);
    if (known) {
      known.count++;
      continue;
    }
    const item: FusedAlert = { alertId: r.alertId, caseId: r.caseId, ruleTitle: alert.payload.ruleTitle, count: 1 };
    if (chain !== undefined) item.chain = chain;
    byId.set(r.alertId, item);
  }
  const finalCase = (id: string): string => {
    let c = id;
    for (let next = mergedInto.get(c); next !== undefined; next = mergedInto.get(c)) c = next;
    return c;
  };
  for (const x of [...byId.values(), ...rawItems]) x.caseId = finalCase(x.caseId);
  return { fused: [...byId.values()], rawItems, suppressed, snapshots };
}

/** Scenario -> mapper -> native rules -> alerts -> fusion -> metrics, for one seed. */
export function runSeed(options: ScenarioOptions, config?: Partial<FusionConfig>): SeedResult {
  const events = benchEvents(options);
  const alerts = detectAlerts(events);
  const { fused, rawItems, suppressed, snapshots } = fuseAlerts(alerts, config);
  const caseIds = new Set(fused.map((f) => f.caseId));
  const malicious = alerts.filter((a) => a.chains.length > 0).length;
  const attackCases = new Set(fused.filter((f) => f.chain !== undefined).map((f) => f.caseId));
  return {
    seed: options.seed,
    events: events.length,
    alerts: { total: alerts.length, malicious, benign: alerts.length - malicious, suppressed, mixedChains: alerts.filter((a) => a.chains.length > 1).length },
    dedupedAlerts: fused.length,
    cases: caseIds.size,
    reduction: caseIds.size === 0 ? 0 : alerts.length / caseIds.size,
    pairwise: pairwiseMetrics(fused),
    pairwiseRaw: pairwiseMetrics(rawItems),
    chains: chainSpread(fused),
    benignInAttackCases: fused.filter((f) => f.chain === undefined && attackCases.has(f.caseId)).length,
    fused,
    snapshots,
  };
}

/** One alert of a failing pair, with why fusion put it where it is. */
export interface PairWitness {
  caseId: string;
  chain: string;
  rule: string;
  entities: string[];
  reason: string;
}

function describeReason(r: JoinReason | undefined): string {
  if (!r) return 'unknown';
  const shared = (s: readonly { type: string; value: string; weight: number }[]): string => s.map((e) => `${e.type}:${e.value}=${e.weight.toFixed(2)}`).join(', ');
  if (r.kind === 'joined') return `joined score ${r.score.toFixed(2)} via ${shared(r.shared)}`;
  if (!r.bestCandidate) return 'opened: no case shared an entity';
  return `opened: best ${r.bestCandidate.caseId} scored ${r.bestCandidate.score.toFixed(2)} < ${r.threshold} via ${shared(r.bestCandidate.shared) || 'nothing'}`;
}

function witness(f: FusedAlert, snapshots: ReadonlyMap<string, CaseSnapshot>): PairWitness {
  const ca: CaseAlert | undefined = snapshots.get(f.caseId)?.timeline.find((a) => a.alertId === f.alertId);
  return { caseId: f.caseId, chain: f.chain ?? 'benign', rule: f.ruleTitle, entities: (ca?.entities ?? []).map((e) => `${e.type}:${e.value}`), reason: describeReason(ca?.reason) };
}

/**
 * The alerts behind the failing pairs: for FP, every alert of a case that mixes chains or holds
 * benign alerts next to a chain's; for FN, every alert of a chain split over several cases.
 */
export function failingPairs(r: SeedResult, limit = 40): { falsePositiveCases: PairWitness[][]; falseNegativeChains: PairWitness[][] } {
  const byCase = new Map<string, FusedAlert[]>();
  const byChain = new Map<string, FusedAlert[]>();
  for (const f of r.fused) {
    byCase.set(f.caseId, [...(byCase.get(f.caseId) ?? []), f]);
    if (f.chain !== undefined) byChain.set(f.chain, [...(byChain.get(f.chain) ?? []), f]);
  }
  const labels = (xs: readonly FusedAlert[]): Set<string> => new Set(xs.map((x) => x.chain ?? 'benign'));
  const fpCases = [...byCase.values()].filter((xs) => xs.some((x) => x.chain !== undefined) && labels(xs).size > 1);
  const fnChains = [...byChain.values()].filter((xs) => new Set(xs.map((x) => x.caseId)).size > 1);
  const show = (xs: readonly FusedAlert[]): PairWitness[] => xs.slice(0, limit).map((x) => witness(x, r.snapshots));
  return { falsePositiveCases: fpCases.map(show), falseNegativeChains: fnChains.map(show) };
}
