/**
 * A fast yes/no checker generated from the OCSF compiled schema document, run before ajv on
 * every event. ajv's generated code tests every attribute the schema knows (hundreds per
 * class, most of them absent) and allocates per nested call; this checker walks only the keys
 * the event has, with a `switch` per closed object. It understands exactly the keywords
 * `ocsf-compile` emits and refuses to build from any other, so it cannot silently ignore a
 * constraint. ajv stays the authority for error messages: validateOcsf asks ajv only when
 * this checker says no (the two are tested to agree, see fast-validator.spec.ts).
 */

/** A compiled check of one value. */
export type Check = (value: unknown) => boolean;

type Schema = Record<string, unknown>;

const KNOWN_KEYWORDS = new Set([
  'title', 'type', 'pattern', 'maxLength', 'minimum', 'maximum', 'properties', 'additionalProperties',
  'required', 'anyOf', 'oneOf', 'items', 'enum', 'const', '$ref',
]);

/** Unicode code points of a string (what JSON Schema's maxLength counts). */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n++;
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/**
 * A regex test memoised per string: the OCSF `ip_t` pattern is long (~400 ns a test, against
 * ~15 ns for a cache hit) and the same addresses, UUIDs and times recur across events. Same
 * semantics as the regex; the cache is bounded and simply cleared when full.
 */
const MEMO_ENTRIES = 4096;
const MEMO_MAX_CHARS = 256;

function memoRegex(source: string): (s: string) => boolean {
  const re = new RegExp(source);
  const cache = new Map<string, boolean>();
  return (s) => {
    // Long strings are not kept: the cache must stay small whatever the events carry.
    if (s.length > MEMO_MAX_CHARS) return re.test(s);
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    const ok = re.test(s);
    if (cache.size >= MEMO_ENTRIES) cache.clear();
    cache.set(s, ok);
    return ok;
  };
}

const TYPE_EXPR: Record<string, (x: string) => string> = {
  string: (x) => `typeof ${x} === "string"`,
  integer: (x) => `(typeof ${x} === "number" && Number.isInteger(${x}))`,
  number: (x) => `(typeof ${x} === "number" && Number.isFinite(${x}))`,
  boolean: (x) => `typeof ${x} === "boolean"`,
  object: (x) => `(typeof ${x} === "object" && ${x} !== null && !Array.isArray(${x}))`,
  array: (x) => `Array.isArray(${x})`,
  null: (x) => `${x} === null`,
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const literal = (v: unknown): string => JSON.stringify(v);

/** Generates one JavaScript function per `$defs` entry (and per nested object/array node). */
class Generator {
  readonly functions: string[] = [];
  readonly regexes: Array<(s: string) => boolean> = [];
  readonly sets: Array<Set<unknown>> = [];
  private readonly defIndex = new Map<string, number>();

  constructor(private readonly defs: Record<string, unknown>) {
    Object.keys(defs).forEach((name, i) => this.defIndex.set(name, i));
  }

  defName(name: string): string {
    const i = this.defIndex.get(name);
    if (i === undefined) throw new Error(`fast validator: no $defs/${name}`);
    return `D${i}`;
  }

  /** Emits `function D<i>(v)` for every definition. */
  emitDefs(): void {
    for (const [name, schema] of Object.entries(this.defs)) {
      if (!isObject(schema)) throw new Error(`fast validator: $defs/${name} is not a schema`);
      this.functions.push(`function ${this.defName(name)}(v) { return ${this.expr(schema, 'v')}; }`);
    }
  }

  /** A boolean expression that is true when `x` satisfies `schema`. */
  expr(schema: Schema, x: string): string {
    for (const k of Object.keys(schema)) if (!KNOWN_KEYWORDS.has(k)) throw new Error(`fast validator: unsupported keyword ${k}`);
    const parts: string[] = [];
    if (schema['$ref'] !== undefined) parts.push(`${this.refName(String(schema['$ref']))}(${x})`);
    const type = schema['type'];
    const closedObject = schema['properties'] !== undefined || schema['required'] !== undefined || schema['anyOf'] !== undefined || schema['oneOf'] !== undefined;
    if (type !== undefined && !(type === 'object' && closedObject)) {
      const t = TYPE_EXPR[String(type)];
      if (!t) throw new Error(`fast validator: unsupported type ${String(type)}`);
      parts.push(t(x));
    }
    if ('const' in schema) parts.push(`${x} === ${this.primitive(schema['const'])}`);
    if (schema['enum'] !== undefined) parts.push(this.enumExpr(schema['enum'], x));
    if (schema['pattern'] !== undefined) {
      this.regexes.push(memoRegex(String(schema['pattern'])));
      parts.push(`(typeof ${x} !== "string" || R[${this.regexes.length - 1}](${x}))`);
    }
    if (schema['maxLength'] !== undefined) {
      const n = Number(schema['maxLength']);
      parts.push(`(typeof ${x} !== "string" || ${x}.length <= ${n} || CP(${x}) <= ${n})`);
    }
    if (schema['minimum'] !== undefined) parts.push(`(typeof ${x} !== "number" || ${x} >= ${Number(schema['minimum'])})`);
    if (schema['maximum'] !== undefined) parts.push(`(typeof ${x} !== "number" || ${x} <= ${Number(schema['maximum'])})`);
    if (schema['items'] !== undefined) parts.push(`(!Array.isArray(${x}) || ${this.itemsFunction(schema['items'])}(${x}))`);
    if (closedObject) parts.push(`${this.objectFunction(schema)}(${x})`);
    return parts.length === 0 ? 'true' : parts.join(' && ');
  }

  private refName(ref: string): string {
    const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
    if (!m?.[1]) throw new Error(`fast validator: unsupported $ref ${ref}`);
    return this.defName(m[1]);
  }

  private primitive(v: unknown): string {
    if (typeof v === 'object' && v !== null) throw new Error('fast validator: only primitive const/enum values');
    return literal(v);
  }

  private enumExpr(values: unknown, x: string): string {
    if (!Array.isArray(values)) throw new Error('fast validator: enum must be an array');
    if (values.length <= 8) return `(${values.map((v) => `${x} === ${this.primitive(v)}`).join(' || ') || 'false'})`;
    values.forEach((v) => this.primitive(v));
    this.sets.push(new Set(values));
    return `S[${this.sets.length - 1}].has(${x})`;
  }

  private itemsFunction(items: unknown): string {
    if (!isObject(items)) throw new Error('fast validator: items must be one schema');
    const name = `F${this.functions.length}`;
    this.functions.push('');
    const body = `for (let i = 0; i < v.length; i++) { const x = v[i]; if (!(${this.expr(items, 'x')})) return false; } return true;`;
    this.functions[Number(name.slice(1))] = `function ${name}(v) { ${body} }`;
    return name;
  }

  /** A closed object: presence rules first, then a switch over the keys the value has. */
  private objectFunction(schema: Schema): string {
    if (schema['type'] !== 'object' || schema['additionalProperties'] !== false) {
      throw new Error('fast validator: object schemas must be closed (type object, additionalProperties false)');
    }
    const name = `F${this.functions.length}`;
    this.functions.push('');
    const lines = ['if (typeof v !== "object" || v === null || Array.isArray(v)) return false;'];
    const required = (schema['required'] ?? []) as string[];
    if (required.length > 0) lines.push(`if (${required.map((k) => `v[${literal(k)}] === undefined`).join(' || ')}) return false;`);
    const anyOf = presenceGroup(schema['anyOf']);
    if (anyOf) lines.push(`if (${anyOf.map((k) => `v[${literal(k)}] === undefined`).join(' && ')}) return false;`);
    const oneOf = presenceGroup(schema['oneOf']);
    if (oneOf) lines.push(`if ((${oneOf.map((k) => `(v[${literal(k)}] !== undefined ? 1 : 0)`).join(' + ')}) !== 1) return false;`);
    const cases = Object.entries((schema['properties'] ?? {}) as Record<string, Schema>).map(
      ([k, s]) => `case ${literal(k)}: if (x !== undefined && !(${this.expr(s, 'x')})) return false; break;`,
    );
    lines.push(`for (const k in v) { const x = v[k]; switch (k) { ${cases.join(' ')} default: return false; } }`, 'return true;');
    this.functions[Number(name.slice(1))] = `function ${name}(v) { ${lines.join(' ')} }`;
    return name;
  }
}

/** `anyOf`/`oneOf` of `{required:[name]}` branches, as the list of names. */
function presenceGroup(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new Error('fast validator: anyOf/oneOf must be an array');
  return value.map((branch) => {
    const req = isObject(branch) ? branch['required'] : undefined;
    if (!isObject(branch) || Object.keys(branch).length !== 1 || !Array.isArray(req) || req.length !== 1) {
      throw new Error('fast validator: anyOf/oneOf branches must be {required:[name]}');
    }
    return String(req[0]);
  });
}

/**
 * Compiles every definition of one schema document (`$defs`) into plain functions at once;
 * `$ref`s become direct calls, so recursive definitions need no indirection.
 * @throws Error when the document uses a keyword or shape the generator does not support.
 */
export class FastSchemaCompiler {
  private readonly checks: Record<string, Check>;

  constructor(defs: Record<string, unknown>) {
    const gen = new Generator(defs);
    gen.emitDefs();
    const table = Object.keys(defs).map((name) => `${literal(name)}: ${gen.defName(name)}`);
    const source = `"use strict"; ${gen.functions.join('\n')}\nreturn { ${table.join(', ')} };`;
    // Code generated from the trusted, committed schema artifact (as ajv itself does).
    this.checks = new Function('R', 'S', 'CP', source)(gen.regexes, gen.sets, codePoints) as Record<string, Check>;
  }

  /** The check of `#/$defs/<name>`. */
  def(name: string): Check {
    const check = Object.prototype.hasOwnProperty.call(this.checks, name) ? this.checks[name] : undefined;
    if (!check) throw new Error(`fast validator: no $defs/${name}`);
    return check;
  }
}
