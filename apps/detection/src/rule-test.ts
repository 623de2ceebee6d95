import type { SocError } from '@soc/errors';
import type { EventStore } from '@soc/eventstore';
import { type CorrelationAlert, type DetectorOutput, type EventViews, type FieldMapping, type SigmaEvent, SigmaDetector, parseSigmaYaml } from '@soc/sigma';
import { viewsOfNormalized } from './event-views';

/** A problem with the rules under test, as the API shows it. */
export interface RuleProblemView {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** One rule (or correlation) hit in a test run. */
export interface RuleTestMatch {
  /** Index of the sample event, or the stored event's id. */
  event: number | string;
  time: number;
  ruleId: string;
  ruleTitle: string;
  view: 'native' | 'ocsf';
}

/** One correlation that fired in a test run. */
export interface RuleTestCorrelation {
  ruleId: string;
  ruleTitle: string;
  group: Record<string, string>;
  firstTime: number;
  lastTime: number;
  eventCount: number;
  /** Sample indexes or stored event ids of the evidence. */
  events: (number | string)[];
}

/** What a run over one set of events found. */
export interface RuleTestRun {
  evaluated: number;
  matches: RuleTestMatch[];
  correlations: RuleTestCorrelation[];
  /** True when the stored range held more events than the scan limit. */
  truncated: boolean;
}

/** The result of `POST /v1/rules/test`. */
export interface RuleTestResult {
  rules: { id: string; title: string; kind: 'rule' | 'correlation' }[];
  problems: RuleProblemView[];
  samples?: RuleTestRun;
  stored?: RuleTestRun;
}

const MAX_MATCHES = 1000;

function problemView(e: SocError): RuleProblemView {
  return e.details ? { code: e.code, message: e.message, details: { ...e.details } } : { code: e.code, message: e.message };
}

/**
 * The views of a sample event, whose source the caller did not name: a native record as is, or
 * an OCSF event, with its original when `raw_data` holds a Windows record.
 */
export function viewsOf(event: SigmaEvent): EventViews {
  if (typeof event['class_uid'] !== 'number') return { native: event };
  const raw = event['raw_data'];
  const windows = typeof raw === 'string' && raw.startsWith('{') && /"Event"|"EventID"|"winlog"/.test(raw.slice(0, 2000));
  return viewsOfNormalized(windows ? 'windows' : 'unknown', event);
}

function timeOf(e: SigmaEvent, fallback: number): number {
  return typeof e['time'] === 'number' ? e['time'] : fallback;
}

class Collector {
  readonly run: RuleTestRun = { evaluated: 0, matches: [], correlations: [], truncated: false };
  constructor(private readonly ids: Map<string, number | string>) {}

  add(ref: number | string, time: number, out: DetectorOutput): void {
    this.run.evaluated++;
    for (const h of out.hits) if (this.run.matches.length < MAX_MATCHES) this.run.matches.push({ event: ref, time, ruleId: h.rule.id ?? h.rule.title, ruleTitle: h.rule.title, view: h.view });
    for (const c of out.correlations) this.correlation(c);
  }

  correlation(c: CorrelationAlert): void {
    if (this.run.correlations.length >= MAX_MATCHES) return;
    const events = c.evidence.map((e) => (e.eventId !== undefined ? (this.ids.get(e.eventId) ?? e.eventId) : -1));
    this.run.correlations.push({ ruleId: c.rule.id ?? c.rule.ref, ruleTitle: c.rule.title, group: { ...c.group }, firstTime: c.firstTime, lastTime: c.lastTime, eventCount: c.eventCount, events });
  }
}

/** Options of {@link testRules}. */
export interface RuleTestInput {
  /** The rules under test: one YAML text, several documents allowed (base rules and correlations). */
  yaml: string;
  samples?: readonly SigmaEvent[];
  /** Retro-hunt over stored events of `tenantId` in [from, to), at most `maxEvents`, oldest first. */
  stored?: { store: EventStore; tenantId: string; from: string; to: string; maxEvents: number };
  nativeMapping: FieldMapping;
  ocsfMapping: FieldMapping;
  /** Time given to sample events without one (ms). */
  now: number;
}

function build(input: RuleTestInput): { detector: SigmaDetector; result: RuleTestResult } {
  const docs = parseSigmaYaml(input.yaml, 'rule-under-test.yml');
  const { detector, problems } = SigmaDetector.build([docs], { primary: input.nativeMapping, secondary: input.ocsfMapping });
  const result: RuleTestResult = {
    rules: [...docs.rules.map((r) => ({ id: r.id ?? r.title, title: r.title, kind: 'rule' as const })), ...detector.correlationRules.map((c) => ({ id: c.id ?? c.ref, title: c.title, kind: 'correlation' as const }))],
    problems: problems.errors.map(problemView),
  };
  for (const r of problems.notApplicable) result.problems.push({ code: 'SOC_ERR_SIGMA_RULE_INVALID', message: `${r.title}: no mapping knows logsource ${JSON.stringify(r.logsource)}`, details: { rule: r.id ?? r.title, reason: 'logsource-not-mapped' } });
  return { detector, result };
}

/**
 * Runs rules over sample events and/or a stored time range (retro-hunt) and reports what
 * matched, exactly as the detection service would evaluate them (same detector, same views).
 * Each run gets a fresh correlation state.
 */
export async function testRules(input: RuleTestInput): Promise<RuleTestResult> {
  const { result } = build(input);
  if (input.samples) {
    const { detector } = build(input);
    const ids = new Map<string, number | string>();
    const c = new Collector(ids);
    input.samples.forEach((e, i) => {
      const id = `sample-${i}`;
      ids.set(id, i);
      const t = timeOf(e, input.now);
      c.add(i, t, detector.evaluate(viewsOf(e), t, id));
    });
    for (const a of detector.advance(Number.MAX_SAFE_INTEGER)) c.correlation(a);
    result.samples = c.run;
  }
  if (input.stored) result.stored = await retroHunt(input, input.stored);
  return result;
}

async function retroHunt(input: RuleTestInput, s: NonNullable<RuleTestInput['stored']>): Promise<RuleTestRun> {
  const { detector } = build(input);
  const c = new Collector(new Map());
  let cursor: string | undefined;
  do {
    const page = await s.store.search(s.tenantId, { from: s.from, to: s.to, sort: [{ field: 'time', order: 'asc' }], limit: Math.min(1000, s.maxEvents - c.run.evaluated), ...(cursor ? { cursor } : {}) });
    for (const hit of page.events) {
      const t = Date.parse(hit.time);
      c.add(hit.id, t, detector.evaluate(viewsOfNormalized(hit.source, hit.event), t, hit.id));
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined && c.run.evaluated < s.maxEvents);
  c.run.truncated = cursor !== undefined;
  for (const a of detector.advance(Number.MAX_SAFE_INTEGER)) c.correlation(a);
  return c.run;
}
