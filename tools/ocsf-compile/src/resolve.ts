import { deepMerge, expandIncludes } from './merge';
import type { ResolvedClass, ResolvedDefinition, ResolvedSchema } from './model';
import { mergeInheritance, resolveDefinition } from './resolve-definitions';
import type { Located } from './resolve-definitions';
import { resolveTypes } from './resolve-types';
import type { RawAttribute, SchemaSource } from './source';

type Json = Record<string, unknown>;

/**
 * Extension objects without a `name` that `extends` a core object patch that object
 * (e.g. win/process adds `hosted_services` to process). Named ones are new objects.
 */
function collectObjects(src: SchemaSource): Map<string, Located> {
  const byName = new Map<string, Located>();
  for (const def of src.objects) byName.set(def.name ?? '', { def, roots: [src.root] });
  for (const ext of src.extensions) {
    for (const def of ext.objects) {
      if (def.name) {
        byName.set(def.name, { def, roots: [ext.dir, src.root] });
        continue;
      }
      const target = def.extends ? byName.get(def.extends) : undefined;
      if (!target) throw new Error(`ocsf-compile: extension ${ext.name} patches unknown object ${def.extends}`);
      // The patch's own $include paths are relative to its extension, so expand them here.
      const patch = expandIncludes(def.attributes as Json | undefined, [ext.dir, src.root]);
      const attributes = deepMerge((target.def.attributes ?? {}) as Json, patch);
      target.def = { ...target.def, attributes };
    }
  }
  return byName;
}

function collectDictionary(src: SchemaSource): { attrs: Record<string, RawAttribute>; types: Record<string, RawAttribute> } {
  let attrs = { ...src.dictionary.attributes };
  let types = { ...src.dictionary.types.attributes };
  for (const ext of src.extensions) {
    attrs = { ...attrs, ...ext.dictionary.attributes };
    types = { ...types, ...(ext.dictionary.types?.attributes ?? {}) };
  }
  return { attrs, types };
}

/**
 * Concrete classes: base_event (uid 0) and every class with a `uid`. Core class uid is
 * category_uid*1000 + uid; an extension class adds extension.uid*100000 (win registry
 * value activity: 2*100000 + 1*1000 + 2 = 201002).
 */
function resolveClasses(src: SchemaSource, dictionary: Record<string, RawAttribute>): ResolvedClass[] {
  const byName = new Map<string, Located>();
  const extOf = new Map<string, { uid: number; name: string }>();
  for (const def of src.events) byName.set(def.name ?? '', { def, roots: [src.root] });
  for (const ext of src.extensions) {
    for (const def of ext.events) {
      byName.set(def.name ?? '', { def, roots: [ext.dir, src.root] });
      extOf.set(def.name ?? '', { uid: ext.uid, name: ext.name });
    }
  }
  const merged = mergeInheritance(byName);
  const classes: ResolvedClass[] = [];
  for (const [name, m] of merged) {
    const isBase = name === 'base_event';
    if (!isBase && typeof m.def.uid !== 'number') continue;
    const category = m.category ? src.categories[m.category] : undefined;
    const categoryUid = isBase ? 0 : (category?.uid ?? 0);
    const ext = extOf.get(name);
    const local = isBase ? 0 : categoryUid * 1000 + (m.def.uid ?? 0);
    const uid = ext ? ext.uid * 100000 + local : local;
    const def = resolveDefinition(name, m, dictionary);
    const cls: ResolvedClass = {
      ...def,
      uid,
      categoryUid,
      categoryName: category?.caption ?? 'Uncategorized',
      profiles: m.profiles,
    };
    if (ext) cls.extension = ext.name;
    // The source only enumerates base_event's own uid; pin each class to its own values.
    if (cls.attributes['class_uid']) cls.attributes['class_uid'].enum = { [uid]: cls.caption };
    if (cls.attributes['category_uid']) cls.attributes['category_uid'].enum = { [categoryUid]: cls.categoryName };
    classes.push(cls);
  }
  return classes.sort((a, b) => a.uid - b.uid);
}

/** Observable type_id values: declared on types, objects and attributes across the schema. */
function collectObservables(schema: Omit<ResolvedSchema, 'observableTypes'>, dictionary: Record<string, RawAttribute>) {
  const out: Record<string, string> = { '0': 'Unknown', '99': 'Other' };
  for (const t of Object.values(schema.types)) if (t.observable !== undefined) out[t.observable] = t.caption;
  for (const o of Object.values(schema.objects)) {
    if (o.observable !== undefined) out[o.observable] = o.caption;
    for (const [attr, a] of Object.entries(o.attributes)) {
      if (a.observable !== undefined && !dictionary[attr]?.['observable']) out[a.observable] = `${o.caption}: ${attr}`;
    }
  }
  for (const [attr, a] of Object.entries(dictionary)) {
    if (typeof a['observable'] === 'number') out[a['observable']] = String(a['caption'] ?? attr);
  }
  return out;
}

/** Resolves the whole schema source into classes, objects and types. */
export function resolveSchema(src: SchemaSource): ResolvedSchema {
  const { attrs, types } = collectDictionary(src);
  const mergedObjects = mergeInheritance(collectObjects(src));
  const objects: Record<string, ResolvedDefinition> = {};
  for (const name of [...mergedObjects.keys()].sort()) {
    const m = mergedObjects.get(name);
    if (m) objects[name] = resolveDefinition(name, m, attrs);
  }
  const partial = {
    version: src.version,
    types: resolveTypes(types),
    objects,
    classes: resolveClasses(src, attrs),
    categories: src.categories,
  };
  return { ...partial, observableTypes: collectObservables(partial, attrs) };
}
