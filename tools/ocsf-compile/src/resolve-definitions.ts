import { deepMerge, expandIncludes } from './merge';
import type { Requirement, ResolvedAttribute, ResolvedDefinition } from './model';
import type { RawAttribute, RawDefinition } from './source';

type Json = Record<string, unknown>;

/** A raw definition plus the directories its `$include` paths are relative to. */
export interface Located {
  def: RawDefinition;
  roots: string[];
}

/** Inheritance-merged but not yet dictionary-resolved definition. */
export interface MergedDefinition {
  def: RawDefinition;
  attributes: Json;
  constraints: Record<string, string[]>;
  profiles: string[];
  category?: string;
}

/**
 * Resolves `extends` chains: the child's (include-expanded) attributes are deep-merged
 * over the parent's. Memoised per name; cycles are a schema bug and throw.
 */
export function mergeInheritance(byName: Map<string, Located>): Map<string, MergedDefinition> {
  const done = new Map<string, MergedDefinition>();
  const visiting = new Set<string>();
  const visit = (name: string): MergedDefinition => {
    const hit = done.get(name);
    if (hit) return hit;
    const located = byName.get(name);
    if (!located) throw new Error(`ocsf-compile: unknown definition ${name}`);
    if (visiting.has(name)) throw new Error(`ocsf-compile: inheritance cycle at ${name}`);
    visiting.add(name);
    const { def, roots } = located;
    const parent = def.extends ? visit(def.extends) : undefined;
    const own = expandIncludes(def.attributes as Json | undefined, roots);
    const merged: MergedDefinition = {
      def,
      attributes: parent ? deepMerge(parent.attributes, own) : own,
      constraints: def.constraints ?? parent?.constraints ?? {},
      profiles: [...new Set([...(parent?.profiles ?? []), ...(def.profiles ?? [])])].sort(),
    };
    const category = def.category ?? parent?.category;
    if (category !== undefined) merged.category = category;
    done.set(name, merged);
    visiting.delete(name);
    return merged;
  };
  for (const name of [...byName.keys()].sort()) visit(name);
  return done;
}

function requirementOf(v: unknown): Requirement {
  return v === 'required' || v === 'recommended' ? v : 'optional';
}

function enumOf(v: unknown): Record<string, string> | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(v as Record<string, { caption?: string }>)) {
    out[key] = String(item?.caption ?? key);
  }
  return out;
}

/** Merges one attribute with its dictionary entry into the resolved form. */
export function resolveAttribute(name: string, local: Json, dictionary: Record<string, RawAttribute>): ResolvedAttribute {
  const dict = dictionary[name];
  if (!dict) throw new Error(`ocsf-compile: attribute ${name} is not in the dictionary`);
  const a = deepMerge(dict, local);
  if (typeof a['type'] !== 'string') throw new Error(`ocsf-compile: attribute ${name} has no type`);
  const out: ResolvedAttribute = {
    caption: String(a['caption'] ?? name),
    type: a['type'],
    isArray: a['is_array'] === true,
    requirement: requirementOf(a['requirement']),
  };
  const e = enumOf(a['enum']);
  if (e) out.enum = e;
  if (typeof a['profile'] === 'string') out.profile = a['profile'];
  if (typeof a['sibling'] === 'string') out.sibling = a['sibling'];
  if (typeof a['observable'] === 'number') out.observable = a['observable'];
  if (a['@deprecated'] !== undefined) out.deprecated = true;
  return out;
}

/**
 * Turns merged attributes into resolved attributes. The datetime profile (included by
 * base_event) allows an RFC 3339 `<name>_dt` twin of every timestamp attribute.
 */
export function resolveDefinition(
  name: string,
  merged: MergedDefinition,
  dictionary: Record<string, RawAttribute>,
): ResolvedDefinition {
  const attributes: Record<string, ResolvedAttribute> = {};
  for (const attrName of Object.keys(merged.attributes).sort()) {
    const local = merged.attributes[attrName];
    const attr = resolveAttribute(attrName, (local ?? {}) as Json, dictionary);
    attributes[attrName] = attr;
    if (attr.type === 'timestamp_t' && !merged.attributes[`${attrName}_dt`]) {
      attributes[`${attrName}_dt`] = {
        caption: `${attr.caption} (RFC 3339)`,
        type: 'datetime_t',
        isArray: attr.isArray,
        requirement: 'optional',
        profile: 'datetime',
      };
    }
  }
  const out: ResolvedDefinition = {
    name,
    caption: String(merged.def.caption ?? name),
    attributes,
    constraints: merged.constraints,
  };
  if (typeof merged.def.observable === 'number') out.observable = merged.def.observable;
  return out;
}
