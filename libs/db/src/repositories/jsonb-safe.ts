const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function fixString(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '\uFFFD');
}

function walk(v: unknown): unknown {
  if (typeof v === 'string') return fixString(v);
  if (Array.isArray(v)) return v.map(walk);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, inner] of Object.entries(v)) out[fixString(k)] = walk(inner);
    return out;
  }
  return v;
}

/**
 * Postgres jsonb rejects U+0000 and unpaired surrogates, both of which appear in exactly the
 * malformed records that end up as dead letters. Rather than lose the dead letter to an
 * insert error, such characters become U+FFFD; `changed` reports that it happened.
 */
export function toJsonbSafe(value: unknown): { value: unknown; changed: boolean } {
  const json = JSON.stringify(value);
  if (json === undefined) return { value: null, changed: false };
  // JSON.stringify escapes both offenders, so the common clean case costs one scan.
  if (!json.includes('\\u0000') && !/\\ud[89a-f][0-9a-f]{2}/i.test(json)) return { value, changed: false };
  const fixed = walk(JSON.parse(json));
  const changed = JSON.stringify(fixed) !== json;
  return { value: changed ? fixed : value, changed };
}
