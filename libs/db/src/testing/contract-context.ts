import type { ManualClock } from '@soc/contracts';
import type { Database, DatabaseOptions } from '../database';

/** How the contract suite reaches one adapter's store. */
export interface DatabaseHarness {
  readonly kind: 'pglite' | 'postgres';
  /** Open a Database on this suite's store. PGlite allows one open handle at a time. */
  open(opts: DatabaseOptions): Promise<Database>;
  /** Remove the store after the suite. */
  teardown(): Promise<void>;
}

/** Shared state of one contract run. */
export interface ContractContext {
  readonly harness: DatabaseHarness;
  readonly clock: ManualClock;
  /** The suite's open database. */
  db(): Database;
}

/** Expect a promise to reject with a SocError carrying `code`. */
export async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ code });
}
