/**
 * Narrow readers for untyped JSON records, shared by the cloud and identity mappers
 * (CloudTrail, Okta, Entra, GitHub). Source fields arrive as `unknown`; these return
 * `undefined` for anything of the wrong shape so a mapper never throws on odd input.
 */

/** The value as a plain object, or `undefined`. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A non-empty string; numbers and booleans are rendered, everything else is `undefined`. */
export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The value as an array (a lone value becomes a one-element array; nothing becomes []). */
export function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** A finite number from a number or numeric string. */
export function asNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** A boolean from a boolean or the strings true/false (any case). */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

/** The value, JSON-parsed when it is a string holding a JSON object or array. */
export function parseJsonish(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const s = value.trim();
  if (!(s.startsWith('{') || s.startsWith('['))) return value;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return value;
  }
}

/** Lower-case key -> canonical key, for {@link canonicalKeys}. */
export type KeyCanon = ReadonlyMap<string, string>;

/** Builds a {@link KeyCanon} from the canonical spellings of a source's field names. */
export function keyCanon(names: readonly string[]): KeyCanon {
  return new Map(names.map((n) => [n.toLowerCase(), n]));
}

/**
 * Restores the canonical spelling of known keys, recursively. Some pipelines (SIEM
 * exports, lower-casing log shippers) deliver `eventname` for `eventName`; renaming known
 * keys lets one mapping serve both. Unknown keys keep their spelling; a canonical key
 * already present wins over its lower-cased twin.
 */
export function canonicalKeys(value: unknown, canon: KeyCanon, depth = 0): unknown {
  if (depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => canonicalKeys(v, canon, depth + 1));
  const rec = asRecord(value);
  if (!rec) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    const target = canon.get(k.toLowerCase()) ?? k;
    if (target !== k && target in rec) {
      out[k] = v;
      continue;
    }
    out[target] = canonicalKeys(v, canon, depth + 1);
  }
  return out;
}
