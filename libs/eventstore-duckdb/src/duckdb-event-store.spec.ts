import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '@soc/eventstore';
import { DuckDbEventStore } from './duckdb-event-store';

const dir = mkdtempSync(join(tmpdir(), 'soc-duckdb-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreContract('duckdb (file, worker thread)', () => DuckDbEventStore.open({ path: join(dir, 'lake.duckdb'), threads: 2 }));
describeEventStoreContract('duckdb (file, calling thread)', () => DuckDbEventStore.open({ path: join(dir, 'lake-inline.duckdb'), offThread: false }));
describeEventStoreContract('duckdb (file without WAL, worker thread)', () => DuckDbEventStore.open({ path: join(dir, 'lake-nowal.duckdb'), durability: 'checkpoint' }));
describeEventStoreContract('duckdb (:memory:, calling thread)', () => DuckDbEventStore.open({ path: ':memory:', offThread: false }));
