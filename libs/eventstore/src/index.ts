export type { EventStore, StoredEvent, Checkpoint } from './event-store';
