import { asRecord } from './field-readers';

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
