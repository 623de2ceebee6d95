import { bigint, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { tenantIdColumn, timestampMs } from './columns';

/** Entities of the entity graph with their summed sightings (migration 0009). */
export const graphEntities = pgTable(
  'graph_entities',
  {
    tenantId: tenantIdColumn(),
    type: text('type').notNull(),
    value: text('value').notNull(),
    firstSeen: timestampMs('first_seen').notNull(),
    lastSeen: timestampMs('last_seen').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
    evidence: text('evidence').array().notNull(),
    updatedAt: timestampMs('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.type, t.value] })],
);

/** Relationships between graph entities, one row per (from, rel, to). */
export const graphEdges = pgTable(
  'graph_edges',
  {
    tenantId: tenantIdColumn(),
    srcType: text('src_type').notNull(),
    srcValue: text('src_value').notNull(),
    rel: text('rel').notNull(),
    dstType: text('dst_type').notNull(),
    dstValue: text('dst_value').notNull(),
    firstSeen: timestampMs('first_seen').notNull(),
    lastSeen: timestampMs('last_seen').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
    evidence: text('evidence').array().notNull(),
    updatedAt: timestampMs('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.srcType, t.srcValue, t.rel, t.dstType, t.dstValue] })],
);

/** Per tenant and stream (a topic partition), the position the graph service applied up to. */
export const graphWatermarks = pgTable(
  'graph_watermarks',
  {
    tenantId: tenantIdColumn(),
    stream: text('stream').notNull(),
    position: bigint('position', { mode: 'number' }).notNull(),
    updatedAt: timestampMs('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.stream] })],
);
