export { DuckDbEventStore, type DuckDbEventStoreOptions } from './duckdb-event-store';
