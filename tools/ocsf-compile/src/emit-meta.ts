import type { ResolvedAttribute, ResolvedSchema } from './model';

/** Enum value -> caption, for one `*_id` attribute. */
export type EnumMeta = Record<string, string>;

/** What mappers and the console need to know about a class without loading the JSON Schema. */
export interface ClassMeta {
  uid: number;
  name: string;
  caption: string;
  category_uid: number;
  category_name: string;
  extension?: string;
  profiles: string[];
  activities: EnumMeta;
  required: string[];
  /** Enums of the class's own top-level attributes (severity_id, status_id, logon_type_id...). */
  enums: Record<string, EnumMeta>;
}

/** The whole meta artifact. */
export interface OcsfMeta {
  version: string;
  categories: Record<string, { uid: number; caption: string }>;
  classes: Record<string, ClassMeta>;
  /** Enums of object attributes, by object then attribute (e.g. process.integrity_id). */
  objects: Record<string, Record<string, EnumMeta>>;
  /** Enums of the dictionary, merged across every use: the widest set of values. */
  dictionary: Record<string, EnumMeta>;
  observable_types: EnumMeta;
}

function enumsOf(attrs: Record<string, ResolvedAttribute>): Record<string, EnumMeta> {
  const out: Record<string, EnumMeta> = {};
  for (const name of Object.keys(attrs).sort()) {
    const e = attrs[name]?.enum;
    if (e) out[name] = e;
  }
  return out;
}

/** Emits the meta artifact (class uid/name/category, activities and enums). */
export function emitMeta(schema: ResolvedSchema): OcsfMeta {
  const classes: Record<string, ClassMeta> = {};
  const dictionary: Record<string, EnumMeta> = {};
  const widen = (enums: Record<string, EnumMeta>) => {
    for (const [name, e] of Object.entries(enums)) dictionary[name] = { ...(dictionary[name] ?? {}), ...e };
  };
  for (const cls of schema.classes) {
    const enums = enumsOf(cls.attributes);
    widen(enums);
    const meta: ClassMeta = {
      uid: cls.uid,
      name: cls.name,
      caption: cls.caption,
      category_uid: cls.categoryUid,
      category_name: cls.categoryName,
      profiles: cls.profiles,
      activities: enums['activity_id'] ?? {},
      required: Object.keys(cls.attributes)
        .filter((n) => cls.attributes[n]?.requirement === 'required' && cls.attributes[n]?.profile === undefined)
        .sort(),
      enums,
    };
    if (cls.extension) meta.extension = cls.extension;
    classes[String(cls.uid)] = meta;
  }
  const objects: Record<string, Record<string, EnumMeta>> = {};
  for (const [name, obj] of Object.entries(schema.objects)) {
    const enums = enumsOf(obj.attributes);
    if (Object.keys(enums).length > 0) objects[name] = enums;
  }
  const sortedDictionary: Record<string, EnumMeta> = {};
  for (const name of Object.keys(dictionary).sort()) sortedDictionary[name] = dictionary[name] as EnumMeta;
  return {
    version: schema.version,
    categories: schema.categories,
    classes,
    objects,
    dictionary: sortedDictionary,
    observable_types: schema.observableTypes,
  };
}
