import { buildDevice } from '../../build/endpoint';
import { buildUser } from '../../build/user';
import type { WinRecord } from './record';

/**
 * A field of the event as a meaningful string: Windows writes `-`, empty strings and
 * `%%` placeholders for "no value"; those become `undefined`.
 */
export function field(rec: WinRecord, name: string): string | undefined {
  const v = rec.data[name];
  if (v === undefined || v === null) return undefined;
  const s = (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v)).trim();
  return s === '' || s === '-' || s === '?' ? undefined : s;
}

/**
 * A function giving `prefix + suffix` for each suffix, built once per prefix: field names
 * concatenated per event are fresh strings, slower to look up than interned constants.
 */
export function prefixer(suffixes: readonly string[]): (prefix: string) => readonly string[] {
  const byPrefix = new Map<string, readonly string[]>();
  return (prefix) => {
    let names = byPrefix.get(prefix);
    if (names === undefined) {
      names = suffixes.map((s) => `${prefix}${s}`);
      byPrefix.set(prefix, names);
    }
    return names;
  };
}

const trioNames = prefixer(['UserSid', 'UserName', 'DomainName']);

/** SIDs that mean "nobody" in Security events. */
const NULL_SIDS = new Set(['S-1-0-0', 'S-1-0']);

/**
 * A user from the `<prefix>UserName` / `<prefix>UserSid` / `<prefix>DomainName` trio used by
 * Security events (prefix `Subject`, `Target`...). The null SID means "nobody" and is
 * dropped; the LocalSystem/LocalService/NetworkService SIDs type the user as System.
 */
export function userFromTrio(rec: WinRecord, prefix: string, sidField?: string): Record<string, unknown> | undefined {
  const keys = trioNames(prefix);
  const sid = field(rec, sidField ?? (keys[0] as string));
  return buildUser({
    name: field(rec, keys[1] as string),
    uid: sid && !NULL_SIDS.has(sid) ? sid : undefined,
    domain: field(rec, keys[2] as string),
    ...(sid === 'S-1-5-18' || sid === 'S-1-5-19' || sid === 'S-1-5-20' ? { type_id: 3 as const } : {}),
  });
}

/** A user from a `DOMAIN\\name` string (Sysmon `User`). */
export function userFromQualified(value: string | undefined, sid?: string): Record<string, unknown> | undefined {
  if (!value) return sid ? buildUser({ uid: sid }) : undefined;
  const idx = value.indexOf('\\');
  return buildUser({
    name: idx >= 0 ? value.slice(idx + 1) : value,
    domain: idx >= 0 ? value.slice(0, idx) : undefined,
    uid: sid,
  });
}

/** The reporting host. Windows devices are typed by OS, not by form factor (unknown). */
export function deviceOf(rec: WinRecord): Record<string, unknown> {
  const computer = rec.computer;
  const os = { name: 'Windows', type_id: 100 };
  // One literal per shape rather than a spread of the optional parts (this runs on every event).
  if (!computer) return buildDevice({ hostname: computer, os });
  const dot = computer.indexOf('.');
  if (dot > 0) return buildDevice({ hostname: computer, name: computer.slice(0, dot), domain: computer.slice(dot + 1), os });
  return buildDevice({ hostname: computer, name: computer, os });
}

/** Integrity level words (Sysmon `IntegrityLevel`, mandatory label names) to OCSF integrity_id. */
export function integrityOf(level: string | undefined): { integrity_id?: number; integrity?: string } {
  if (!level) return {};
  const id = ({ untrusted: 1, low: 2, medium: 3, mediumplus: 3, high: 4, system: 5, protected: 6 } as Record<string, number>)[
    level.toLowerCase().replace(/\s+/g, '')
  ];
  return id === undefined ? { integrity_id: 99, integrity: level } : { integrity_id: id };
}
