import { ocsfMeta } from '@soc/ocsf';
import type { LogsourceVariant } from '../types';

/**
 * Native rules (written against OCSF paths) name their logsource `product: ocsf` with the OCSF
 * class name as the category, e.g. `category: process_activity` or `api_activity`; every class
 * of the compiled 1.8.0 schema is accepted, by its schema name or its caption in snake_case
 * (class 1001 is `file_activity` in the schema and `file_system_activity` by caption). The variant selects the class by `class_uid` and
 * renames nothing: native rules already name OCSF paths.
 */
let byName: Map<string, readonly LogsourceVariant[]> | undefined;

function classVariants(): Map<string, readonly LogsourceVariant[]> {
  if (byName) return byName;
  byName = new Map();
  for (const c of Object.values(ocsfMeta().classes)) {
    const variants = Object.freeze([Object.freeze({ name: `ocsf-${c.name}`, conditions: Object.freeze([{ field: 'class_uid', values: [c.uid] }]), fieldRenames: Object.freeze({}) })]);
    byName.set(c.name.toLowerCase(), variants);
    byName.set(c.caption.toLowerCase().replace(/[^a-z0-9]+/g, '_'), variants);
  }
  return byName;
}

/** Variants of a native `product: ocsf` logsource: one OCSF class by name, or every event without a category. */
export function nativeOcsfVariants(category: string | undefined): readonly LogsourceVariant[] | undefined {
  if (category === undefined) return [{ name: 'ocsf-any', conditions: [], fieldRenames: {} }];
  return classVariants().get(category);
}
