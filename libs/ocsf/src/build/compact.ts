/**
 * Returns a copy of `value` without `undefined`, `null`, empty strings, empty arrays and
 * empty objects, recursively. OCSF objects must not carry empty placeholders: an empty
 * `user: {}` would fail the schema's "at least one of name/uid" constraint.
 */
export function compact<T>(value: T): T {
  return prune(value) as T;
}

function prune(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const p = prune(v);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return value;
}
