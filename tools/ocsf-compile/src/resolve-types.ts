import type { ResolvedType } from './model';
import type { RawAttribute } from './source';

const PRIMITIVES: Record<string, ResolvedType['base']> = {
  string_t: 'string',
  integer_t: 'integer',
  long_t: 'integer',
  float_t: 'number',
  boolean_t: 'boolean',
  json_t: 'any',
};

/** Resolves dictionary types to their primitive base, inheriting regex/range/max_len down the chain. */
export function resolveTypes(raw: Record<string, RawAttribute>): Record<string, ResolvedType> {
  const out: Record<string, ResolvedType> = {};
  const visit = (name: string): ResolvedType => {
    const done = out[name];
    if (done) return done;
    const def = raw[name];
    if (!def) throw new Error(`ocsf-compile: unknown type ${name}`);
    const parentName = typeof def['type'] === 'string' ? def['type'] : undefined;
    const parent = parentName ? visit(parentName) : undefined;
    const base = PRIMITIVES[name] ?? parent?.base;
    if (!base) throw new Error(`ocsf-compile: type ${name} has no primitive base`);
    const t: ResolvedType = { name, caption: String(def['caption'] ?? name), base };
    const regex = def['regex'] ?? parent?.regex;
    if (typeof regex === 'string') t.regex = regex;
    const maxLen = def['max_len'] ?? parent?.maxLength;
    if (typeof maxLen === 'number') t.maxLength = maxLen;
    const range = def['range'] ?? parent?.range;
    if (Array.isArray(range)) t.range = [Number(range[0]), Number(range[1])];
    if (typeof def['observable'] === 'number') t.observable = def['observable'];
    out[name] = t;
    return t;
  };
  for (const name of Object.keys(raw).sort()) visit(name);
  return out;
}
