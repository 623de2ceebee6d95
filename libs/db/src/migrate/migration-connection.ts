/**
 * The one raw connection the migrator needs: parameterized queries and multi-statement
 * scripts on a single session (advisory locks and BEGIN/COMMIT are session-bound).
 */
export interface MigrationConnection {
  /** Run one parameterized statement and return its rows. */
  query<T extends Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Run a script of several statements (no parameters). */
  exec(script: string): Promise<void>;
}
