/** Requests the main thread sends to the PGlite worker. */
export type WorkerRequest =
  | {
      readonly id: number;
      readonly op: 'query';
      readonly text: string;
      readonly params: readonly unknown[];
      readonly rowMode: 'object' | 'array';
      /** Type OIDs whose values stay as text (drizzle parses timestamps and intervals itself). */
      readonly rawOids: readonly number[];
    }
  | { readonly id: number; readonly op: 'exec'; readonly text: string }
  | { readonly id: number; readonly op: 'close' };

/** A query result as it crosses the thread boundary (structured-clone safe). */
export interface WorkerQueryResult {
  readonly rows: unknown[];
  readonly fields: { name: string; dataTypeID: number }[];
  readonly affectedRows: number;
}

/** Postgres error fields carried back so SQLSTATE-based handling works unchanged. */
export interface WorkerError {
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** Replies from the worker; `ready`/`initError` answer startup. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: WorkerQueryResult | null }
  | { readonly id: number; readonly ok: false; readonly error: WorkerError }
  | { readonly id: 0; readonly ready: true }
  | { readonly id: 0; readonly initError: WorkerError };
