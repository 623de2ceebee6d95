import { chainOf, type LabelledEvent } from './scenario-events';

/** Picks events out of a mapped scenario. */
export type Selector = (events: readonly LabelledEvent[]) => LabelledEvent[];
/** A test on one event. */
export type Pred = (e: LabelledEvent) => boolean;

/** Value at a dotted path of the event (no arrays: selectors only look at scalar paths). */
export function at(e: LabelledEvent, path: string): unknown {
  let v: unknown = e.event;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Event matches every `path: value` pair (a list of values means any of them). */
export function where(fields: Record<string, unknown>): Pred {
  const entries = Object.entries(fields);
  return (e) => entries.every(([path, want]) => (Array.isArray(want) ? want.includes(at(e, path)) : at(e, path) === want));
}

/** Events of one step of one chain, optionally narrowed further. */
export function step(chain: string, n: number, pred: Pred = () => true): Selector {
  return (events) => events.filter((e) => e.label !== undefined && chainOf(e.label) === chain && e.label.step === n && pred(e));
}

/** Benign events (no label) that satisfy `pred`, at most `limit`, spread evenly over the day. */
export function benign(pred: Pred, limit = 15): Selector {
  return (events) => spread(events.filter((e) => e.label === undefined && pred(e)), limit);
}

/**
 * Every benign event satisfying `pred` in the clock hour that holds most of them: a realistic
 * burst of normal activity, for correlation rules that count.
 */
export function busiestHour(pred: Pred): Selector {
  return (events) => {
    const byHour = new Map<number, LabelledEvent[]>();
    for (const e of events) {
      if (e.label !== undefined || !pred(e)) continue;
      const h = Math.floor(e.event.time / 3_600_000);
      const list = byHour.get(h) ?? [];
      list.push(e);
      byHour.set(h, list);
    }
    let best: LabelledEvent[] = [];
    for (const list of byHour.values()) if (list.length > best.length) best = list;
    return best;
  };
}

/** Union of several selectors, in time order, without duplicates. */
export function union(...selectors: Selector[]): Selector {
  return (events) => {
    const picked = new Set<LabelledEvent>();
    for (const s of selectors) for (const e of s(events)) picked.add(e);
    return [...picked].sort((a, b) => a.event.time - b.event.time);
  };
}

/** At most `limit` items, evenly spaced, keeping order (deterministic, unlike sampling). */
export function spread<T>(items: readonly T[], limit: number): T[] {
  if (items.length <= limit) return [...items];
  const out: T[] = [];
  for (let i = 0; i < limit; i++) out.push(items[Math.floor((i * items.length) / limit)] as T);
  return out;
}

/** Combines predicates with AND. */
export function all(...preds: Pred[]): Pred {
  return (e) => preds.every((p) => p(e));
}

/** Negates a predicate. */
export function not(pred: Pred): Pred {
  return (e) => !pred(e);
}
