import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { benchScenario, failingPairs, runSeed, type SeedResult } from './fusion-core';
import { type GroupedItem, pairwiseMetrics } from './fusion-metrics';

/**
 * `npm run bench:fusion`: grouping quality of fusion on the scenario's ground truth. For each
 * seed (`--seeds 42,7,3`): a day, 40 users, every attack chain -> real mappers -> native rules
 * -> alerts built as the detection service builds them -> FusionEngine (clock driven by alert
 * time) -> cases. Reports alerts, deduplicated alerts, cases, alerts/cases and pairwise
 * precision/recall against chain ids, per seed and over all seeds, as one JSON document.
 *
 * Benign alerts (detection false positives, no chain label) count only through pairs with a
 * malicious alert in the same case, as false positives of grouping; two benign alerts sharing a
 * case are neither (reported as benignPairsSameCase); a benign alert alone in its case costs
 * nothing except in the reduction ratio. Pairs are over deduplicated alerts (`pairwise`); the
 * same over every alert, repeats included, is `pairwiseRaw`.
 */

const TARGET_PRECISION = 0.95;
const TARGET_RECALL = 0.9;

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

function seedReport(r: SeedResult, seconds: number, diagnose: boolean): Record<string, unknown> {
  const p = r.pairwise;
  const out: Record<string, unknown> = {
    seed: r.seed,
    events: r.events,
    alerts: r.alerts,
    dedupedAlerts: r.dedupedAlerts,
    cases: r.cases,
    reduction: round(r.reduction, 2),
    pairwise: { ...p, precision: round(p.precision), recall: round(p.recall) },
    pairwiseRaw: { ...r.pairwiseRaw, precision: round(r.pairwiseRaw.precision), recall: round(r.pairwiseRaw.recall) },
    benignInAttackCases: r.benignInAttackCases,
    chains: r.chains,
    seconds: round(seconds, 2),
  };
  const fails = failingPairs(r);
  if (diagnose || fails.falsePositiveCases.length + fails.falseNegativeChains.length > 0) out['failingPairs'] = fails;
  return out;
}

function main(): void {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '42,7,3' }, diagnose: { type: 'boolean', default: false } } });
  const seeds = (values.seeds ?? '').split(',').filter(Boolean).map(Number);
  const perSeed: Record<string, unknown>[] = [];
  const allItems: GroupedItem[] = [];
  let alerts = 0;
  let deduped = 0;
  let cases = 0;
  for (const seed of seeds) {
    const t0 = performance.now();
    const r = runSeed(benchScenario(seed));
    perSeed.push(seedReport(r, (performance.now() - t0) / 1000, values.diagnose ?? false));
    // Seeds are separate tenants' days: prefix ids so no pair crosses seeds.
    for (const f of r.fused) allItems.push(f.chain === undefined ? { caseId: `${seed}/${f.caseId}` } : { caseId: `${seed}/${f.caseId}`, chain: `${seed}/${f.chain}` });
    alerts += r.alerts.total;
    deduped += r.dedupedAlerts;
    cases += r.cases;
  }
  const overall = pairwiseMetrics(allItems);
  const report = {
    bench: 'fusion',
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    loadAverage: loadavg().map((x) => round(x, 2)),
    scenario: { hours: 24, users: 40, chains: 'all', seeds },
    benignCounting: 'pairs over deduplicated alerts; a benign alert in a case with a chain\'s alert makes an FP pair with each of them; benign-benign pairs are not counted',
    perSeed,
    overall: {
      alerts,
      dedupedAlerts: deduped,
      cases,
      reduction: cases === 0 ? 0 : round(alerts / cases, 2),
      pairwise: { ...overall, precision: round(overall.precision), recall: round(overall.recall) },
    },
    target: { precision: TARGET_PRECISION, recall: TARGET_RECALL, precisionMet: overall.precision >= TARGET_PRECISION, recallMet: overall.recall >= TARGET_RECALL, met: overall.precision >= TARGET_PRECISION && overall.recall >= TARGET_RECALL },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

try {
  main();
} catch (e: unknown) {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
}
