import { edgeKey, refKey } from './check-batch';
import type { EdgeUpsert, EntityRef, EntityUpsert, EvidenceRef, GraphBatch } from './entity-graph';
import { MAX_EVIDENCE_REFS } from './limits';
import type { Observation, ObservedEdge } from './observation';

/** Sightings of one key so far; evidence newest first, at most MAX_EVIDENCE_REFS. */
interface Tally {
  firstSeen: number;
  lastSeen: number;
  count: number;
  refs: { ref: EvidenceRef; time: number }[];
}

function tally(time: number, ref: EvidenceRef): Tally {
  return { firstSeen: time, lastSeen: time, count: 1, refs: [{ ref, time }] };
}

function add(t: Tally, time: number, ref: EvidenceRef): void {
  t.count++;
  if (time < t.firstSeen) t.firstSeen = time;
  if (time > t.lastSeen) t.lastSeen = time;
  const refs = t.refs;
  if (refs.length >= MAX_EVIDENCE_REFS && time <= (refs[refs.length - 1] as { time: number }).time) return;
  if (refs.some((r) => r.ref === ref)) return;
  let i = 0;
  while (i < refs.length && (refs[i] as { time: number }).time >= time) i++;
  refs.splice(i, 0, { ref, time });
  if (refs.length > MAX_EVIDENCE_REFS) refs.pop();
}

/**
 * Folds observations into one write: each entity and each edge once, with summed counts,
 * widened first/last seen and the newest evidence. A batch of thousands of events that keep
 * naming the same users, hosts and processes becomes a few hundred upserts. An observation
 * counts once per entity and edge, however often it names them.
 */
export class GraphBatchBuilder {
  private readonly entities = new Map<string, { ref: EntityRef; t: Tally }>();
  private readonly edges = new Map<string, { edge: ObservedEdge; t: Tally }>();
  private observations = 0;

  /** Adds one event's or alert's observation; `undefined` (nothing to record) is ignored. */
  observe(o: Observation | undefined): void {
    if (!o) return;
    this.observations++;
    const seen = new Set<string>();
    const entity = (ref: EntityRef): void => {
      const k = refKey(ref);
      if (seen.has(k)) return;
      seen.add(k);
      const known = this.entities.get(k);
      if (known) add(known.t, o.time, o.evidence);
      else this.entities.set(k, { ref: { type: ref.type, value: ref.value }, t: tally(o.time, o.evidence) });
    };
    for (const r of o.entities) entity(r);
    for (const e of o.edges) {
      entity(e.from);
      entity(e.to);
      const k = edgeKey(e);
      if (seen.has(k)) continue;
      seen.add(k);
      const known = this.edges.get(k);
      if (known) add(known.t, o.time, o.evidence);
      else this.edges.set(k, { edge: e, t: tally(o.time, o.evidence) });
    }
  }

  /** Observations added so far (those that named anything). */
  get size(): number {
    return this.observations;
  }

  /** The aggregated write; the builder can keep observing afterwards. */
  build(): GraphBatch {
    const sightings = (t: Tally) => ({ firstSeen: t.firstSeen, lastSeen: t.lastSeen, count: t.count, evidence: t.refs.map((r) => r.ref) });
    const entities: EntityUpsert[] = [...this.entities.values()].map(({ ref, t }) => ({ type: ref.type, value: ref.value, ...sightings(t) }));
    const edges: EdgeUpsert[] = [...this.edges.values()].map(({ edge, t }) => ({ from: edge.from, rel: edge.rel, to: edge.to, ...sightings(t) }));
    return { entities, edges };
  }
}
