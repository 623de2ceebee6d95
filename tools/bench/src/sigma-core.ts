import { compileRules, RuleSet, windowsFieldMapping, type CompiledRule, type RuleSetStats, type SigmaEvent, type SigmaRule } from '@soc/sigma';

/**
 * The measured part of `bench:sigma`, separate from corpus loading and the CLI so a spec can
 * run it on a small input: compile, index, prove the index returns exactly what checking every
 * rule returns, then time the indexed evaluation over a replicated stream.
 */

/** Rules compiled with the Windows mapping and the index built over them. */
export interface CompiledPack {
  compiled: CompiledRule[];
  notApplicable: number;
  /** Rules the compiler refused (each a SocError naming the rule). */
  refused: number;
  compileMs: number;
  indexMs: number;
  set: RuleSet;
  stats: RuleSetStats;
}

/** Compiles the rules against `windowsFieldMapping` and builds the RuleSet, timing each step. */
export function compilePack(rules: readonly SigmaRule[]): CompiledPack {
  const t0 = performance.now();
  const { compiled, notApplicable, errors } = compileRules(rules, { mapping: windowsFieldMapping });
  const t1 = performance.now();
  const set = new RuleSet(compiled);
  const t2 = performance.now();
  return { compiled, notApplicable: notApplicable.length, refused: errors.length, compileMs: t1 - t0, indexMs: t2 - t1, set, stats: set.stats() };
}

/** A rule's stable label: its id, else its title. */
export function ruleLabel(r: CompiledRule): string {
  return r.rule.id ?? r.rule.title;
}

/** Thrown when the index returns something other than rule-by-rule evaluation: the bench must not report a number then. */
export class IndexMismatchError extends Error {
  readonly code = 'SOC_ERR_BENCH_SIGMA_INDEX_MISMATCH';
  constructor(
    readonly eventIndex: number,
    readonly expected: readonly string[],
    readonly got: readonly string[],
  ) {
    super(`RuleSet differs from rule-by-rule evaluation on event ${eventIndex}: expected [${expected.join(', ')}], got [${got.join(', ')}]`);
  }
}

/** What rule-by-rule evaluation found on the base events, checked against the index. */
export interface Equivalence {
  events: number;
  matches: number;
  /** Matches per base event (the timed loop's total must be their replicated sum). */
  perEvent: Uint16Array;
  /** Matching events per rule label, for rules that matched at least once. */
  perRule: Map<string, number>;
}

/**
 * Evaluates every event rule by rule and through the index; throws IndexMismatchError on the
 * first event where the two differ (same rules, same order).
 */
export function checkEquivalence(compiled: readonly CompiledRule[], set: RuleSet, events: readonly SigmaEvent[]): Equivalence {
  const out: Equivalence = { events: events.length, matches: 0, perEvent: new Uint16Array(events.length), perRule: new Map() };
  events.forEach((e, i) => {
    const expected = compiled.filter((r) => r.matches(e)).map(ruleLabel);
    const got = set.evaluate(e).map(ruleLabel);
    if (expected.length !== got.length || expected.some((x, j) => x !== got[j])) throw new IndexMismatchError(i, expected, got);
    out.perEvent[i] = got.length;
    out.matches += got.length;
    for (const id of got) out.perRule.set(id, (out.perRule.get(id) ?? 0) + 1);
  });
  return out;
}

/** The `n` rules with the most matching events, most first (ties by label, so the list is stable). */
export function topRules(perRule: ReadonlyMap<string, number>, n: number): { rule: string; matches: number }[] {
  return [...perRule.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([rule, matches]) => ({ rule, matches }));
}

/** One timed pass over the replicated stream. */
export interface TimedRun {
  evaluations: number;
  matches: number;
  /** Wall-clock seconds. */
  seconds: number;
  /** CPU seconds of this process (user + system) over the loop: what the thread got on a shared machine. */
  cpuSeconds: number;
  eventsPerSecond: number;
  /** Events per CPU second, the per-core rate unaffected by other jobs taking the core. */
  eventsPerCpuSecond: number;
}

/**
 * Evaluates `total` events by cycling the parsed base events (no copies: the engine must not
 * rely on seeing fresh objects) on this thread. Throws when the match total differs from the
 * replicated rule-by-rule count, so a fast but wrong index cannot report a figure.
 */
export function timeEvaluation(set: RuleSet, events: readonly SigmaEvent[], total: number, eq: Equivalence): TimedRun {
  const n = events.length;
  let matches = 0;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0, j = 0; i < total; i++) {
    matches += set.evaluate(events[j] as SigmaEvent).length;
    if (++j === n) j = 0;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  let expected = eq.matches * Math.floor(total / n);
  for (let j = 0; j < total % n; j++) expected += eq.perEvent[j] ?? 0;
  if (matches !== expected) throw new IndexMismatchError(-1, [`${expected} matches`], [`${matches} matches`]);
  return { evaluations: total, matches, seconds, cpuSeconds, eventsPerSecond: total / seconds, eventsPerCpuSecond: total / cpuSeconds };
}
