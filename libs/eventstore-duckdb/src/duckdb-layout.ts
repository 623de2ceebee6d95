import type { DuckDBConnection } from '@duckdb/node-api';
import { SocError } from '@soc/errors';
import { REQUIRED_EVENT_COLUMNS } from './duckdb-schema';

/** Code of the error thrown when a lake file was written by an older, incompatible layout. */
export const SOC_ERR_EVENTSTORE_LAYOUT = 'SOC_ERR_EVENTSTORE_LAYOUT';

/**
 * Refuses a lake file written by an earlier layout (before the shape registry) instead of
 * failing later on a missing column. Such a file is rebuilt by replaying the bus into a new one.
 * Returns the event table's columns, for the writer.
 */
export async function assertCurrentLayout(conn: DuckDBConnection, path: string): Promise<ReadonlySet<string>> {
  const rows = (await conn.runAndReadAll("SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = current_schema() AND table_name = 'events'")).getRows();
  const have = new Set(rows.map((r) => String(r[0])));
  const missing = REQUIRED_EVENT_COLUMNS.filter((c) => !have.has(c));
  if (missing.length > 0) {
    throw new SocError(SOC_ERR_EVENTSTORE_LAYOUT, `event lake file ${path} has an older layout (missing ${missing.join(', ')}); move it aside and replay the bus into a new file`, {
      httpStatus: 500,
      retryable: false,
      details: { path, missing },
    });
  }
  return have;
}
