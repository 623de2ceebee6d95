import type { AlertEntity } from '@soc/contracts';
import type { EntityRef } from './types';

/**
 * Map key of an entity: kind, U+001F (unit separator), value. Kinds never hold the separator,
 * so the first one ends the kind and a value cannot forge another kind. Not NUL: the keys are
 * saved in fusion's state, and Postgres jsonb refuses U+0000.
 */
export function entityKey(e: EntityRef): string {
  return `${e.type}\u001f${e.value}`;
}

/**
 * The alert's distinct entities, sorted by key, so that the same set in any order (or with the
 * same value read from two OCSF paths) is one set.
 */
export function distinctEntities(entities: readonly AlertEntity[]): EntityRef[] {
  const byKey = new Map<string, EntityRef>();
  for (const e of entities) {
    const ref: EntityRef = { type: e.type, value: e.value };
    byKey.set(entityKey(ref), ref);
  }
  return [...byKey.keys()].sort().map((k) => byKey.get(k) as EntityRef);
}
