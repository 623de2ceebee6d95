export { EmbeddedBus, type EmbeddedBusOptions } from './embedded-bus';
export type { RetentionPolicy, RetentionResult } from './retention';
export { partitionFor } from './partitioner';
