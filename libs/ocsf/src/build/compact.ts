import { copyBefore, hasOwn } from './own-keys';

/**
 * Returns `value` without `undefined`, `null`, empty strings, empty arrays and empty
 * objects, recursively. OCSF objects must not carry empty placeholders: an empty `user: {}`
 * would fail the schema's "at least one of name/uid" constraint. Objects and arrays that
 * hold nothing to drop are returned as they are (not copied); the input is never modified.
 */
export function compact<T>(value: T): T {
  return prune(value) as T;
}

/**
 * Sets `out[key]` to the compacted `value` unless nothing is left of it. Builders use it to
 * assemble objects field by field instead of compacting a spread copy.
 */
export function putCompact(out: Record<string, unknown>, key: string, value: unknown): void {
  const p = prune(value);
  if (p !== undefined) out[key] = p;
}


// Runs on every attribute of every event. Copying an object key by key is what costs (each
// new key is a hidden-class transition), so a copy is only made from the first key that
// changes, and an object already clean is shared.
function prune(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return pruneArray(value);
  const rec = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  let kept = 0;
  for (const k in rec) {
    if (!hasOwn(rec, k)) continue;
    const v = rec[k];
    const p = prune(v);
    if (out === undefined && (p !== v || p === undefined)) out = copyBefore(rec, k);
    if (p === undefined) continue;
    kept++;
    if (out !== undefined) out[k] = p;
  }
  if (kept === 0) return undefined;
  return out ?? rec;
}

function pruneArray(value: unknown[]): unknown[] | undefined {
  let out: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    const p = prune(v);
    if (out === undefined && (p !== v || p === undefined || !(i in value))) out = value.slice(0, i);
    if (p !== undefined && out !== undefined) out.push(p);
  }
  if (out === undefined) return value.length > 0 ? value : undefined;
  return out.length > 0 ? out : undefined;
}
