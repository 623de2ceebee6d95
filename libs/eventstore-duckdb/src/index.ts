export { DuckDbEventStore, DEFAULT_DUCKDB_MEMORY_LIMIT, type DuckDbEventStoreOptions } from './duckdb-event-store';
export { SOC_ERR_EVENTSTORE_LAYOUT } from './duckdb-layout';
