import type { FieldAccessor, SigmaEvent } from '../types';
import { isInheritedName, isObject, ownValue, walk } from './object-path';
import type { JsonObject } from './object-path';

// Globals read once: inside jest's vm context every global lookup goes through the sandbox (~10x slower).
const isArray = Array.isArray;

/**
 * Field access on Windows events in the three JSON layouts we ingest:
 * - evtx_dump: `{Event:{System:{EventID, Channel, Provider:{#attributes:{Name}}...}, EventData|UserData}}`
 *   (also without the `Event` wrapper);
 * - flattened (NXLog/Logstash): every field at the top level (`EventID`, `Channel`, `Image`...);
 * - Winlogbeat: `winlog.event_id`, `winlog.channel`, `winlog.event_data.<Field>`.
 * The layout is recognised per event (two property reads); everything else is decided when
 * the accessor is built.
 */

/** Where a System (envelope) field lives in each layout. */
interface SystemField {
  /** Path below `Event.System`. */
  evtx: readonly string[];
  /** Top-level keys of the flattened layout, best first. */
  flat: readonly string[];
  /** Paths in a Winlogbeat document, best first. */
  beat: readonly (readonly string[])[];
}

const SYSTEM_FIELDS: Readonly<Record<string, SystemField>> = {
  EventID: { evtx: ['EventID'], flat: ['EventID'], beat: [['winlog', 'event_id'], ['event', 'code']] },
  Channel: { evtx: ['Channel'], flat: ['Channel'], beat: [['winlog', 'channel']] },
  Computer: { evtx: ['Computer'], flat: ['Computer', 'Hostname'], beat: [['winlog', 'computer_name'], ['host', 'name']] },
  Provider_Name: { evtx: ['Provider', '#attributes', 'Name'], flat: ['Provider_Name', 'SourceName'], beat: [['winlog', 'provider_name']] },
  Provider_Guid: { evtx: ['Provider', '#attributes', 'Guid'], flat: ['Provider_Guid', 'ProviderGuid'], beat: [['winlog', 'provider_guid']] },
  EventRecordID: { evtx: ['EventRecordID'], flat: ['EventRecordID', 'RecordNumber'], beat: [['winlog', 'record_id']] },
  Level: { evtx: ['Level'], flat: ['Level'], beat: [] },
  Task: { evtx: ['Task'], flat: ['Task'], beat: [['winlog', 'task']] },
  Opcode: { evtx: ['Opcode'], flat: ['Opcode'], beat: [['winlog', 'opcode']] },
  Keywords: { evtx: ['Keywords'], flat: ['Keywords'], beat: [['winlog', 'keywords']] },
  Version: { evtx: ['Version'], flat: ['Version'], beat: [['winlog', 'version']] },
  Security_UserID: { evtx: ['Security', '#attributes', 'UserID'], flat: ['UserID'], beat: [['winlog', 'user', 'identifier']] },
};

/** evtx_dump writes an element with attributes as `{#attributes:{...}, #text: value}`. */
function unwrap(v: unknown): unknown {
  if (isObject(v) && '#text' in v) return v['#text'];
  return v;
}

/** Unnamed `<Data>` elements: a string, or an array of strings / `{#text}` elements. */
function dataValue(v: unknown): unknown {
  if (!isArray(v)) return unwrap(v);
  for (const item of v) if (typeof item === 'object' && item !== null) return v.map(unwrap);
  return v;
}

/** `<Data Name="param1">x</Data>` left as `{#attributes:{Name}, #text}` (classic providers). */
function namedData(data: unknown, field: string): unknown {
  if (isArray(data)) {
    for (const item of data) {
      if (isObject(item) && isObject(item['#attributes']) && item['#attributes']['Name'] === field) return item['#text'];
    }
    return undefined;
  }
  if (isObject(data) && isObject(data['#attributes']) && data['#attributes']['Name'] === field) return data['#text'];
  return undefined;
}

/** EventData field, else a named `<Data>`, else a field of the UserData payload element. */
function evtxData(ev: JsonObject, field: string, inherited: boolean): unknown {
  const ed = ev['EventData'];
  if (isObject(ed)) {
    const v = inherited ? ownValue(ed, field) : ed[field];
    if (v !== undefined) return field === 'Data' ? dataValue(v) : unwrap(v);
    const data = ed['Data'];
    if (typeof data === 'object' && data !== null) {
      const named = namedData(data, field);
      if (named !== undefined) return named;
    }
  }
  const ud = ev['UserData'];
  if (!isObject(ud)) return undefined;
  for (const k in ud) {
    const payload = ud[k];
    if (k === '#attributes' || !isObject(payload)) continue;
    const v = inherited ? ownValue(payload, field) : payload[field];
    if (v !== undefined) return unwrap(v);
  }
  return undefined;
}

function beatData(winlog: JsonObject, field: string, inherited: boolean): unknown {
  const ed = winlog['event_data'];
  const v = inherited ? ownValue(ed, field) : isObject(ed) ? ed[field] : undefined;
  if (v !== undefined) return v;
  const ud = winlog['user_data'];
  return inherited ? ownValue(ud, field) : isObject(ud) ? ud[field] : undefined;
}

/** The event's own top-level key, else (for a dotted name) the nested path. */
function topLevelReader(field: string, inherited: boolean): (e: SigmaEvent) => unknown {
  const parts = field.includes('.') ? field.split('.') : undefined;
  if (inherited) return (e) => ownValue(e, field);
  if (!parts) return (e) => e[field];
  return (e) => {
    const v = e[field];
    return v !== undefined ? v : walk(e, parts);
  };
}

// The hot path below inlines these tests: thousands of rules read a few dozen fields per event,
// and most reads miss (the index asks every field its rules name), so each call layer shows.
const plainObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !isArray(v);

/**
 * evtx_dump events (`{Event:{System, EventData}}`) read with no helper calls: EventData's own
 * field when present, else the same fallbacks as the general path (named Data, UserData, top level).
 */
function evtxDataAccessor(field: string, general: FieldAccessor): FieldAccessor {
  if (field === 'Data' || field.includes('.')) return general;
  return (e) => {
    const ev = e['Event'];
    if (!plainObject(ev)) return general(e);
    const ed = ev['EventData'];
    if (plainObject(ed)) {
      const v = ed[field];
      if (v !== undefined) return typeof v === 'object' && v !== null && !isArray(v) && '#text' in v ? v['#text'] : v;
      if (typeof ed['Data'] === 'object' && ed['Data'] !== null) return general(e);
    }
    if (ev['UserData'] !== undefined) return general(e);
    return e[field];
  };
}

/** Accessor of a field that is not a System field: payload first, then the top level. */
function dataAccessor(field: string): FieldAccessor {
  const inherited = isInheritedName(field);
  const general = generalDataAccessor(field, inherited);
  return inherited ? general : evtxDataAccessor(field, general);
}

function generalDataAccessor(field: string, inherited: boolean): FieldAccessor {
  const top = topLevelReader(field, inherited);
  return (e) => {
    const ev = e['Event'];
    if (isObject(ev)) {
      const v = evtxData(ev, field, inherited);
      return v !== undefined ? v : top(e);
    }
    const winlog = e['winlog'];
    if (isObject(winlog)) {
      const v = beatData(winlog, field, inherited);
      return v !== undefined ? v : top(e);
    }
    if (isObject(e['System'])) {
      const v = evtxData(e, field, false);
      if (v !== undefined) return v;
    }
    return top(e);
  };
}

function firstOf(root: unknown, paths: readonly (readonly string[])[]): unknown {
  for (const p of paths) {
    const v = walk(root, p);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Accessor of a System field; falls back to the payload/top level like any other field. */
function systemAccessor(spec: SystemField, data: FieldAccessor): FieldAccessor {
  const general = generalSystemAccessor(spec, data);
  const [key, ...deeper] = spec.evtx;
  if (key === undefined || deeper.length > 0) return general;
  // evtx_dump's `Event.System.<key>` (EventID, Channel...) read with no helper calls.
  return (e) => {
    const ev = e['Event'];
    const sys = plainObject(ev) ? ev['System'] : undefined;
    if (!plainObject(sys)) return general(e);
    const v = sys[key];
    if (v === undefined) return data(e);
    return typeof v === 'object' && v !== null && !isArray(v) && '#text' in v ? v['#text'] : v;
  };
}

function generalSystemAccessor(spec: SystemField, data: FieldAccessor): FieldAccessor {
  const flat = spec.flat;
  return (e) => {
    const ev = e['Event'];
    const sys = isObject(ev) ? ev['System'] : e['System'];
    if (isObject(sys)) {
      const v = walk(sys, spec.evtx);
      if (v !== undefined) return unwrap(v);
      return data(e);
    }
    const winlog = e['winlog'];
    if (isObject(winlog)) {
      const v = firstOf(e, spec.beat);
      return v !== undefined ? v : data(e);
    }
    for (let i = 0; i < flat.length; i++) {
      const v = e[flat[i] as string];
      if (v !== undefined) return v;
    }
    return undefined;
  };
}

/**
 * The accessor of one Sigma field on Windows events. System fields (`EventID`, `Channel`,
 * `Provider_Name`, `Computer`...) read the envelope (`#text` unwrapped, numbers kept as
 * numbers); any other field reads EventData (or a named `<Data>`, or the UserData payload),
 * then the event's top level (dotted names also as a nested path).
 */
export function windowsAccessor(field: string): FieldAccessor {
  const data = dataAccessor(field);
  const spec = Object.prototype.hasOwnProperty.call(SYSTEM_FIELDS, field) ? SYSTEM_FIELDS[field] : undefined;
  return spec ? systemAccessor(spec, data) : data;
}

/** Names of the fields read from the event envelope rather than its payload. */
export const WINDOWS_SYSTEM_FIELDS: readonly string[] = Object.keys(SYSTEM_FIELDS);
