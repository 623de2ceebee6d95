/**
 * Reading values out of parsed JSON by a path split once at build time. Shared by the
 * Windows and OCSF accessors; evaluation never splits strings or allocates on the way down.
 */

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a plain (non-array) object. */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Keys that every object inherits (`constructor`, `toString`...): a lookup of such a key must
 * check ownership, or `{}` would seem to hold a function. Decided once per field, at build time.
 */
export function isInheritedName(key: string): boolean {
  return key in Object.prototype;
}

/** `o[key]` when `o` is an object that owns it (for inherited names). */
export function ownValue(o: unknown, key: string): unknown {
  return isObject(o) && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/**
 * Follows `parts` down plain objects. Returns undefined as soon as a step is missing or not
 * an object. Arrays are not entered (see {@link walkCollect} for paths that cross arrays).
 */
export function walk(root: unknown, parts: readonly string[]): unknown {
  let cur = root;
  for (let i = 0; i < parts.length; i++) {
    if (!isObject(cur)) return undefined;
    const key = parts[i] as string;
    cur = cur[key];
    if (cur === undefined) return undefined;
  }
  return cur;
}

/**
 * Like {@link walk} but steps into arrays: `answers.rdata` on `{answers:[{rdata:a},{rdata:b}]}`
 * gives `[a, b]`. Allocates only when an array is actually crossed.
 */
export function walkCollect(root: unknown, parts: readonly string[], from = 0): unknown {
  let cur = root;
  for (let i = from; i < parts.length; i++) {
    if (Array.isArray(cur)) return collect(cur, parts, i);
    if (!isObject(cur)) return undefined;
    cur = cur[parts[i] as string];
    if (cur === undefined) return undefined;
  }
  return cur;
}

function collect(items: readonly unknown[], parts: readonly string[], from: number): unknown {
  const out: unknown[] = [];
  for (const item of items) {
    const v = walkCollect(item, parts, from);
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) out.push(x);
    else out.push(v);
  }
  return out.length > 0 ? out : undefined;
}
