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
  const existing = (event['observables'] as Observable[] | undefined) ?? [];
  const list: Observable[] = [];
  const seen = new Set<string>();
  for (const o of existing) {
    seen.add(`${o.name}\u0000${o.value}`);
    if (o.value !== UNKNOWN) list.push(o);
  }
  const add = (o: Observable | undefined): void => {
    if (!o) return;
    const key = `${o.name}\u0000${o.value}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (o.value !== UNKNOWN) list.push(o);
  };
  const resources = event['resources'];
  if (Array.isArray(resources)) {
    for (const r of resources as Record<string, unknown>[]) {
      add(buildObservable('resources.uid', OBSERVABLE_TYPE.ResourceUID, r['uid']));
      add(resourceNameObservable(r['name']));
    }
  }
  for (const o of extra) add(o);
  if (list.length > 0) event['observables'] = list;
  else delete event['observables'];
  return event;
}

function resourceNameObservable(name: unknown): Observable | undefined {
  // 38 "Resource Details: name" is not in the builder's caption table, so set the caption here.
  return typeof name === 'string' && name !== '' ? { name: 'resources.name', type_id: 38, type: 'Resource Details: name', value: name } : undefined;
}
