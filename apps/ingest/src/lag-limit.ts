import type { Clock } from '@soc/contracts';

/** The backlog (messages) above which ingest makes new requests wait; read on every admission decision. */
export interface LagLimit {
  current(): number;
}

/** A limit that never moves. */
export const fixedLagLimit = (limit: number): LagLimit => ({ current: () => limit });

export interface DelayTargetOptions {
  /** Largest limit, and the starting one. */
  maxLag: number;
  /**
   * Smallest limit. A small backlog means small batches for every consumer, which cost more per
   * event; and where the delay comes from elsewhere (a busy main thread), shrinking the backlog
   * further only loses throughput.
   */
  minLag: number;
  /** Ingest-to-stored delay to hold the pipeline to (ms). */
  targetDelayMs: number;
  /** How often the limit may move: long enough for a change to show in the delay. */
  adjustEveryMs: number;
}

/** Shrink factor while over target; growth step (share of maxLag) while well under it. */
const DECREASE = 0.8;
const INCREASE_SHARE = 0.05;
/** Under this share of the target, the limit grows back. Between it and the target, it holds. */
const GROW_BELOW = 0.5;

/**
 * A lag limit steered by the delay the event lake reports from ingest to stored (see
 * LakeService.delay). A message count bounds time-to-search only as count / throughput, and
 * throughput is the machine's: the 6,000 messages that meant a 1.2 s p99 on one machine meant
 * 2.6 to 3.0 s on one half as fast (npm run bench:pipeline). So the limit shrinks by a fifth
 * while the delay is over target and grows back by a twentieth of the maximum while it is
 * under half of it: multiplicative decrease, additive increase, as TCP steers its window by
 * loss, so the limit saws just under what the machine sustains at the target. Without a
 * reading (no lake in this process, or nothing stored lately) the limit holds.
 */
export class DelayTargetLagLimit implements LagLimit {
  private limit: number;
  private adjustedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly opts: DelayTargetOptions,
    private readonly readDelay: () => number | undefined,
    private readonly clock: Clock,
  ) {
    if (!(opts.minLag >= 1 && opts.minLag <= opts.maxLag)) throw new RangeError('minLag must be in 1..maxLag');
    this.limit = opts.maxLag;
  }

  current(): number {
    const now = this.clock.now();
    if (now - this.adjustedAt < this.opts.adjustEveryMs) return this.limit;
    this.adjustedAt = now;
    const delay = this.readDelay();
    if (delay === undefined) return this.limit;
    if (delay > this.opts.targetDelayMs) this.limit = Math.max(this.opts.minLag, Math.floor(this.limit * DECREASE));
    else if (delay < this.opts.targetDelayMs * GROW_BELOW) this.limit = Math.min(this.opts.maxLag, this.limit + Math.ceil(this.opts.maxLag * INCREASE_SHARE));
    return this.limit;
  }
}
