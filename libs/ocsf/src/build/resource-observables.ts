import type { OcsfEvent } from '../mapper';
import { OBSERVABLE_TYPE, buildObservable } from './observables';
import type { Observable } from './observables';
import { UNKNOWN } from './placeholder';

/**
 * Finishes an assembled event: adds observables for `resources[].uid`/`name` (which
 * `deriveObservables` does not collect because `resources` is class-specific) and for the
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
