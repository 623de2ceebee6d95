import { readOcsfArtifact } from './schema-artifacts';

/** Enum value (as a string key) to caption. */
export type OcsfEnum = Record<string, string>;

/** Per-class facts from the compiled meta artifact. */
export interface OcsfClassMeta {
  uid: number;
  name: string;
  caption: string;
  category_uid: number;
  category_name: string;
  extension?: string;
  profiles: string[];
  activities: OcsfEnum;
  required: string[];
  enums: Record<string, OcsfEnum>;
}

/** The compiled meta artifact (libs/ocsf/generated/ocsf-1.8.0.meta.json). */
export interface OcsfMeta {
  version: string;
  categories: Record<string, { uid: number; caption: string }>;
  classes: Record<string, OcsfClassMeta>;
  objects: Record<string, Record<string, OcsfEnum>>;
  dictionary: Record<string, OcsfEnum>;
  observable_types: OcsfEnum;
}

let cached: OcsfMeta | undefined;

/** The compiled OCSF meta (class names, categories, activities, enums), loaded once. */
export function ocsfMeta(): OcsfMeta {
  cached ??= readOcsfArtifact('meta') as OcsfMeta;
  return cached;
}

/** Facts about one class, or `undefined` if the schema has no such class. */
export function ocsfClass(classUid: number): OcsfClassMeta | undefined {
  return ocsfMeta().classes[String(classUid)];
}
