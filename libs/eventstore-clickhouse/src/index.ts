export { ClickHouseEventStore, type ClickHouseEventStoreConfig } from './clickhouse-event-store';
