import { existsSync } from 'node:fs';
import path from 'node:path';
import { readJson } from './source';
import type { RawDefinition } from './source';

type Json = Record<string, unknown>;

function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Deep merge where `over` wins on leaves. OCSF uses this both for a child class over its
 * parent and for a class attribute over the dictionary entry; enums therefore accumulate
 * (a child's activity_id enum adds to base_event's Unknown/Other).
 */
export function deepMerge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

/**
 * Replaces `$include` entries of an attribute map with the attributes of the included files.
 * Attributes that come from a profile are tagged with `profile: <name>` (unless the included
 * file sets it) so the emitter can keep them optional; the file's own attributes win.
 */
export function expandIncludes(attributes: Json | undefined, roots: string[]): Json {
  if (!attributes) return {};
  const { $include, ...own } = attributes;
  const includes = Array.isArray($include) ? ($include as string[]) : [];
  let merged: Json = {};
  for (const rel of includes) {
    const file = findInclude(rel, roots);
    const included = readJson<RawDefinition & { meta?: string }>(file);
    const attrs = expandIncludes(included.attributes, roots);
    if (included.meta === 'profile' && included.name) {
      for (const [name, attr] of Object.entries(attrs)) {
        const a = isPlainObject(attr) ? attr : {};
        attrs[name] = 'profile' in a ? a : { ...a, profile: included.name };
      }
    }
    merged = deepMerge(merged, attrs);
  }
  return deepMerge(merged, own);
}

function findInclude(rel: string, roots: string[]): string {
  for (const root of roots) {
    const candidate = path.join(root, rel);
    // The extension directory is searched before the core schema root.
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`ocsf-compile: $include ${rel} not found under ${roots.join(', ')}`);
}
