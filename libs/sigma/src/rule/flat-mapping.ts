/**
 * The simplest field mapping: every logsource applies with no conditions, and a Sigma field
 * is read from the event as named, first as a top-level key (`properties.message` may be a
 * key), else as a dotted path through nested objects (arrays along the path are searched
 * element by element). For plain JSON events, the CLI and tests.
 */
import type { FieldAccessor, FieldMapping, LogsourceVariant, SigmaEvent } from '../types';

// Read once: inside jest's vm context every global lookup goes through the sandbox (~10x slower).
const hasOwn = Object.prototype.hasOwnProperty;

const FLAT_VARIANT: LogsourceVariant = { name: 'flat', conditions: [], fieldRenames: {} };
const VARIANTS: readonly LogsourceVariant[] = [FLAT_VARIANT];

function collect(v: unknown, path: readonly string[], from: number, out: unknown[]): void {
  if (from === path.length) {
    if (Array.isArray(v)) out.push(...(v as unknown[]));
    else out.push(v);
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v) collect(x, path, from, out);
    return;
  }
  if (v === null || typeof v !== 'object') return;
  const key = path[from] as string;
  if (hasOwn.call(v, key)) collect((v as Record<string, unknown>)[key], path, from + 1, out);
}

function pathAccessor(field: string, path: readonly string[]): FieldAccessor {
  const [head, ...rest] = path as [string, ...string[]];
  return (e: SigmaEvent) => {
    if (hasOwn.call(e, field)) return e[field];
    if (!hasOwn.call(e, head)) return undefined;
    let v: unknown = e[head];
    for (let i = 0; i < rest.length; i++) {
      if (v === null || typeof v !== 'object') return undefined;
      if (Array.isArray(v)) {
        const out: unknown[] = [];
        collect(v, rest, i, out);
        const found = out.filter((x) => x !== undefined);
        return found.length === 0 ? undefined : found;
      }
      const key = rest[i] as string;
      if (!hasOwn.call(v, key)) return undefined;
      v = (v as Record<string, unknown>)[key];
    }
    return v;
  };
}

/** Reads fields as named (or as dotted paths); accepts every logsource with no conditions. */
export const flatFieldMapping: FieldMapping = {
  name: 'flat',
  variants: () => VARIANTS,
  accessor(field: string): FieldAccessor {
    const path = field.split('.');
    if (path.length === 1) return (e) => (hasOwn.call(e, field) ? e[field] : undefined);
    return pathAccessor(field, path);
  },
};
