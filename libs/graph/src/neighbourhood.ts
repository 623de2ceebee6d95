import { type ResolvedNeighbourhoodOptions, edgeKey, refKey } from './check-batch';
import type { EntityRef, GraphEdge, GraphEntity, Neighbourhood, NeighbourNode, Truncation } from './entity-graph';
import { MAX_TRUNCATION_NOTES } from './limits';

/**
 * What the walk needs from an adapter, both within one tenant (and ideally one read
 * transaction, so the walk sees one state).
 */
export interface NeighbourhoodReader {
  /** The stored entities among `refs`, any order; unknown refs are left out. */
  entities(refs: readonly EntityRef[]): Promise<GraphEntity[]>;
  /**
   * Edges touching each of `refs`, both directions: for every ref and direction, the first
   * `limit` edges in `compareEdges` order (all of them when there are fewer). Extra edges are
   * harmless; the walk sorts and cuts again.
   */
  edgesAround(refs: readonly EntityRef[], limit: number): Promise<GraphEdge[]>;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order edges are followed in: most recently seen first, then by relationship and
 * endpoints in code-point order, so every adapter picks the same edges under a cap.
 */
export function compareEdges(a: GraphEdge, b: GraphEdge): number {
  return (
    b.lastSeen - a.lastSeen ||
    cmp(a.rel, b.rel) ||
    cmp(a.from.type, b.from.type) ||
    cmp(a.from.value, b.from.value) ||
    cmp(a.to.type, b.to.type) ||
    cmp(a.to.value, b.to.value)
  );
}

/** Per frontier node, its distinct edges among `fetched`, in `compareEdges` order. */
function edgesByNode(frontier: readonly EntityRef[], fetched: readonly GraphEdge[]): Map<string, GraphEdge[]> {
  const out = new Map<string, Map<string, GraphEdge>>(frontier.map((r) => [refKey(r), new Map()]));
  for (const e of fetched) {
    const k = edgeKey(e);
    out.get(refKey(e.from))?.set(k, e);
    out.get(refKey(e.to))?.set(k, e);
  }
  return new Map([...out].map(([node, edges]) => [node, [...edges.values()].sort(compareEdges)]));
}

/**
 * Breadth-first walk from `centre`, hop by hop, with a cap on the edges followed from each
 * node and on the new nodes admitted per hop, so a hub (a domain controller, a DNS server)
 * costs at most `maxEdgesPerNode` rows however many edges it has. Shared by every adapter:
 * the caps mean the same everywhere. Not a variable-length match: that expands every path
 * before a limit applies.
 */
export async function walkNeighbourhood(reader: NeighbourhoodReader, centre: GraphEntity, opts: ResolvedNeighbourhoodOptions): Promise<Neighbourhood> {
  const nodes: NeighbourNode[] = [{ ...centre, hop: 0 }];
  const visited = new Set([refKey(centre)]);
  const edges = new Map<string, GraphEdge>();
  const notes: Truncation[] = [];
  let truncated = false;
  const note = (t: Truncation): void => {
    truncated = true;
    if (notes.length < MAX_TRUNCATION_NOTES) notes.push(t);
  };
  let frontier: EntityRef[] = [{ type: centre.type, value: centre.value }];
  for (let hop = 1; hop <= opts.depth && frontier.length > 0; hop++) {
    const byNode = edgesByNode(frontier, await reader.edgesAround(frontier, opts.maxEdgesPerNode + 1));
    const admitted = new Map<string, EntityRef>();
    const pending = new Map<string, GraphEdge[]>();
    let hopFull = false;
    for (const f of frontier) {
      const fKey = refKey(f);
      let list = byNode.get(fKey) ?? [];
      if (list.length > opts.maxEdgesPerNode) {
        note({ hop, reason: 'edges_per_node', entity: f });
        list = list.slice(0, opts.maxEdgesPerNode);
      }
      for (const e of list) {
        const other = refKey(e.from) === fKey ? e.to : e.from;
        const oKey = refKey(other);
        if (visited.has(oKey)) {
          edges.set(edgeKey(e), e);
          continue;
        }
        if (!admitted.has(oKey)) {
          if (admitted.size >= opts.maxNodesPerHop) {
            if (!hopFull) note({ hop, reason: 'nodes_per_hop' });
            hopFull = true;
            continue;
          }
          admitted.set(oKey, other);
        }
        pending.set(oKey, [...(pending.get(oKey) ?? []), e]);
      }
    }
    const found = new Map((await reader.entities([...admitted.values()])).map((n) => [refKey(n), n]));
    frontier = [];
    for (const [k, ref] of admitted) {
      const n = found.get(k);
      // An edge whose endpoint has no node is a broken write; leave both out rather than invent a node.
      if (!n) continue;
      nodes.push({ ...n, hop });
      visited.add(k);
      frontier.push(ref);
      for (const e of pending.get(k) ?? []) edges.set(edgeKey(e), e);
    }
  }
  return { depth: opts.depth, nodes, edges: [...edges.values()], truncated, truncation: notes };
}
