import { overloaded, unavailable } from '@soc/errors';
import type { Clock } from '@soc/contracts';

/** Limits that keep ingest from buffering without bound. */
export interface AdmissionLimits {
  /** Most requests appending to the bus at once; more get 503. */
  maxInFlight: number;
  /** Unprocessed messages downstream above which new batches get 429. */
  maxLag: number;
  /** How long a measured lag is trusted before it is read again. */
  lagTtlMs: number;
  /** Retry-After sent with 429/503. */
  retryAfterSeconds: number;
}

/**
 * Admission control for ingest. The bus is durable, so accepting more than the pipeline can
 * process would not lose data, but it would grow the backlog (disk, time-to-search) without
 * bound; instead callers are told when to come back.
 */
export class Admission {
  private inFlight = 0;
  private lag = 0;
  private lagReadAt = Number.NEGATIVE_INFINITY;
  private lagRead: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly readLag: () => Promise<number>,
    private readonly clock: Clock,
  ) {}

  /**
   * Admits a request or throws SOC_ERR_OVERLOADED (429) / SOC_ERR_UNAVAILABLE (503). Called
   * before the body is read, and the slot is held until `leave()`: buffered bodies are what
   * costs memory, so they are what is counted.
   */
  async enter(): Promise<void> {
    if (this.closed) throw unavailable(this.limits.retryAfterSeconds, 'ingest is shutting down');
    if (this.inFlight >= this.limits.maxInFlight) throw unavailable(this.limits.retryAfterSeconds, 'too many concurrent ingest requests');
    this.inFlight++;
    try {
      await this.refreshLag();
    } catch (err) {
      this.inFlight--;
      throw err;
    }
    if (this.lag > this.limits.maxLag) {
      this.inFlight--;
      throw overloaded(this.limits.retryAfterSeconds, `pipeline backlog of ${this.lag} messages exceeds ${this.limits.maxLag}`);
    }
  }

  /** Releases a slot taken by a successful `enter()`. */
  leave(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** Refuses new work from now on (graceful shutdown). */
  close(): void {
    this.closed = true;
  }

  get current(): { inFlight: number; lag: number } {
    return { inFlight: this.inFlight, lag: this.lag };
  }

  private async refreshLag(): Promise<void> {
    if (this.clock.now() - this.lagReadAt < this.limits.lagTtlMs) return;
    // One lag read at a time: concurrent requests share it instead of stampeding the bus.
    this.lagRead ??= this.readLag()
      .then((lag) => {
        this.lag = lag;
        this.lagReadAt = this.clock.now();
      })
      .finally(() => {
        this.lagRead = undefined;
      });
    await this.lagRead;
  }
}
