// The entity graph: its port, vocabulary, extraction from events and alerts, and the contract every adapter passes.
export {
  ENTITY_TYPES,
  RELATIONSHIPS,
  RELATIONSHIP_TYPES,
  isEntityType,
  isRelationshipType,
  relationshipAllows,
  type EntityType,
  type RelationshipType,
  type RelationshipSpec,
} from './vocabulary';
export type {
  EntityGraph,
  EntityRef,
  EvidenceRef,
  EntityUpsert,
  EdgeUpsert,
  GraphBatch,
  GraphEntity,
  GraphEdge,
  GraphWatermark,
  UpsertOptions,
  UpsertReport,
  NeighbourhoodOptions,
  Neighbourhood,
  NeighbourNode,
  Truncation,
} from './entity-graph';
export {
  MAX_EVIDENCE_REFS,
  MAX_EVIDENCE_REF_CHARS,
  MAX_BATCH_ITEMS,
  MAX_STREAM_CHARS,
  MAX_DEPTH,
  DEFAULT_NEIGHBOURHOOD_LIMITS,
  NEIGHBOURHOOD_BOUNDS,
  MAX_TRUNCATION_NOTES,
} from './limits';
export { SOC_ERR_GRAPH_WATERMARK_CONFLICT, watermarkConflict } from './graph-errors';
export {
  checkBatch,
  checkTenant,
  isWellFormedTenant,
  checkRef,
  checkStream,
  checkWatermark,
  edgeKey,
  refKey,
  resolveNeighbourhoodOptions,
  type ResolvedNeighbourhoodOptions,
} from './check-batch';
export { walkNeighbourhood, compareEdges, type NeighbourhoodReader } from './neighbourhood';
export type { Observation, ObservedEdge } from './observation';
export { GraphBatchBuilder } from './batch-builder';
export { eventObservation } from './extract/event-observation';
export { alertObservation } from './extract/alert-observation';
export { describeEntityGraphContract, type EntityGraphHarness } from './testing/graph-contract';
