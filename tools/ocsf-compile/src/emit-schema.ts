import type { ResolvedAttribute, ResolvedClass, ResolvedDefinition, ResolvedSchema, ResolvedType } from './model';

type JsonSchema = Record<string, unknown>;

/** `$id` of the compiled document; class schemas are `<id>#/$defs/class_<uid>`. */
export const SCHEMA_ID = 'https://schema.ocsf.io/compiled/1.8.0/schema.json';

/**
 * Objects that carry arbitrary content. `object` is OCSF's generic bag (used by
 * `unmapped`, `xattributes`...); it has no attributes so it cannot be closed.
 */
const FREE_FORM_OBJECTS = new Set(['object']);

function typeSchema(t: ResolvedType): JsonSchema {
  if (t.base === 'any') return {};
  const s: JsonSchema = { type: t.base };
  if (t.regex !== undefined) s['pattern'] = t.regex;
  if (t.maxLength !== undefined) s['maxLength'] = t.maxLength;
  if (t.range) {
    s['minimum'] = t.range[0];
    s['maximum'] = t.range[1];
  }
  return s;
}

function valueSchema(attr: ResolvedAttribute, schema: ResolvedSchema): JsonSchema {
  const t = schema.types[attr.type];
  if (t) {
    if (!attr.enum) return { $ref: `#/$defs/type_${t.name}` };
    const values = Object.keys(attr.enum).map((k) => (t.base === 'integer' ? Number(k) : k));
    return { type: t.base, enum: values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
  }
  if (FREE_FORM_OBJECTS.has(attr.type)) return { type: 'object' };
  if (!schema.objects[attr.type]) throw new Error(`ocsf-compile: attribute type ${attr.type} is neither a type nor an object`);
  return { $ref: `#/$defs/object_${attr.type}` };
}

function attributeSchema(attr: ResolvedAttribute, schema: ResolvedSchema): JsonSchema {
  const value = valueSchema(attr, schema);
  return attr.isArray ? { type: 'array', items: value } : value;
}

/** Profile attributes are optional unless the class itself requires them (profile cleared). */
function isRequired(attr: ResolvedAttribute): boolean {
  return attr.requirement === 'required' && attr.profile === undefined;
}

function constraintSchemas(def: ResolvedDefinition): JsonSchema {
  const out: JsonSchema = {};
  const atLeastOne = def.constraints['at_least_one'];
  const justOne = def.constraints['just_one'];
  const known = (names: string[]) => names.filter((n) => def.attributes[n]);
  if (atLeastOne && known(atLeastOne).length > 0) out['anyOf'] = known(atLeastOne).map((n) => ({ required: [n] }));
  if (justOne && known(justOne).length > 0) out['oneOf'] = known(justOne).map((n) => ({ required: [n] }));
  return out;
}

/** A closed JSON Schema for an object or class: unknown attributes are rejected. */
function definitionSchema(def: ResolvedDefinition, schema: ResolvedSchema): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const name of Object.keys(def.attributes).sort()) {
    const attr = def.attributes[name] as ResolvedAttribute;
    properties[name] = attributeSchema(attr, schema);
    if (isRequired(attr)) required.push(name);
  }
  const s: JsonSchema = { type: 'object', properties, additionalProperties: false };
  if (required.length > 0) s['required'] = required;
  return { ...s, ...constraintSchemas(def) };
}

/** Pins the classification attributes of a concrete class (class, category, activity, type). */
function classSchema(cls: ResolvedClass, schema: ResolvedSchema): JsonSchema {
  const s = definitionSchema(cls, schema);
  const props = s['properties'] as Record<string, JsonSchema>;
  props['class_uid'] = { const: cls.uid };
  props['category_uid'] = { const: cls.categoryUid };
  const activities = Object.keys(cls.attributes['activity_id']?.enum ?? { 0: '' }).map(Number);
  props['type_uid'] = { enum: activities.map((a) => cls.uid * 100 + a).sort((a, b) => a - b) };
  return { title: `${cls.caption} (${cls.uid})`, ...s };
}

/** Emits one JSON Schema document holding every type, object and class under `$defs`. */
export function emitJsonSchema(schema: ResolvedSchema): JsonSchema {
  const defs: Record<string, JsonSchema> = {};
  for (const name of Object.keys(schema.types).sort()) defs[`type_${name}`] = typeSchema(schema.types[name] as ResolvedType);
  for (const name of Object.keys(schema.objects).sort()) {
    if (FREE_FORM_OBJECTS.has(name)) continue;
    defs[`object_${name}`] = definitionSchema(schema.objects[name] as ResolvedDefinition, schema);
  }
  for (const cls of schema.classes) defs[`class_${cls.uid}`] = classSchema(cls, schema);
  return { $id: SCHEMA_ID, title: `OCSF ${schema.version} compiled schema`, $defs: defs };
}
