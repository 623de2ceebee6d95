import type { Database } from '@soc/db';

/** Keys of the services' state documents in system_state. */
export const STATE_KEYS = {
  /** Detection's offsets and every tenant's correlation state. */
  detection: 'detection.state',
  /** Fusion's alert offsets and every tenant's open cases. */
  fusion: 'fusion.state',
} as const;

/**
 * One JSON document in the state database's system_state, as a service's state store. What it
 * loads is unchecked JSON: each service checks the shape before it trusts it.
 */
export function stateDocument(db: Database, key: (typeof STATE_KEYS)[keyof typeof STATE_KEYS]): { load(): Promise<unknown>; save(value: unknown): Promise<void> } {
  return {
    async load() {
      return (await db.system.getState(key))?.value;
    },
    async save(value) {
      await db.system.setState(key, value);
    },
  };
}
