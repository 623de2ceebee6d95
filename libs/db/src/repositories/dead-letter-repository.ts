/** A dead letter to record. `id` must be deterministic (derived from the rejected message). */
export interface NewDeadLetter {
  readonly id: string;
  /** Pipeline stage that rejected it: `ingest`, `normalize`, `lake`... */
  readonly stage: string;
  readonly topic?: string | null;
  readonly source?: string | null;
  /** Stable `SOC_ERR_*` code. */
  readonly code: string;
  readonly reason: string;
  /** The rejected message or record, already truncated by the producer if large. */
  readonly original: unknown;
  readonly originalTruncated: boolean;
  /** Defaults to the repository clock's now. */
  readonly createdAt?: Date;
}

/** A stored dead letter. */
export interface DeadLetter {
  readonly id: string;
  readonly tenantId: string;
  readonly stage: string;
  readonly topic: string | null;
  readonly source: string | null;
  readonly code: string;
  readonly reason: string;
  readonly original: unknown;
  readonly originalTruncated: boolean;
  readonly createdAt: Date;
}

/** Filters shared by list and count. Time range is `from` inclusive, `to` exclusive. */
export interface DeadLetterFilter {
  readonly stage?: string;
  readonly source?: string;
  readonly code?: string;
  readonly from?: Date;
  readonly to?: Date;
}

/** Options for one page of `list`. */
export interface DeadLetterListOptions extends DeadLetterFilter {
  /** 1..1000, default 100. */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** One page, newest first; `nextCursor` is null on the last page. */
export interface DeadLetterPage {
  readonly items: DeadLetter[];
  readonly nextCursor: string | null;
}

/** Dead letters per tenant. Append-only: there is no update or delete. */
export interface DeadLetterRepository {
  /** Insert; ids already present are skipped, so replays are harmless. Returns how many were new. */
  insertMany(tenantId: string, items: readonly NewDeadLetter[]): Promise<{ inserted: number }>;
  /** Newest first, keyset-paged. SOC_ERR_CURSOR_INVALID for a cursor this code did not issue. */
  list(tenantId: string, options?: DeadLetterListOptions): Promise<DeadLetterPage>;
  /** Counts per code, largest first. */
  countByCode(tenantId: string, filter?: DeadLetterFilter): Promise<{ code: string; count: number }[]>;
}
