/**
 * The per-event loop of a hunt, as an EventSink: route the event to its detector, evaluate,
 * print matches, count. Locations are kept for correlation evidence only when the pack has
 * correlations, so a pack without them does no per-event bookkeeping.
 */
import type { CorrelationAlert, DetectorOutput } from '@soc/sigma';
import type { EventLocation, EventSink } from '../events/types';
import type { Level } from './args';
import { EventClock } from './event-time';
import type { LineWriter } from './line-writer';
import { correlationLine, levelRank, ruleMatchLine, type MatchLine } from './match-line';
import type { HuntPack } from './pack';

/** Malformed records printed on stderr before going quiet (all are still counted). */
export const MAX_REPORTED_MALFORMED = 1000;

/** Counters of a hunt. */
export interface SessionCounts {
  events: number;
  filesSkipped: number;
  malformed: number;
  matches: number;
  byLevel: Record<string, number>;
}

/** Evaluates events as they are read and writes their matches. */
export class HuntSession implements EventSink {
  readonly counts: SessionCounts = { events: 0, filesSkipped: 0, malformed: 0, matches: 0, byLevel: {} };
  private readonly clock = new EventClock();
  private readonly locations = new WeakMap<object, EventLocation>();
  private readonly minRank: number;
  private readonly locate = (e: object) => this.locations.get(e);

  constructor(
    private readonly pack: HuntPack,
    private readonly out: LineWriter,
    private readonly report: (text: string) => void,
    minLevel: Level | undefined,
  ) {
    this.minRank = minLevel === undefined ? 0 : levelRank(minLevel);
  }

  event(event: Record<string, unknown>, file: string, line: number): void {
    this.counts.events++;
    const lane = this.pack.laneFor(event);
    let time = 0;
    if (this.pack.hasCorrelations) {
      time = this.clock.timeOf(event);
      this.locations.set(event, { file, line });
    }
    const result: DetectorOutput = lane.detector.evaluate(lane.view === 'native' ? { native: event } : { ocsf: event }, time);
    // A silent hit only feeds generate: false correlations: the correlation alerts, not the rule.
    if (result.hits.length > 0) for (const hit of result.hits) if (!hit.silent) this.emit(ruleMatchLine(hit.rule, { file, line }));
    if (result.correlations.length > 0) this.emitAlerts(result.correlations);
  }

  malformed(file: string, line: number, reason: string): void {
    this.counts.malformed++;
    if (this.counts.malformed <= MAX_REPORTED_MALFORMED) this.report(`${file}:${line}: ${reason}`);
    else if (this.counts.malformed === MAX_REPORTED_MALFORMED + 1) this.report(`soc hunt: more malformed records are counted but not shown`);
  }

  skipped(file: string, reason: string): void {
    this.counts.filesSkipped++;
    this.report(`${file}: skipped, ${reason}`);
  }

  /** Closes every correlation window still open (end of input) and prints what fires. */
  finish(): void {
    for (const d of this.pack.detectors) this.emitAlerts(d.advance(Number.MAX_SAFE_INTEGER));
  }

  private emitAlerts(alerts: readonly CorrelationAlert[]): void {
    for (const a of alerts) this.emit(correlationLine(a, this.locate));
  }

  private emit(m: MatchLine): void {
    if (this.minRank > 0 && levelRank(m.level) < this.minRank) return;
    this.counts.matches++;
    const key = m.level ?? 'none';
    this.counts.byLevel[key] = (this.counts.byLevel[key] ?? 0) + 1;
    this.out.line(JSON.stringify(m));
  }
}
