import { type Static, type TLiteral, type TUnion, Type } from '@sinclair/typebox';
import type { Alert, Case } from '@soc/db';
import { ENTITY_TYPES, type GraphEdge, type GraphEntity, MAX_DEPTH, type Neighbourhood, type NeighbourNode, RELATIONSHIP_TYPES } from '@soc/graph';

const literals = <T extends string>(values: readonly T[]): TUnion<TLiteral<T>[]> => Type.Union(values.map((v) => Type.Literal(v)));
const Time = Type.String({ format: 'date-time' });
const iso = (ms: number): string => new Date(ms).toISOString();

export const EntityParams = Type.Object(
  {
    type: literals(ENTITY_TYPES),
    id: Type.String({ minLength: 1, maxLength: 512, description: 'The entity value, percent-encoded (ARNs and URLs contain `/`). Compared in canonical form: lowercased, hosts by short name.' }),
  },
  { additionalProperties: false },
);
export type EntityParams = Static<typeof EntityParams>;

export const EntityQuery = Type.Object(
  { depth: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_DEPTH, default: MAX_DEPTH, description: 'Hops of the neighbourhood.' })) },
  { additionalProperties: false },
);
export type EntityQuery = Static<typeof EntityQuery>;

const Ref = Type.Object({ type: Type.String(), value: Type.String() });
const Sightings = {
  firstSeen: Time,
  lastSeen: Time,
  count: Type.Integer({ description: 'Events and alerts that named it.' }),
  evidence: Type.Array(Type.String(), { description: 'Newest `event:<id>` / `alert:<id>` refs, at most 8.' }),
};

export const EntityView = Type.Object({ type: Type.String(), value: Type.String(), ...Sightings });
export type EntityView = Static<typeof EntityView>;
export const NodeView = Type.Composite([EntityView, Type.Object({ hop: Type.Integer({ description: 'Distance from the entity (0 is the entity).' }) })]);
export const EdgeView = Type.Object({ from: Ref, rel: literals(RELATIONSHIP_TYPES), to: Ref, ...Sightings });
export const TruncationView = Type.Object({
  hop: Type.Integer(),
  reason: literals(['edges_per_node', 'nodes_per_hop'] as const),
  entity: Type.Optional(Ref),
});

export const NeighbourhoodView = Type.Object({
  depth: Type.Integer(),
  nodes: Type.Array(NodeView),
  edges: Type.Array(EdgeView),
  truncated: Type.Boolean({ description: 'True when a cap (edges per node, nodes per hop) left something out; `truncation` says where.' }),
  truncation: Type.Array(TruncationView),
});

export const EntityAlertView = Type.Object({ id: Type.String(), title: Type.String(), severity: Type.String(), status: Type.String(), time: Time, suppressed: Type.Boolean() });
export const EntityCaseView = Type.Object({ id: Type.String(), title: Type.String(), severity: Type.String(), status: Type.String(), time: Time });

export const EntityDetailView = Type.Object({
  entity: EntityView,
  neighbourhood: NeighbourhoodView,
  alerts: Type.Object({ items: Type.Array(EntityAlertView, { description: 'Newest first.' }), truncated: Type.Boolean() }),
  cases: Type.Object({ items: Type.Array(EntityCaseView, { description: 'Most recently seen first; cases a merge absorbed are left out.' }), truncated: Type.Boolean() }),
});
export type EntityDetailView = Static<typeof EntityDetailView>;

export function entityView(e: GraphEntity): EntityView {
  return { type: e.type, value: e.value, firstSeen: iso(e.firstSeen), lastSeen: iso(e.lastSeen), count: e.count, evidence: [...e.evidence] };
}

function edgeView(e: GraphEdge): Static<typeof EdgeView> {
  return { from: { ...e.from }, rel: e.rel, to: { ...e.to }, firstSeen: iso(e.firstSeen), lastSeen: iso(e.lastSeen), count: e.count, evidence: [...e.evidence] };
}

export function neighbourhoodView(n: Neighbourhood): Static<typeof NeighbourhoodView> {
  return {
    depth: n.depth,
    nodes: n.nodes.map((x: NeighbourNode) => ({ ...entityView(x), hop: x.hop })),
    edges: n.edges.map(edgeView),
    truncated: n.truncated,
    truncation: n.truncation.map((t) => ({ hop: t.hop, reason: t.reason, ...(t.entity ? { entity: { ...t.entity } } : {}) })),
  };
}

export function entityAlertView(a: Alert): Static<typeof EntityAlertView> {
  return { id: a.id, title: a.title, severity: a.level, status: a.status, time: a.time.toISOString(), suppressed: a.suppressedBy !== null };
}

export function entityCaseView(c: Case): Static<typeof EntityCaseView> {
  return { id: c.id, title: c.title, severity: c.severity, status: c.status, time: c.lastSeen.toISOString() };
}
