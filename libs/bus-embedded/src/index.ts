export { EmbeddedBus, type EmbeddedBusOptions } from './embedded-bus';
export type { RetentionPolicy, RetentionResult } from './retention';
export type { BusLogger } from './logger';
export { partitionFor } from './partitioner';
