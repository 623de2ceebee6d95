import { asRecord } from './field-readers';
import { copyBefore, hasOwn } from './own-keys';

/** Lower-case key -> canonical key, for {@link canonicalKeys}. */
export type KeyCanon = ReadonlyMap<string, string>;

/** Builds a {@link KeyCanon} from the canonical spellings of a source's field names. */
export function keyCanon(names: readonly string[]): KeyCanon {
  return new Map(names.map((n) => [n.toLowerCase(), n]));
}

/** Per canon: source key -> the key it becomes, so each distinct key is lower-cased once. */
const TARGETS = new WeakMap<KeyCanon, Map<string, string>>();
const TARGET_CACHE_MAX = 8192;

function targetOf(canon: KeyCanon, k: string): string {
  let memo = TARGETS.get(canon);
  if (memo === undefined) {
    memo = new Map();
    TARGETS.set(canon, memo);
  }
  let target = memo.get(k);
  if (target === undefined) {
    target = canon.get(k.toLowerCase()) ?? k;
    if (memo.size >= TARGET_CACHE_MAX) memo.clear();
    memo.set(k, target);
  }
  return target;
}


/**
 * Restores the canonical spelling of known keys, recursively. Some pipelines (SIEM
 * exports, lower-casing log shippers) deliver `eventname` for `eventName`; renaming known
 * keys lets one mapping serve both. Unknown keys keep their spelling; a canonical key
 * already present wins over its lower-cased twin. Objects and arrays with nothing to rename
 * are returned as they are (most records are already canonical); the input is never modified.
 */
export function canonicalKeys(value: unknown, canon: KeyCanon, depth = 0): unknown {
  if (depth > 8) return value;
  if (Array.isArray(value)) return canonicalArray(value, canon, depth);
  const rec = asRecord(value);
  if (!rec) return value;
  let out: Record<string, unknown> | undefined;
  for (const k in rec) {
    if (!hasOwn(rec, k)) continue;
    const v = rec[k];
    const target = targetOf(canon, k);
    // A lower-cased twin of a key that is present stays as it is, unvisited.
    const keep = target !== k && target in rec;
    const key = keep ? k : target;
    const next = keep ? v : canonicalKeys(v, canon, depth + 1);
    if (out === undefined && (key !== k || next !== v)) out = copyBefore(rec, k);
    if (out !== undefined) out[key] = next;
  }
  return out ?? rec;
}

function canonicalArray(value: unknown[], canon: KeyCanon, depth: number): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    const next = canonicalKeys(v, canon, depth + 1);
    if (out === undefined && next !== v) out = value.slice(0, i);
    if (out !== undefined) out.push(next);
  }
  return out ?? value;
}

