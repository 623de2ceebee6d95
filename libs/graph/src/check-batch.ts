import { MAX_ENTITY_VALUE_CHARS } from '@soc/contracts';
import { ErrorCodes, SocError, validation } from '@soc/errors';
import type { EdgeUpsert, EntityRef, EntityUpsert, GraphBatch, GraphWatermark, NeighbourhoodOptions } from './entity-graph';
import { DEFAULT_NEIGHBOURHOOD_LIMITS, MAX_BATCH_ITEMS, MAX_DEPTH, MAX_EVIDENCE_REFS, MAX_EVIDENCE_REF_CHARS, MAX_STREAM_CHARS, NEIGHBOURHOOD_BOUNDS } from './limits';
import { isEntityType, isRelationshipType, relationshipAllows } from './vocabulary';

/** Tenant ids as the state database accepts them (its TENANT_ID_PATTERN): every adapter refuses the same ids. */
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** True when `tenantId` is a well-formed tenant id. */
export function isWellFormedTenant(tenantId: unknown): tenantId is string {
  return typeof tenantId === 'string' && TENANT_ID.test(tenantId);
}

/** SOC_ERR_TENANT_NOT_BOUND unless `tenantId` is a well-formed tenant id. */
export function checkTenant(tenantId: string): void {
  if (!isWellFormedTenant(tenantId)) {
    throw new SocError(ErrorCodes.TENANT_NOT_BOUND, 'a well-formed tenant id is required for tenant-scoped access', { httpStatus: 403 });
  }
}

/** Map key of an entity: kind and value, NUL-separated (a value cannot forge another kind). */
export function refKey(r: EntityRef): string {
  return `${r.type}\u0000${r.value}`;
}

/** Map key of an edge. */
export function edgeKey(e: Pick<EdgeUpsert, 'from' | 'rel' | 'to'>): string {
  return `${refKey(e.from)}\u0000${e.rel}\u0000${refKey(e.to)}`;
}

/** SOC_ERR_VALIDATION unless `r` is a known kind with a value of 1..512 characters. */
export function checkRef(r: EntityRef, field = 'entity'): void {
  if (!isEntityType(r.type)) throw validation(`unknown entity type`, { field: `${field}.type` });
  if (typeof r.value !== 'string' || r.value.length === 0 || r.value.length > MAX_ENTITY_VALUE_CHARS) {
    throw validation(`entity value must be 1..${MAX_ENTITY_VALUE_CHARS} characters`, { field: `${field}.value` });
  }
}

function checkSightings(s: Pick<EntityUpsert, 'firstSeen' | 'lastSeen' | 'count' | 'evidence'>, field: string): void {
  if (!Number.isSafeInteger(s.firstSeen) || !Number.isSafeInteger(s.lastSeen) || s.firstSeen > s.lastSeen) {
    throw validation('firstSeen and lastSeen must be epoch ms with firstSeen <= lastSeen', { field });
  }
  if (!Number.isSafeInteger(s.count) || s.count < 1) throw validation('count must be a positive integer', { field });
  if (!Array.isArray(s.evidence) || s.evidence.length > MAX_EVIDENCE_REFS) throw validation(`at most ${MAX_EVIDENCE_REFS} evidence refs`, { field });
  for (const ref of s.evidence) {
    // Refs are stored newline-joined by the state-database adapter: a newline would split one.
    if (typeof ref !== 'string' || ref.length === 0 || ref.length > MAX_EVIDENCE_REF_CHARS || ref.includes('\n')) {
      throw validation(`evidence refs must be 1..${MAX_EVIDENCE_REF_CHARS} characters without newlines`, { field });
    }
  }
}

/**
 * SOC_ERR_VALIDATION unless the batch is writable as is: known kinds, bounded values and
 * evidence, each key once, every edge allowed by the vocabulary and with both endpoints among
 * the batch's entities. Adapters call it before writing, so both refuse the same batches.
 */
export function checkBatch(batch: GraphBatch): void {
  if (batch.entities.length > MAX_BATCH_ITEMS || batch.edges.length > MAX_BATCH_ITEMS) {
    throw validation(`a batch holds at most ${MAX_BATCH_ITEMS} entities and ${MAX_BATCH_ITEMS} edges`, { field: 'batch' });
  }
  const keys = new Set<string>();
  for (const e of batch.entities) {
    checkRef(e);
    checkSightings(e, 'entities');
    const k = refKey(e);
    if (keys.has(k)) throw validation('an entity appears twice in one batch', { field: 'entities' });
    keys.add(k);
  }
  const edges = new Set<string>();
  for (const e of batch.edges) {
    checkRef(e.from, 'edge.from');
    checkRef(e.to, 'edge.to');
    if (!isRelationshipType(e.rel)) throw validation('unknown relationship type', { field: 'edge.rel' });
    if (!relationshipAllows(e.rel, e.from.type, e.to.type)) throw validation(`${e.rel} does not join ${e.from.type} to ${e.to.type}`, { field: 'edge.rel' });
    checkSightings(e, 'edges');
    if (!keys.has(refKey(e.from)) || !keys.has(refKey(e.to))) throw validation('an edge endpoint is not among the batch entities', { field: 'edges' });
    const k = edgeKey(e);
    if (edges.has(k)) throw validation('an edge appears twice in one batch', { field: 'edges' });
    edges.add(k);
  }
}

/** SOC_ERR_VALIDATION unless the watermark names a stream and non-negative integer positions. */
export function checkWatermark(w: GraphWatermark): void {
  checkStream(w.stream);
  const ok = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!ok(w.next) || (w.expected !== null && !ok(w.expected))) throw validation('watermark positions must be non-negative integers', { field: 'watermark' });
  if (w.expected !== null && w.expected >= w.next) throw validation('watermark next must be past expected', { field: 'watermark' });
}

/** SOC_ERR_VALIDATION unless `stream` is a name of 1..200 characters. */
export function checkStream(stream: string): void {
  if (typeof stream !== 'string' || stream.length === 0 || stream.length > MAX_STREAM_CHARS) {
    throw validation(`watermark stream must be 1..${MAX_STREAM_CHARS} characters`, { field: 'stream' });
  }
}

/** Caps of a walk with defaults applied; SOC_ERR_VALIDATION when one is out of range. */
export interface ResolvedNeighbourhoodOptions {
  readonly depth: number;
  readonly maxEdgesPerNode: number;
  readonly maxNodesPerHop: number;
}

export function resolveNeighbourhoodOptions(o: NeighbourhoodOptions = {}): ResolvedNeighbourhoodOptions {
  const depth = o.depth ?? DEFAULT_NEIGHBOURHOOD_LIMITS.depth;
  const maxEdgesPerNode = o.maxEdgesPerNode ?? DEFAULT_NEIGHBOURHOOD_LIMITS.maxEdgesPerNode;
  const maxNodesPerHop = o.maxNodesPerHop ?? DEFAULT_NEIGHBOURHOOD_LIMITS.maxNodesPerHop;
  const inRange = (n: number, max: number): boolean => Number.isInteger(n) && n >= 1 && n <= max;
  if (!inRange(depth, MAX_DEPTH)) throw validation(`depth must be an integer in 1..${MAX_DEPTH}`, { field: 'depth' });
  if (!inRange(maxEdgesPerNode, NEIGHBOURHOOD_BOUNDS.maxEdgesPerNode)) throw validation(`maxEdgesPerNode must be in 1..${NEIGHBOURHOOD_BOUNDS.maxEdgesPerNode}`, { field: 'maxEdgesPerNode' });
  if (!inRange(maxNodesPerHop, NEIGHBOURHOOD_BOUNDS.maxNodesPerHop)) throw validation(`maxNodesPerHop must be in 1..${NEIGHBOURHOOD_BOUNDS.maxNodesPerHop}`, { field: 'maxNodesPerHop' });
  return { depth, maxEdgesPerNode, maxNodesPerHop };
}
