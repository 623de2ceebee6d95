/**
 * Event time for correlation windows, read from the first of these that holds a time:
 * evtx_dump `Event.System.TimeCreated.#attributes.SystemTime`, then top-level `@timestamp`,
 * `time` (OCSF, ms since the epoch), `TimeCreated`, `EventTime` (NXLog), `timestamp`.
 * Numbers are ms since the epoch, or seconds when below 1e11 (before 1973 as ms). An event
 * without a readable time takes the time of the event before it (0 for the first), so a
 * stream keeps its order instead of jumping to the epoch.
 */

const TOP_LEVEL_FIELDS = ['@timestamp', 'time', 'TimeCreated', 'EventTime', 'timestamp'] as const;

function asMs(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? (Math.abs(v) < 1e11 ? v * 1000 : v) : undefined;
  if (typeof v === 'string' && v.length > 0) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

function evtxSystemTime(e: Readonly<Record<string, unknown>>): unknown {
  const ev = e['Event'] as { System?: { TimeCreated?: { '#attributes'?: { SystemTime?: unknown } } } } | undefined;
  if (typeof ev !== 'object' || ev === null) return undefined;
  return ev.System?.TimeCreated?.['#attributes']?.SystemTime;
}

/** The time of an event in ms since the epoch, or undefined when it holds none. */
export function readEventTime(e: Readonly<Record<string, unknown>>): number | undefined {
  const evtx = asMs(evtxSystemTime(e));
  if (evtx !== undefined) return evtx;
  for (const f of TOP_LEVEL_FIELDS) {
    const t = asMs(e[f]);
    if (t !== undefined) return t;
  }
  return undefined;
}

/** Event time with the carry-forward rule of this module: one per stream. */
export class EventClock {
  private last = 0;

  /** The event's time, or the previous event's when it has none. */
  timeOf(e: Readonly<Record<string, unknown>>): number {
    const t = readEventTime(e);
    if (t !== undefined) this.last = t;
    return this.last;
  }
}
