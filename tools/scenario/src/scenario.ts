import { TEXT_SOURCES, type SourceName } from '@soc/contracts';
import type { SliceCtx } from './benign/context';
import { cloudActivity } from './benign/cloud';
import { githubActivity } from './benign/github';
import { identityActivity } from './benign/identity';
import { linuxActivity } from './benign/linux';
import { serverActivity } from './benign/windows-servers';
import { workstationActivity } from './benign/workstation';
import { CHAIN_NAMES, CHAIN_TIMING, type ChainCtx, type ChainName } from './chains/chain';
import { cloudChain } from './chains/cloud';
import { endpointChain } from './chains/endpoint';
import { identityChain } from './chains/identity';
import { linuxChain } from './chains/linux';
import { DraftSink, Sequencer, type Draft, type Label } from './draft';
import { optionsInvalid } from './errors';
import { Rng } from './rng';
import { buildWorld } from './world/build-world';
import type { Host, World } from './world/types';

/** Options of one scenario run. */
export interface ScenarioOptions {
  seed: number;
  start: Date;
  hours: number;
  /** Number of employees (5-500, default 40). */
  users?: number;
  /** Attack chains to weave in (default 'all'; [] for benign only). */
  chains?: ChainName[] | 'all';
}

/** One native record with its time and, when malicious, its ground-truth label. */
export interface ScenarioRecord {
  time: number;
  source: SourceName;
  format: 'json' | 'text';
  /** JSON object, or text; an auditd event may span several lines joined by `\n`. */
  record: object | string;
  label?: Label;
}

/** A complete in-memory scenario. */
export interface Scenario {
  world: World;
  records: ScenarioRecord[];
}

const HOUR = 3_600_000;
const CHAINS: Record<ChainName, (c: ChainCtx) => void> = { identity: identityChain, endpoint: endpointChain, cloud: cloudChain, linux: linuxChain };
const BENIGN: ((ctx: SliceCtx) => void)[] = [workstationActivity, serverActivity, identityActivity, cloudActivity, githubActivity, linuxActivity];

/** Checks options and fills defaults; throws SOC_ERR_SCENARIO_OPTIONS_INVALID. */
export function resolveOptions(o: ScenarioOptions): Required<ScenarioOptions> & { chains: ChainName[] } {
  if (!Number.isSafeInteger(o.seed)) throw optionsInvalid('seed', 'must be an integer', o.seed);
  if (!(o.start instanceof Date) || Number.isNaN(o.start.getTime())) throw optionsInvalid('start', 'must be a valid Date', o.start);
  if (!(o.hours > 0 && o.hours <= 24 * 31)) throw optionsInvalid('hours', 'must be in (0, 744]', o.hours);
  const users = o.users ?? 40;
  if (!Number.isInteger(users) || users < 5 || users > 500) throw optionsInvalid('users', 'must be an integer in [5, 500]', users);
  const chains = o.chains === undefined || o.chains === 'all' ? [...CHAIN_NAMES] : o.chains;
  for (const c of chains) if (!(CHAIN_NAMES as readonly string[]).includes(c)) throw optionsInvalid('chains', `unknown chain "${c}"; known: ${CHAIN_NAMES.join(', ')}`, c);
  return { seed: o.seed, start: o.start, hours: o.hours, users, chains };
}

function baseCtx(world: World, seed: number, sink: DraftSink, rng: Rng, windowStart: number): SliceCtx {
  const hostsByName = new Map<string, Host>(world.hosts.map((h) => [h.name, h]));
  return { world, sink, rng, seed, windowStart, hostsByName };
}

function chainDrafts(world: World, seed: number, chains: ChainName[], start: number, end: number): Draft[] {
  const sink = new DraftSink(start, end);
  const span = end - start;
  for (const name of chains) {
    const rng = Rng.of(seed, 'chain', name);
    const timing = CHAIN_TIMING[name];
    const nominal = timing.minutes * 60_000;
    const scale = Math.min(1, (span * 0.8) / nominal);
    const latest = end - nominal * scale - 60_000;
    const t0 = Math.min(latest, start + Math.floor(span * (timing.from + rng.next() * (timing.to - timing.from))));
    const ctx: ChainCtx = { ...baseCtx(world, seed, sink, rng, start), chainId: `${name}-${seed}`, t0: Math.max(start, t0), scale };
    CHAINS[name](ctx);
  }
  return sink.drafts.sort((a, b) => a.time - b.time);
}

function finalize(d: Draft, seq: Sequencer): ScenarioRecord {
  const rec: ScenarioRecord = { time: d.time, source: d.source, format: TEXT_SOURCES.has(d.source) ? 'text' : 'json', record: d.build(seq) };
  if (d.label) rec.label = d.label;
  return rec;
}

/**
 * Streams the scenario hour by hour in time order. Each hour is generated from its own seeded
 * stream, so memory stays bounded by one hour of records however long the run.
 */
export function* iterateScenario(options: ScenarioOptions, world?: World): Generator<ScenarioRecord, void, undefined> {
  const o = resolveOptions(options);
  const w = world ?? buildWorld(o.seed, o.users);
  const start = o.start.getTime();
  const end = start + Math.round(o.hours * HOUR);
  const attacks = chainDrafts(w, o.seed, o.chains, start, end);
  const seq = new Sequencer();
  let next = 0;
  for (let s = start, h = 0; s < end; s += HOUR, h++) {
    const e = Math.min(end, s + HOUR);
    const sink = new DraftSink(s, e);
    const ctx = baseCtx(w, o.seed, sink, Rng.of(o.seed, 'slice', h), start);
    for (const gen of BENIGN) gen(ctx);
    while (next < attacks.length && (attacks[next] as Draft).time < e) sink.drafts.push(attacks[next++] as Draft);
    sink.drafts.sort((a, b) => a.time - b.time);
    for (const d of sink.drafts) yield finalize(d, seq);
  }
}

/** Generates the whole scenario in memory (records sorted by time) with its world. */
export function generateScenario(options: ScenarioOptions): Scenario {
  const o = resolveOptions(options);
  const world = buildWorld(o.seed, o.users);
  return { world, records: Array.from(iterateScenario(o, world)) };
}
