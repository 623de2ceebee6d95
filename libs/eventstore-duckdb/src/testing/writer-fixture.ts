import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CREATE_CHECKPOINTS, CREATE_EVENTS, CREATE_SHAPES } from '../duckdb-schema';
import { ShapeTree } from '../duckdb-shapes';
import { DuckDbWriter } from '../duckdb-writer';

/** A DuckDbWriter on the file at `path` (created with the current layout if new), for the writer's tests. */
export interface TestWriter {
  writer: DuckDbWriter;
  conn: DuckDBConnection;
  /** Rows in `events`. */
  count(): Promise<number>;
  close(): void;
}

export async function openTestWriter(path: string): Promise<TestWriter> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  for (const sql of [CREATE_EVENTS, CREATE_SHAPES, CREATE_CHECKPOINTS]) await conn.run(sql);
  const writer = await DuckDbWriter.create(conn, new ShapeTree(), false);
  return {
    writer,
    conn,
    count: async () => Number((await conn.runAndReadAll('SELECT count(*) FROM events')).getRows()[0]?.[0]),
    close: () => (conn.closeSync(), instance.closeSync()),
  };
}
