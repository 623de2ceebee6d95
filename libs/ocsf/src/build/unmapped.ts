/**
 * Builds the `unmapped` bag: source fields with no OCSF home, under their original names
 * (so detection rules written against native field names still match). Later parts win;
 * `undefined`/`null` values are dropped, everything else (including `-` and `""`) is kept
 * because it is what the source said. Returns `undefined` when nothing is left.
 */
export function buildUnmapped(...parts: Array<Record<string, unknown> | undefined>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const part of parts) {
    if (!part) continue;
    for (const k in part) {
      if (!Object.prototype.hasOwnProperty.call(part, k)) continue;
      const v = part[k];
      if (v !== undefined && v !== null) {
        out[k] = v;
        any = true;
      }
    }
  }
  return any ? out : undefined;
}

/** Copy of `record` without the keys a mapper already placed elsewhere. */
export function omitKeys(record: Record<string, unknown>, keys: Iterable<string> | ReadonlySet<string>): Record<string, unknown> {
  const drop = keys instanceof Set ? (keys as ReadonlySet<string>) : new Set(keys);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!drop.has(k)) out[k] = v;
  return out;
}

/**
 * `buildUnmapped(omitKeys(record, keys))` in one pass: the fields of `record` a mapper did not
 * place, `undefined`/`null` dropped, `undefined` when nothing is left. Pass a `Set` built
 * once for a constant key list.
 */
export function unmappedExcept(record: Record<string, unknown>, keys: Iterable<string> | ReadonlySet<string>): Record<string, unknown> | undefined {
  const drop = keys instanceof Set ? (keys as ReadonlySet<string>) : new Set(keys);
  let out: Record<string, unknown> | undefined;
  for (const k in record) {
    if (!Object.prototype.hasOwnProperty.call(record, k) || drop.has(k)) continue;
    const v = record[k];
    if (v !== undefined && v !== null) (out ??= {})[k] = v;
  }
  return out;
}
