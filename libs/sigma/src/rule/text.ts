/**
 * How event values are read as text, shared by the matchers and the rule index so that both
 * agree exactly on what a value "is": strings as they are, numbers in JavaScript's canonical
 * form, booleans as `true`/`false`; anything else (objects, null) has no text.
 */

// Globals read once: inside jest's vm context every global lookup goes through the sandbox (~10x slower).
const numberText = String;

/** The text of a scalar event value, or undefined when it has none. */
export function toText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  return undefined;
}

// Many rules test the same few event strings (Image, CommandLine...). Lowercasing is pure, so
// a bounded memo keyed by the string saves re-lowercasing it for every rule that looks at it.
const lowerMemo = new Map<string, string>();
const MEMO_LIMIT = 4096;

/** `s.toLowerCase()`, memoized for strings that are seen again and again. */
export function lower(s: string): string {
  const hit = lowerMemo.get(s);
  if (hit !== undefined) return hit;
  const low = s.toLowerCase();
  if (lowerMemo.size >= MEMO_LIMIT) lowerMemo.clear();
  lowerMemo.set(s, low);
  return low;
}

/** The lowercased text of a scalar event value (the rule index key), or undefined. */
export function lowerText(v: unknown): string | undefined {
  const t = toText(v);
  return t === undefined ? undefined : lower(t);
}
