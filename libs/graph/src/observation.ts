import type { EntityRef, EvidenceRef } from './entity-graph';
import type { RelationshipType } from './vocabulary';

/** A relationship one event or alert shows. */
export interface ObservedEdge {
  readonly from: EntityRef;
  readonly rel: RelationshipType;
  readonly to: EntityRef;
}

/**
 * What one event or alert says about the graph: the entities it names and how they relate,
 * when (event time, epoch ms) and where to find it (`event:<id>` / `alert:<id>`). Edge
 * endpoints count as named entities whether or not `entities` lists them.
 */
export interface Observation {
  readonly time: number;
  readonly evidence: EvidenceRef;
  readonly entities: readonly EntityRef[];
  readonly edges: readonly ObservedEdge[];
}
