import { MAX_EVIDENCE_REFS, type RelationshipType } from '@soc/graph';

/**
 * The Cypher of the Neo4j adapter. Every node and relationship carries a `tenant` property and
 * every statement matches on it: one database holds every tenant, and nothing outside these
 * statements touches it. Node identity is (tenant, type, value), unique by constraint, so
 * MERGE is an index seek.
 */

export const SCHEMA_STATEMENTS = [
  'CREATE CONSTRAINT soc_graph_entity_key IF NOT EXISTS FOR (n:SocEntity) REQUIRE (n.tenant, n.type, n.value) IS UNIQUE',
  'CREATE CONSTRAINT soc_graph_watermark_key IF NOT EXISTS FOR (w:SocGraphWatermark) REQUIRE (w.tenant, w.stream) IS UNIQUE',
] as const;

/** New refs first, then the kept ones, each once, at most MAX_EVIDENCE_REFS (the state database's soc_graph_merge_evidence). */
const mergeEvidence = (target: string): string =>
  `reduce(acc = [], ref IN row.evidence + coalesce(${target}.evidence, []) | CASE WHEN ref IN acc OR size(acc) >= ${MAX_EVIDENCE_REFS} THEN acc ELSE acc + ref END)`;

/** Counts add, first/last seen widen, evidence merges: the same arithmetic as the state-database adapter. */
const accumulate = (target: string, onCreate = ''): string => `
  ON CREATE SET ${onCreate}${target}.tenant = $tenant, ${target}.firstSeen = row.firstSeen, ${target}.lastSeen = row.lastSeen, ${target}.count = row.count,
                ${target}.evidence = row.evidence, ${target}.updatedAt = $now
  ON MATCH SET ${target}.firstSeen = CASE WHEN row.firstSeen < ${target}.firstSeen THEN row.firstSeen ELSE ${target}.firstSeen END,
               ${target}.lastSeen = CASE WHEN row.lastSeen > ${target}.lastSeen THEN row.lastSeen ELSE ${target}.lastSeen END,
               ${target}.count = ${target}.count + row.count,
               ${target}.evidence = ${mergeEvidence(target)},
               ${target}.updatedAt = $now`;

export const UPSERT_ENTITIES = `
  UNWIND $rows AS row
  MERGE (n:SocEntity {tenant: $tenant, type: row.type, value: row.value})
  ${accumulate('n')}`;

/**
 * Relationship types cannot be parameters. `rel` comes from the fixed vocabulary (checked by
 * `checkBatch` before any statement is built), so it is safe to place in the text.
 */
export function upsertEdgesStatement(rel: RelationshipType): string {
  return `
  UNWIND $rows AS row
  MATCH (a:SocEntity {tenant: $tenant, type: row.fromType, value: row.fromValue})
  MATCH (b:SocEntity {tenant: $tenant, type: row.toType, value: row.toValue})
  MERGE (a)-[r:${rel.toUpperCase()}]->(b)
  ${accumulate('r', `r.rel = '${rel}', `)}`;
}

/** Creates the tenant's watermark node if needed and write-locks it (the SET) before reading the position. */
export const LOCK_WATERMARK = `
  MERGE (w:SocGraphWatermark {tenant: $tenant, stream: $stream})
  SET w.lockedAt = $now
  RETURN w.position AS position`;

export const SET_WATERMARK = `
  MATCH (w:SocGraphWatermark {tenant: $tenant, stream: $stream})
  SET w.position = $next, w.updatedAt = $now`;

export const READ_WATERMARK = `
  MATCH (w:SocGraphWatermark {tenant: $tenant, stream: $stream})
  RETURN w.position AS position`;

export const READ_ENTITIES = `
  UNWIND $refs AS ref
  MATCH (n:SocEntity {tenant: $tenant, type: ref.type, value: ref.value})
  RETURN n.type AS nodeType, n.value AS nodeValue, n.firstSeen AS firstSeen, n.lastSeen AS lastSeen, n.count AS seenCount, n.evidence AS evidence`;

/**
 * Up to $limit edges per node and direction in the walk's order (most recently seen, then
 * relationship and far endpoint). Neo4j has no per-node index on relationship properties, so
 * a hub's relationships are scanned, but only $limit of them per direction leave the server.
 */
export const READ_EDGES_AROUND = `
  UNWIND $refs AS ref
  MATCH (n:SocEntity {tenant: $tenant, type: ref.type, value: ref.value})
  CALL {
    WITH n
    MATCH (n)-[r]->(m:SocEntity)
    WHERE r.tenant = $tenant AND m.tenant = $tenant
    RETURN n AS a, r, m AS b
    ORDER BY r.lastSeen DESC, r.rel, b.type, b.value
    LIMIT $limit
    UNION ALL
    WITH n
    MATCH (m:SocEntity)-[r]->(n)
    WHERE r.tenant = $tenant AND m.tenant = $tenant
    RETURN m AS a, r, n AS b
    ORDER BY r.lastSeen DESC, r.rel, a.type, a.value
    LIMIT $limit
  }
  RETURN a.type AS fromType, a.value AS fromValue, r.rel AS rel, b.type AS toType, b.value AS toValue,
         r.firstSeen AS firstSeen, r.lastSeen AS lastSeen, r.count AS seenCount, r.evidence AS evidence`;

/** Removes one tenant's graph (test teardown; not used at runtime). */
export const DELETE_TENANT = `
  MATCH (n {tenant: $tenant}) WHERE n:SocEntity OR n:SocGraphWatermark
  DETACH DELETE n`;
