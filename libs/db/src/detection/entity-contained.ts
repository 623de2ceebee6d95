import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { validation } from '@soc/errors';
import type { EntityKey } from './alert-repository';

/**
 * `column @> '[{"type":…,"value":…}]'`: the entity list (alerts', cases') names this entity.
 * Containment ignores the other keys of each element (an alert entity's `path`), and the GIN
 * jsonb_path_ops indexes of migration 0009 serve exactly this operator.
 */
export function entityContained(column: AnyPgColumn, entity: EntityKey): SQL {
  if (typeof entity.type !== 'string' || entity.type.length === 0 || entity.type.length > 64) throw validation('entity type must be 1..64 characters', { field: 'type' });
  if (typeof entity.value !== 'string' || entity.value.length === 0 || entity.value.length > 512) throw validation('entity value must be 1..512 characters', { field: 'value' });
  return sql`${column} @> ${JSON.stringify([{ type: entity.type, value: entity.value }])}::jsonb`;
}
