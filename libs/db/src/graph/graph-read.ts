import { sql } from 'drizzle-orm';
import type { EntityRef, EntityType, GraphEdge, GraphEntity, NeighbourhoodReader, RelationshipType } from '@soc/graph';
import type { TenantTx } from '../drivers/driver';
import { rowsOf } from '../scope-runner';

// Times come back as epoch ms and evidence as newline-joined text: both drivers return those
// types the same way (no date or array parsing differences between pg and PGlite).
const ENTITY_COLUMNS = sql`type, value, (extract(epoch FROM first_seen) * 1000)::bigint AS f, (extract(epoch FROM last_seen) * 1000)::bigint AS l, count AS c, array_to_string(evidence, E'\n') AS e`;
const EDGE_COLUMNS = sql`src_type, src_value, rel, dst_type, dst_value, (extract(epoch FROM first_seen) * 1000)::bigint AS f, (extract(epoch FROM last_seen) * 1000)::bigint AS l, count AS c, array_to_string(evidence, E'\n') AS e`;

interface Sightings {
  f: string | number;
  l: string | number;
  c: string | number;
  e: string | null;
}
interface EntityRow extends Sightings {
  type: string;
  value: string;
}
interface EdgeRow extends Sightings {
  src_type: string;
  src_value: string;
  rel: string;
  dst_type: string;
  dst_value: string;
}

const sightings = (r: Sightings) => ({ firstSeen: Number(r.f), lastSeen: Number(r.l), count: Number(r.c), evidence: r.e ? r.e.split('\n') : [] });

function toEntity(r: EntityRow): GraphEntity {
  return { type: r.type as EntityType, value: r.value, ...sightings(r) };
}

function toEdge(r: EdgeRow): GraphEdge {
  return {
    from: { type: r.src_type as EntityType, value: r.src_value },
    rel: r.rel as RelationshipType,
    to: { type: r.dst_type as EntityType, value: r.dst_value },
    ...sightings(r),
  };
}

const refsJson = (refs: readonly EntityRef[]): string => JSON.stringify(refs.map((r) => ({ t: r.type, v: r.value })));

/** The stored entities among `refs`. */
export async function readEntities(tx: TenantTx, tenantId: string, refs: readonly EntityRef[]): Promise<GraphEntity[]> {
  if (refs.length === 0) return [];
  const rows = rowsOf<EntityRow>(
    await tx.execute(sql`
      SELECT ${ENTITY_COLUMNS} FROM graph_entities
      WHERE tenant_id = ${tenantId} AND (type, value) IN (SELECT x.t, x.v FROM jsonb_to_recordset(${refsJson(refs)}::jsonb) AS x(t text, v text))`),
  );
  return rows.map(toEntity);
}

/**
 * Up to `limit` edges of each ref per direction, most recently seen first: one index range
 * per ref and direction (graph_edges_out_idx / graph_edges_in_idx), however large the hub.
 */
export async function readEdgesAround(tx: TenantTx, tenantId: string, refs: readonly EntityRef[], limit: number): Promise<GraphEdge[]> {
  if (refs.length === 0) return [];
  const rows = rowsOf<EdgeRow>(
    await tx.execute(sql`
      SELECT e.* FROM jsonb_to_recordset(${refsJson(refs)}::jsonb) AS n(t text, v text)
      CROSS JOIN LATERAL (
        (SELECT ${EDGE_COLUMNS} FROM graph_edges
         WHERE tenant_id = ${tenantId} AND src_type = n.t AND src_value = n.v
         ORDER BY last_seen DESC, rel COLLATE "C", dst_type COLLATE "C", dst_value COLLATE "C" LIMIT ${limit})
        UNION ALL
        (SELECT ${EDGE_COLUMNS} FROM graph_edges
         WHERE tenant_id = ${tenantId} AND dst_type = n.t AND dst_value = n.v
         ORDER BY last_seen DESC, rel COLLATE "C", src_type COLLATE "C", src_value COLLATE "C" LIMIT ${limit})
      ) e`),
  );
  return rows.map(toEdge);
}

/** The walk's reads, bound to one tenant transaction. */
export function readerOn(tx: TenantTx, tenantId: string): NeighbourhoodReader {
  return {
    entities: (refs) => readEntities(tx, tenantId, refs),
    edgesAround: (refs, limit) => readEdgesAround(tx, tenantId, refs, limit),
  };
}
