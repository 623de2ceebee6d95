// The artifact's shape is owned by the library that reads it; the compiler only fills it in.
import type { OcsfClassMeta, OcsfEnum, OcsfMeta } from '@soc/ocsf';
import type { ResolvedAttribute, ResolvedSchema } from './model';


function enumsOf(attrs: Record<string, ResolvedAttribute>): Record<string, OcsfEnum> {
  const out: Record<string, OcsfEnum> = {};
  for (const name of Object.keys(attrs).sort()) {
    const e = attrs[name]?.enum;
    if (e) out[name] = e;
  }
  return out;
}

/** Emits the meta artifact (class uid/name/category, activities and enums). */
export function emitMeta(schema: ResolvedSchema): OcsfMeta {
  const classes: Record<string, OcsfClassMeta> = {};
  const dictionary: Record<string, OcsfEnum> = {};
  const widen = (enums: Record<string, OcsfEnum>) => {
    for (const [name, e] of Object.entries(enums)) dictionary[name] = { ...(dictionary[name] ?? {}), ...e };
  };
  for (const cls of schema.classes) {
    const enums = enumsOf(cls.attributes);
    widen(enums);
    const meta: OcsfClassMeta = {
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
  const objects: Record<string, Record<string, OcsfEnum>> = {};
  for (const [name, obj] of Object.entries(schema.objects)) {
    const enums = enumsOf(obj.attributes);
    if (Object.keys(enums).length > 0) objects[name] = enums;
  }
  const sortedDictionary: Record<string, OcsfEnum> = {};
  for (const name of Object.keys(dictionary).sort()) sortedDictionary[name] = dictionary[name] as OcsfEnum;
  return {
    version: schema.version,
    categories: schema.categories,
    classes,
    objects,
    dictionary: sortedDictionary,
    observable_types: schema.observableTypes,
  };
}
