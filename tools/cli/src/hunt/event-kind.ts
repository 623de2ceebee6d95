/**
 * `--mapping auto`: which mapping reads an event, from its shape alone. Windows for the
 * layouts the Windows mapping reads (evtx_dump `Event.System`, Winlogbeat `winlog`, NXLog's
 * flat `EventID` with `Channel`/`SourceName`/`ProviderGuid`), OCSF when `class_uid` is present,
 * flat JSON otherwise. A few property tests per event: no walk of the event.
 */

/** The view an event is evaluated as. */
export type EventKind = 'windows' | 'ocsf' | 'flat';

const has = (e: object, k: string): boolean => Object.prototype.hasOwnProperty.call(e, k);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How `--mapping auto` classifies an event. */
export function eventKind(e: Readonly<Record<string, unknown>>): EventKind {
  const ev = e['Event'];
  if (isObject(ev) && isObject(ev['System'])) return 'windows';
  if (isObject(e['winlog'])) return 'windows';
  if (has(e, 'class_uid')) return 'ocsf';
  if (has(e, 'EventID') && (has(e, 'Channel') || has(e, 'SourceName') || has(e, 'ProviderGuid'))) return 'windows';
  return 'flat';
}
