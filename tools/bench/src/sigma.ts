import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { median } from './stats';
import { engineFingerprint, loadEvtxEvents, loadWindowsRules, sigmaCorporaAvailable } from './sigma-corpus';
import { checkEquivalence, compilePack, timeEvaluation, topRules } from './sigma-core';
import { analyzeWork } from './sigma-analysis';
import { profileToFile, readProfile, summarizeProfile } from './sigma-profile';

/**
 * `npm run bench:sigma`: every SigmaHQ Windows rule (rules/windows and rules-emerging-threats,
 * `product: windows`) over the EVTX-to-MITRE-Attack events replicated to a million, on one
 * thread (so events/s is per core). Prints one JSON report. Options: `--events N` (default
 * 1,000,000), `--runs N` (default 3, the median is reported), `--analyze` (index work per event:
 * variants checked, the busiest and the unindexed rules), `--profile file.cpuprofile` (V8 profile
 * of one more timed pass, summarized by self time), `--exclude id,id` (what-if: without these rules).
 */

const TARGET_EPS = 100_000;
const TARGET_RSS_MB = 1024;

const spread = (xs: readonly number[]) => ({ min: Math.min(...xs), median: median(xs), max: Math.max(...xs) });
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' }, analyze: { type: 'boolean', default: false }, profile: { type: 'string' }, exclude: { type: 'string' } } });
  if (!sigmaCorporaAvailable()) throw new Error('bench:sigma needs /work/shared/corpora (sigma/sigmahq and logs/evtx-to-mitre-attack)');
  const total = Number(values.events);
  const runs = Number(values.runs);
  const engine = engineFingerprint();
  const loaded = loadWindowsRules();
  // What-if runs: leave out named rules (ids, comma-separated) to price what their cost is.
  const excluded = new Set((values.exclude ?? '').split(',').filter(Boolean));
  const pack = compilePack(loaded.rules.filter((r) => !excluded.has(r.id ?? '')));
  const t0 = performance.now();
  const { files, events } = loadEvtxEvents();
  const eventsLoadMs = performance.now() - t0;
  const eq = checkEquivalence(pack.compiled, pack.set, events);
  const timed = Array.from({ length: runs }, () => timeEvaluation(pack.set, events, total, eq));
  const eps = timed.map((r) => r.eventsPerSecond);
  const epcs = timed.map((r) => r.eventsPerCpuSecond);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const report = {
    engine,
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    loadAverage: loadavg().map((x) => round(x, 2)),
    rules: { excluded: [...excluded], files: loaded.files, windowsRules: loaded.rules.length, otherProducts: loaded.otherProducts, parseRefused: loaded.refused.length, compiled: pack.compiled.length, compileRefused: pack.refused, notApplicable: pack.notApplicable },
    // After the runs: logsource cells are built as events reach them.
    index: pack.set.stats(),
    timingsMs: { parse: round(loaded.parseMs), compile: round(pack.compileMs), index: round(pack.indexMs), eventsLoad: round(eventsLoadMs) },
    events: { files, base: events.length, perRun: total, runs },
    equivalence: { events: eq.events, matches: eq.matches, identical: true, topRules: topRules(eq.perRule, 10), rulesMatching: eq.perRule.size },
    matchesPerRun: timed[0]?.matches,
    seconds: timed.map((r) => round(r.seconds, 3)),
    cpuSeconds: timed.map((r) => round(r.cpuSeconds, 3)),
    // Wall-clock rate of the one evaluating thread: per core when the core is not shared.
    eventsPerSecondPerCore: { runs: eps.map((x) => Math.round(x)), ...mapValues(spread(eps), Math.round) },
    // Rate per CPU second actually received (includes GC on this process): per core on a busy machine.
    eventsPerCpuSecond: { runs: epcs.map((x) => Math.round(x)), ...mapValues(spread(epcs), Math.round) },
    peakRssMb: round(maxRssMb),
    target: { eventsPerSecondPerCore: TARGET_EPS, peakRssMb: TARGET_RSS_MB, met: median(epcs) >= TARGET_EPS && maxRssMb < TARGET_RSS_MB },
    ...(values.analyze ? { analysis: analyzeWork(pack.compiled, events) } : {}),
  };
  if (values.profile) {
    // One more pass under the sampling profiler, after the measured runs so it does not skew them.
    const path = values.profile;
    await profileToFile(path, () => timeEvaluation(pack.set, events, total, eq));
    Object.assign(report, { profile: { file: path, ...summarizeProfile(readProfile(path)) } });
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

function mapValues<T extends Record<string, number>>(o: T, f: (x: number) => number): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)])) as T;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
