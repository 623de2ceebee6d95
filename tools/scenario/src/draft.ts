import type { SourceName } from '@soc/contracts';

/** Ground truth for one malicious record: which chain, which ATT&CK technique, which step. */
export interface Label {
  chainId: string;
  /** ATT&CK technique id, e.g. T1110.003. */
  technique: string;
  /** ATT&CK tactic short name, e.g. credential-access. */
  tactic: string;
  /** 1-based position of the step in its chain; steps happen in this order. */
  step: number;
}

/**
 * Counters that must grow with time per host (EventRecordID, auditd serial). Records are
 * built only after their slice is sorted, so the counters come out monotonic.
 */
export class Sequencer {
  private readonly counters = new Map<string, number>();
  private tick = 0;

  /** Next value for `key`, starting at `start`. */
  next(key: string, start = 1): number {
    const v = this.counters.get(key) ?? start;
    this.counters.set(key, v + 1);
    return v;
  }

  /** Sub-millisecond digits (0-999), so records sharing a millisecond still differ. */
  jitter(): number {
    this.tick = (this.tick * 1103515245 + 12345) & 0x7fffffff;
    return this.tick % 1000;
  }
}

/** Builds the native record once its place in time order is known. */
export type Build = (seq: Sequencer) => object | string;

/** A record before it is finalised. */
export interface Draft {
  time: number;
  source: SourceName;
  build: Build;
  label: Label | undefined;
}

/** Collects drafts for one time range, clamping times so nothing leaks outside it. */
export class DraftSink {
  readonly drafts: Draft[] = [];

  constructor(
    readonly start: number,
    readonly end: number,
  ) {}

  /** Adds a record at `time` (clamped into [start, end)). */
  add(time: number, source: SourceName, build: Build, label?: Label): number {
    const t = Math.min(this.end - 1, Math.max(this.start, Math.round(time)));
    this.drafts.push({ time: t, source, build, label });
    return t;
  }
}
