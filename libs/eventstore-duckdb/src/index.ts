export { DuckDbEventStore } from './duckdb-event-store';
export { DEFAULT_DUCKDB_MEMORY_LIMIT, type DuckDbEventStoreOptions } from './duckdb-options';
export { SOC_ERR_EVENTSTORE_LAYOUT } from './duckdb-layout';
