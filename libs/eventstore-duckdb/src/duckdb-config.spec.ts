import { DuckDBInstance } from '@duckdb/node-api';
import { duckdbConfig } from './duckdb-lake';

/** The settings DuckDB actually runs with when opened with the lake's configuration. */
async function settingsOf(config: Record<string, string>): Promise<Record<string, string>> {
  const instance = await DuckDBInstance.create(':memory:', config);
  const conn = await instance.connect();
  try {
    const rows = (await conn.runAndReadAll("SELECT name, value FROM duckdb_settings() WHERE name IN ('max_vacuum_tasks', 'checkpoint_threshold', 'memory_limit', 'threads')")).getRows();
    return Object.fromEntries(rows.map((r) => [String(r[0]), String(r[1])]));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

describe('DuckDB configuration of the lake', () => {
  it('turns vacuum off and checkpoints at 64 MB of WAL (see duckdb-lake.ts for the measurements)', async () => {
    const s = await settingsOf(duckdbConfig({ path: ':memory:' }));
    expect(s['max_vacuum_tasks']).toBe('0');
    expect(s['checkpoint_threshold']).toBe('61.0 MiB') // DuckDB's MB is 10^6 bytes;
    expect(s['memory_limit']).toBe('244.1 MiB');
  });

  it('lets options and extra DuckDB settings override the defaults', async () => {
    const s = await settingsOf(duckdbConfig({ path: ':memory:', memoryLimit: '512MB', threads: 1, duckdbConfig: { checkpoint_threshold: '1GB' } }));
    expect(s['checkpoint_threshold']).toBe('953.6 MiB');
    expect(s['memory_limit']).toBe('488.2 MiB');
    expect(s['threads']).toBe('1');
  });
});
