import type { AlertEntity } from '@soc/contracts';
import type { EntityRef } from './types';

/** Map key of an entity: kind and value, NUL-separated (a value cannot forge another kind). */
export function entityKey(e: EntityRef): string {
  return `${e.type}\u0000${e.value}`;
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
