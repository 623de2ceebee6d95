import { OBSERVABLE_TYPE, buildObservable, compact } from '../../build';
import type { Observable } from '../../build';
import type { MapResult, OcsfEvent } from '../../mapper';

/**
 * Pieces the cloud and identity mappers (CloudTrail, Okta, Entra, GitHub) share on top of
 * the generic builders in `../../build`: the rejection result, the placeholder used when a
 * required identity is absent, and resource observables (which `deriveObservables` does
 * not collect because `resources` is class-specific).
 */

/** Name used when a class requires a user or endpoint the record does not identify. */
export const UNKNOWN = 'unknown';

/** `{ok:false}` for a record that is not an event of the source (`reason` names the field). */
export function unmappable(reason: string): MapResult {
  return { ok: false, code: 'SOC_ERR_RECORD_UNMAPPABLE', reason };
}

/**
 * Runs a mapping and turns an unexpected exception into a rejection, so one malformed
 * record can never take down the normalize consumer (mappers promise never to throw).
 */
export function guarded(source: string, run: () => MapResult): MapResult {
  try {
    return run();
  } catch (err) {
    return unmappable(`${source} mapper failed on this record: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Finishes an assembled event: adds observables for `resources[].uid`/`name` and for the
 * given extra values, and drops observables whose value is the {@link UNKNOWN} placeholder
 * (a placeholder is not an indicator anyone should pivot on).
 */
export function finishEvent(event: OcsfEvent, extra: (Observable | undefined)[] = []): OcsfEvent {
  const list = [...((event['observables'] as Observable[] | undefined) ?? [])];
  const seen = new Set(list.map((o) => `${o.name}\u0000${o.value}`));
  const resources = Array.isArray(event['resources']) ? (event['resources'] as Record<string, unknown>[]) : [];
  const candidates = [
    ...resources.flatMap((r) => [
      buildObservable('resources.uid', OBSERVABLE_TYPE.ResourceUID, r['uid']),
      resourceNameObservable(r['name']),
    ]),
    ...extra,
  ];
  for (const o of candidates) {
    const key = o ? `${o.name}\u0000${o.value}` : '';
    if (o && !seen.has(key)) {
      seen.add(key);
      list.push(o);
    }
  }
  const kept = list.filter((o) => o.value !== UNKNOWN);
  if (kept.length > 0) event['observables'] = kept;
  else delete event['observables'];
  return event;
}

function resourceNameObservable(name: unknown): Observable | undefined {
  // 38 "Resource Details: name" is not in the builder's caption table, so set the caption here.
  return typeof name === 'string' && name !== '' ? { name: 'resources.name', type_id: 38, type: 'Resource Details: name', value: name } : undefined;
}

/** True when `value` is an email address OCSF's `email_t` accepts. */
export function isEmail(value: string | undefined): value is string {
  return value !== undefined && /^[a-zA-Z0-9!#$%&'*+\-/=?^_`{|}~.]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/.test(value);
}

/** Inputs of {@link buildLocation}. */
export interface LocationInput {
  city?: string;
  country?: string;
  region?: string;
  postal_code?: string;
  lat?: number;
  long?: number;
}

/**
 * OCSF `location`, or `undefined` unless one of city, country, region or postal code is
 * known (the schema's at-least-one constraint; bare coordinates are not enough).
 */
export function buildLocation(input: LocationInput): Record<string, unknown> | undefined {
  const loc = compact({ ...input }) as Record<string, unknown> | undefined;
  if (!loc || !['city', 'country', 'region', 'postal_code'].some((k) => loc[k] !== undefined)) return undefined;
  return loc;
}
