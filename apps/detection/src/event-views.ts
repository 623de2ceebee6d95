import type { EventViews, SigmaEvent } from '@soc/sigma';

/**
 * The native view of a normalized event, when detection has rules for its source's own layout:
 * a Windows record as its source wrote it, kept by normalize in `raw_data`.
 */
export function nativeView(source: string, event: Readonly<Record<string, unknown>>): SigmaEvent | undefined {
  if (source !== 'windows') return undefined;
  const raw = event['raw_data'];
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as SigmaEvent) : undefined;
  } catch {
    return undefined;
  }
}

/** The views detection evaluates for a normalized event of `source`: its OCSF form, and its native record when there is one. */
export function viewsOfNormalized(source: string, event: SigmaEvent): EventViews {
  const native = nativeView(source, event);
  return native ? { native, ocsf: event } : { ocsf: event };
}
