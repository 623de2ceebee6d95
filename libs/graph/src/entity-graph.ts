import type { EntityType, RelationshipType } from './vocabulary';

/** An entity's identity: kind and canonical value (`canonicalEntityValue` of @soc/contracts). */
export interface EntityRef {
  readonly type: EntityType;
  readonly value: string;
}

/**
 * Where a node or edge was seen: `event:<envelope id>` or `alert:<alert id>`. Each kept list
 * holds the most recently recorded refs, at most `MAX_EVIDENCE_REFS`.
 */
export type EvidenceRef = string;

/** What one write adds to an entity: its sightings in the batch. */
export interface EntityUpsert extends EntityRef {
  /** Event time of the earliest and latest sighting, epoch ms. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Sightings (events and alerts that named it) in the batch. */
  readonly count: number;
  /** Newest first. */
  readonly evidence: readonly EvidenceRef[];
}

/** What one write adds to a relationship. */
export interface EdgeUpsert {
  readonly from: EntityRef;
  readonly rel: RelationshipType;
  readonly to: EntityRef;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly count: number;
  readonly evidence: readonly EvidenceRef[];
}

/**
 * One write: entities and relationships, each key at most once (a batch is aggregated before
 * it is written, see `GraphBatchBuilder`). Every edge endpoint must be among `entities`.
 */
export interface GraphBatch {
  readonly entities: readonly EntityUpsert[];
  readonly edges: readonly EdgeUpsert[];
}

/** A stored entity: its sightings summed over every write. */
export interface GraphEntity extends EntityRef {
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly count: number;
  readonly evidence: readonly EvidenceRef[];
}

/** A stored relationship: the fields of a write, summed over every write. */
export type GraphEdge = EdgeUpsert;

/**
 * Exactly-once bookkeeping of a consumer: `stream` names what it reads (e.g. a topic
 * partition), `next` the position this write brings the tenant to, `expected` the position it
 * read before building the write (null for none yet).
 */
export interface GraphWatermark {
  readonly stream: string;
  readonly expected: number | null;
  readonly next: number;
}

/** Options of `upsert`. */
export interface UpsertOptions {
  readonly watermark?: GraphWatermark;
}

/** What `upsert` did. */
export interface UpsertReport {
  /** False when the watermark showed the write was already applied (nothing was written). */
  readonly applied: boolean;
  readonly entities: number;
  readonly edges: number;
}

/** Caps of a neighbourhood walk; defaults in `DEFAULT_NEIGHBOURHOOD_LIMITS`. */
export interface NeighbourhoodOptions {
  /** Hops from the entity, 1..3. */
  readonly depth?: number;
  /** Edges followed from one node on one hop, most recently seen first. */
  readonly maxEdgesPerNode?: number;
  /** New nodes admitted on one hop. */
  readonly maxNodesPerHop?: number;
}

/** Why a walk left something out. */
export interface Truncation {
  readonly hop: number;
  /** `edges_per_node`: `entity` had more edges than `maxEdgesPerNode`; `nodes_per_hop`: the hop found more new nodes than `maxNodesPerHop`. */
  readonly reason: 'edges_per_node' | 'nodes_per_hop';
  readonly entity?: EntityRef;
}

/** A node of a neighbourhood with its distance from the centre. */
export interface NeighbourNode extends GraphEntity {
  readonly hop: number;
}

/**
 * The entity's neighbourhood: nodes (the centre at hop 0) and the relationships among them
 * that the walk followed. `truncated` is true whenever a cap left nodes or edges out;
 * `truncation` says where (at most `MAX_TRUNCATION_NOTES` entries).
 */
export interface Neighbourhood {
  readonly depth: number;
  readonly nodes: readonly NeighbourNode[];
  readonly edges: readonly GraphEdge[];
  readonly truncated: boolean;
  readonly truncation: readonly Truncation[];
}

/**
 * Port: the entity graph of each tenant. Every call is scoped to one tenant; no call sees
 * another tenant's nodes or edges. Writes are upserts: counts add up, first/last seen widen,
 * evidence keeps the newest refs. Adapters: tables in the state database (`@soc/db`) and
 * Neo4j (`@soc/graph-neo4j`); both pass `describeEntityGraphContract`.
 *
 * Errors: SOC_ERR_VALIDATION for a malformed batch or option, SOC_ERR_GRAPH_WATERMARK_CONFLICT
 * (retryable) when another writer moved the watermark.
 */
export interface EntityGraph {
  /**
   * Adds a batch. With a watermark the write is exactly-once: if the stored position is at or
   * past `next` nothing is written (`applied: false`); if it differs from `expected` the write
   * is refused with SOC_ERR_GRAPH_WATERMARK_CONFLICT; otherwise the batch and the new position
   * are stored in one transaction.
   */
  upsert(tenantId: string, batch: GraphBatch, options?: UpsertOptions): Promise<UpsertReport>;
  /** The stored position of `stream`, or null. */
  watermark(tenantId: string, stream: string): Promise<number | null>;
  getEntity(tenantId: string, ref: EntityRef): Promise<GraphEntity | null>;
  /** The neighbourhood of a stored entity, or null when the entity is unknown. */
  neighbourhood(tenantId: string, ref: EntityRef, options?: NeighbourhoodOptions): Promise<Neighbourhood | null>;
}
