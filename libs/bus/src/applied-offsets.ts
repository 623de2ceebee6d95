import type { Delivery } from './bus';

/**
 * For a consumer that keeps state of its own (correlation windows, open cases): the next offset
 * of every partition its state has taken in, saved with that state, so a restart resumes
 * exactly where the saved state was taken (pass `resumeFrom` to `subscribe`). Batches are run
 * one at a time through `serialized`, so a snapshot of the state and `positions()` always
 * describe the same point in the stream.
 */
export class AppliedOffsets {
  private readonly next: Record<string, number> = {};
  private chain: Promise<unknown> = Promise.resolve();

  /** Where the state saved with `saved` stopped (`<topic>/<partition>` -> next offset). */
  restore(saved: Readonly<Record<string, number>>): void {
    Object.assign(this.next, saved);
  }

  /** Marks a batch as taken into the state. */
  applied(batch: readonly Pick<Delivery, 'topic' | 'partition' | 'offset'>[]): void {
    for (const d of batch) this.next[`${d.topic}/${d.partition}`] = d.offset + 1;
  }

  /** A copy of the positions, to save with the state. */
  positions(): Record<string, number> {
    return { ...this.next };
  }

  /** For `subscribe`: the saved position, or undefined to fall back to the group's own. */
  readonly resumeFrom = async (topic: string, partition: number): Promise<number | undefined> => this.next[`${topic}/${partition}`];

  /** Runs `fn` after every earlier call has settled (failed ones included). */
  serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
