import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** One attribute entry as written in a class, object, profile or dictionary file. */
export type RawAttribute = Record<string, unknown>;

/** A class, object or profile file as written in the schema source. */
export interface RawDefinition {
  name?: string;
  caption?: string;
  uid?: number;
  category?: string;
  extends?: string;
  observable?: number;
  attributes?: Record<string, unknown>;
  constraints?: Record<string, string[]>;
  profiles?: string[];
  '@deprecated'?: unknown;
}

/** An extension (e.g. Windows): its uid composes the uids of its classes. */
export interface RawExtension {
  uid: number;
  name: string;
  dir: string;
  events: RawDefinition[];
  objects: RawDefinition[];
  dictionary: { attributes: Record<string, RawAttribute>; types?: { attributes: Record<string, RawAttribute> } };
}

/** Everything the compiler reads from the OCSF source tree, unresolved. */
export interface SchemaSource {
  root: string;
  version: string;
  dictionary: { attributes: Record<string, RawAttribute>; types: { attributes: Record<string, RawAttribute> } };
  categories: Record<string, { uid: number; caption: string }>;
  events: RawDefinition[];
  objects: RawDefinition[];
  extensions: RawExtension[];
}

/** Reads a JSON file of the schema source. */
export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** All *.json files under `dir`, sorted so the compiled output is deterministic. */
function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...jsonFiles(full));
    else if (entry.endsWith('.json')) out.push(full);
  }
  return out;
}

function loadExtension(dir: string): RawExtension | undefined {
  const manifest = path.join(dir, 'extension.json');
  let ext: { uid: number; name: string };
  try {
    ext = readJson(manifest);
  } catch {
    return undefined;
  }
  let dictionary: RawExtension['dictionary'] = { attributes: {} };
  try {
    dictionary = readJson(path.join(dir, 'dictionary.json'));
  } catch {
    // An extension without its own dictionary only reuses core attributes.
  }
  return {
    uid: ext.uid,
    name: ext.name,
    dir,
    dictionary,
    events: jsonFiles(path.join(dir, 'events')).map((f) => readJson<RawDefinition>(f)),
    objects: jsonFiles(path.join(dir, 'objects')).map((f) => readJson<RawDefinition>(f)),
  };
}

/** Loads the OCSF schema source tree rooted at `root` (the directory holding dictionary.json). */
export function loadSchemaSource(root: string): SchemaSource {
  const categories = readJson<{ attributes: SchemaSource['categories'] }>(path.join(root, 'categories.json')).attributes;
  const extRoot = path.join(root, 'extensions');
  const extensions = readdirSync(extRoot)
    .sort()
    .map((name) => path.join(extRoot, name))
    .filter((p) => statSync(p).isDirectory())
    .map(loadExtension)
    .filter((e): e is RawExtension => e !== undefined);
  return {
    root,
    version: readJson<{ version: string }>(path.join(root, 'version.json')).version,
    dictionary: readJson(path.join(root, 'dictionary.json')),
    categories,
    events: jsonFiles(path.join(root, 'events')).map((f) => readJson<RawDefinition>(f)),
    objects: jsonFiles(path.join(root, 'objects')).map((f) => readJson<RawDefinition>(f)),
    extensions,
  };
}
