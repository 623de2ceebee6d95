import type { AlertPayload } from '@soc/contracts';
import { refKey } from '../check-batch';
import type { EntityRef } from '../entity-graph';
import type { Observation, ObservedEdge } from '../observation';
import { isEntityType } from '../vocabulary';
import { entity } from './fields';

/** Entities of one alert joined pairwise: 8 make 28 edges, so a broad alert cannot flood the graph. */
const MAX_LINKED = 8;

/**
 * What an alert adds to the graph: a node for each entity it names (so every alert entity can
 * be looked up) and an `alerted_with` edge between each pair of its first entities, stored
 * once per pair in key order. Suppressed alerts add nothing: an exception said they are noise,
 * and fusion ignores them for the same reason.
 */
export function alertObservation(alert: Pick<AlertPayload, 'entities' | 'lastSeen' | 'suppressedBy'>, alertId: string): Observation | undefined {
  if (alert.suppressedBy !== undefined) return undefined;
  const byKey = new Map<string, EntityRef>();
  for (const e of alert.entities) {
    if (!isEntityType(e.type)) continue;
    const ref = entity(e.type, e.value);
    if (ref && ref.value !== '') byKey.set(refKey(ref), ref);
  }
  if (byKey.size === 0) return undefined;
  const entities = [...byKey.values()];
  const linked = [...byKey.keys()].slice(0, MAX_LINKED).sort();
  const edges: ObservedEdge[] = [];
  for (let i = 0; i < linked.length; i++) {
    for (let j = i + 1; j < linked.length; j++) {
      edges.push({ from: byKey.get(linked[i] as string) as EntityRef, rel: 'alerted_with', to: byKey.get(linked[j] as string) as EntityRef });
    }
  }
  return { time: alert.lastSeen, evidence: `alert:${alertId}`, entities, edges };
}
