import type { AuditdEvent, AuditdRecord } from '@soc/sources';
import { buildUser } from '../../build/user';

/** auid/uid value meaning "unset" (-1 as unsigned 32-bit). */
const UNSET_IDS = new Set(['4294967295', '-1', 'unset']);

/** Read access to the records of one auditd event by type, with the bookkeeping of consumed fields. */
export class AuditdView {
  private readonly used = new Map<AuditdRecord, Set<string>>();

  constructor(readonly event: AuditdEvent) {}

  /** Every record of a type, in order. */
  all(type: string): AuditdRecord[] {
    return this.event.records.filter((r) => r.type === type);
  }

  // A loop, not find() with a closure: classification asks for several types per event.
  first(type: string): AuditdRecord | undefined {
    const records = this.event.records;
    for (let i = 0; i < records.length; i++) if ((records[i] as AuditdRecord).type === type) return records[i];
    return undefined;
  }

  /** A field value (`?`, `(null)` and empty mean absent), marked as placed in OCSF. */
  take(rec: AuditdRecord | undefined, key: string): string | undefined {
    if (!rec) return undefined;
    const v = rec.fields[key];
    if (v === undefined) return undefined;
    let set = this.used.get(rec);
    if (!set) this.used.set(rec, (set = new Set()));
    set.add(key);
    return v === '' || v === '?' || v === '(null)' ? undefined : v;
  }

  /** A user/group id, undefined when unset (auid of a daemon is 4294967295). */
  takeId(rec: AuditdRecord | undefined, key: string): string | undefined {
    const v = this.take(rec, key);
    return v === undefined || UNSET_IDS.has(v) ? undefined : v;
  }

  /**
   * An OCSF user from an id field and, when the log is "enriched" (auditd >= 2.8 appends
   * `AUID="alice"`), its resolved name under the upper-case key.
   */
  user(rec: AuditdRecord | undefined, key: string, nameKey?: string): Record<string, unknown> | undefined {
    const uid = this.takeId(rec, key);
    const name = this.take(rec, nameKey ?? key.toUpperCase());
    return buildUser({ uid, name: name === 'unset' ? undefined : name });
  }

  /** The fields of one record not placed in OCSF, or `undefined` when all were. */
  private unused(rec: AuditdRecord): Record<string, string> | undefined {
    const used = this.used.get(rec);
    const fields = rec.fields;
    // Nothing of the record placed: its parsed fields (owned by this event, all strings) are the bag as they are.
    if (used === undefined) {
      for (const k in fields) if (Object.prototype.hasOwnProperty.call(fields, k)) return fields;
      return undefined;
    }
    let rest: Record<string, string> | undefined;
    for (const k in fields) {
      if (!Object.prototype.hasOwnProperty.call(fields, k) || used?.has(k)) continue;
      (rest ??= {})[k] = fields[k] as string;
    }
    return rest;
  }

  /** Fields not placed in OCSF, by record type (an array when the type repeats, e.g. PATH). */
  leftovers(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const rec of this.event.records) {
      const rest = this.unused(rec);
      if (rest === undefined) continue;
      const prev = out[rec.type];
      out[rec.type] = prev === undefined ? rest : Array.isArray(prev) ? [...prev, rest] : [prev, rest];
    }
    return out;
  }
}

/** `res=success|failed` (USER_*) or `success=yes|no` (SYSCALL) as a boolean. */
export function outcome(view: AuditdView, rec: AuditdRecord | undefined): boolean | undefined {
  const res = view.take(rec, 'res') ?? view.take(rec, 'success');
  if (res === undefined) return undefined;
  if (/^(success|yes|1)$/i.test(res)) return true;
  if (/^(failed|failure|no|0)$/i.test(res)) return false;
  return undefined;
}

/** Last path segment. */
export function baseName(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1) || undefined;
}
