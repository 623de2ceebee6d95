import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ocsfClass } from '@soc/ocsf';
import { conditionsOf } from './ocsf-mapping';
import { OCSF_CATEGORY_ENTRIES, OCSF_PRODUCT_ENTRIES } from './ocsf-logsources';
import { OCSF_CLASS_CAPTIONS } from './ocsf-doc';

type Node = Record<string, unknown>;
const SCHEMA = path.resolve(__dirname, '../../../ocsf/generated/ocsf-1.8.0.schema.json');
const defs = (JSON.parse(readFileSync(SCHEMA, 'utf8')) as { $defs: Record<string, Node> }).$defs;

function resolve(node: Node): Node {
  let n = node;
  while (typeof n['$ref'] === 'string') n = defs[(n['$ref'] as string).replace('#/$defs/', '')] as Node;
  if (n['type'] === 'array' && n['items']) return resolve(n['items'] as Node);
  return n;
}

/** Whether `parts` is a path of the class in the compiled schema; free-form objects (json_t, unmapped) accept any rest. */
function pathExists(classUid: number, parts: readonly string[]): boolean {
  let node = resolve(defs[`class_${classUid}`] as Node);
  for (const part of parts) {
    const props = node['properties'] as Record<string, Node> | undefined;
    if (!props) return node['type'] === 'object' || node['type'] === undefined;
    const next = props[part];
    if (!next) return false;
    node = resolve(next);
  }
  return true;
}

const entries = [...OCSF_CATEGORY_ENTRIES, ...OCSF_PRODUCT_ENTRIES];

/** The OCSF paths a target reads (the kind prefix removed; a user object must have `name`). */
function pathsOf(target: string): string[][] {
  return target.split('|').map((alt) => {
    if (alt.startsWith('user:')) return [...alt.slice(5).split('.'), 'name'];
    if (alt.startsWith('hashes:')) return [...alt.slice(7).split('.'), 'value'];
    return alt.split('.');
  });
}

describe('OCSF mapping against the OCSF 1.8.0 schema', () => {
  it('can tell a real path from a wrong one', () => {
    expect(pathExists(1007, ['process', 'file', 'path'])).toBe(true);
    expect(pathExists(1007, ['process', 'file', 'nope'])).toBe(false);
    expect(pathExists(4003, ['answers', 'rdata'])).toBe(true);
    expect(pathExists(6003, ['api', 'request', 'data', 'anything'])).toBe(true);
    expect(pathExists(1001, ['reg_key', 'path'])).toBe(false);
  });

  it.each(entries.map((e) => [e.name, e] as const))('%s: every field path exists in one of its classes', (_name, entry) => {
    const missing: string[] = [];
    for (const [field, target] of Object.entries(entry.fields)) {
      for (const parts of pathsOf(target)) {
        if (!entry.classUids.some((uid) => pathExists(uid, parts))) missing.push(`${field} -> ${parts.join('.')}`);
      }
    }
    for (const c of conditionsOf(entry)) if (!entry.classUids.every((uid) => pathExists(uid, c.field.split('.')))) missing.push(`condition ${c.field}`);
    expect(missing).toEqual([]);
  });

  it('uses only classes and activities the schema has, with their schema captions', () => {
    for (const e of entries) {
      for (const uid of e.classUids) {
        const meta = ocsfClass(uid);
        expect(meta?.caption).toBe(OCSF_CLASS_CAPTIONS[uid]);
        for (const a of e.activityIds ?? []) expect(meta?.activities[String(a)]).toBeDefined();
      }
    }
  });
});
