import type { FieldAccessor, FieldMapping, Logsource, LogsourceClause, LogsourceVariant } from '../types';
import { nativeOcsfVariants } from './ocsf-native';
import { ocsfAccessor } from './ocsf-accessor';
import type { OcsfFieldTable } from './ocsf-fields';
import { OCSF_CATEGORY_ENTRIES, OCSF_PRODUCT_ENTRIES, WINDOWS_PRODUCT_NAMES } from './ocsf-logsources';
import type { OcsfLogsourceEntry } from './ocsf-logsources';
import { windowsFieldMapping } from './windows-mapping';
import { WINDOWS_SERVICE_CHANNELS } from './windows-logsources';

/** Renames of a table, each with the source's own field (`unmapped.<Field>`) as last resort. */
export function renamesOf(fields: OcsfFieldTable): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [field, target] of Object.entries(fields)) {
    const own = `unmapped.${field}`;
    out[field] = target.split('|').includes(own) ? target : `${target}|${own}`;
  }
  return Object.freeze(out);
}

/** The conditions of an entry, in the order a rule index tests them (class first). */
export function conditionsOf(entry: OcsfLogsourceEntry): LogsourceClause[] {
  const out: LogsourceClause[] = [];
  if (entry.matchClass) out.push({ field: 'class_uid', values: entry.classUids });
  if (entry.activityIds) out.push({ field: 'activity_id', values: entry.activityIds });
  for (const [field, values] of Object.entries(entry.where ?? {})) out.push({ field, values });
  return out;
}

function variantOf(entry: OcsfLogsourceEntry): LogsourceVariant {
  return Object.freeze({ name: entry.name, conditions: Object.freeze(conditionsOf(entry)), fieldRenames: renamesOf(entry.fields) });
}

function groupBy(entries: readonly OcsfLogsourceEntry[], key: (e: OcsfLogsourceEntry) => string): Map<string, LogsourceVariant[]> {
  const out = new Map<string, LogsourceVariant[]>();
  for (const e of entries) {
    const k = key(e);
    const list = out.get(k) ?? [];
    list.push(variantOf(e));
    out.set(k, list);
  }
  return out;
}

const BY_CATEGORY = groupBy(OCSF_CATEGORY_ENTRIES, (e) => e.logsource.category ?? '');
const BY_PRODUCT_SERVICE = groupBy(OCSF_PRODUCT_ENTRIES, (e) => `${e.logsource.product}/${e.logsource.service}`);
const BY_PRODUCT = groupBy(OCSF_PRODUCT_ENTRIES, (e) => e.logsource.product ?? '');

/** A Windows clause on OCSF events from our Windows mapper: channel is `metadata.log_name`, EventID `metadata.event_code`. */
function windowsClauseOnOcsf(clause: LogsourceClause): LogsourceClause {
  if (clause.field === 'Channel') return { field: 'metadata.log_name', values: clause.values };
  if (clause.field === 'EventID') return { field: 'metadata.event_code', values: clause.values.map(String) };
  return { field: `unmapped.${clause.field}`, values: clause.values };
}

/**
 * Windows logsources with no OCSF class of their own (ps_script, pipe_created, a service...)
 * reach the OCSF events of our Windows mapper by channel and EventID; the Sigma fields are
 * read from `unmapped`, where that mapper keeps every EventData field.
 */
function windowsOnOcsf(logsource: Logsource): readonly LogsourceVariant[] | undefined {
  const variants = windowsFieldMapping.variants(logsource);
  if (!variants) return undefined;
  return variants.map((v) =>
    Object.freeze({
      name: `windows-${v.name}`,
      conditions: Object.freeze(
        v.conditions.length > 0 ? v.conditions.map(windowsClauseOnOcsf) : [{ field: 'metadata.product.name', values: WINDOWS_PRODUCT_NAMES }],
      ),
      fieldRenames: v.fieldRenames,
    }),
  );
}

const lower = (s: string | undefined) => (s === undefined || s === '' ? undefined : s.toLowerCase());
const accessors = new Map<string, FieldAccessor>();

/**
 * Sigma logsources and fields on OCSF 1.8.0 events from any source (see
 * docs/sigma-ocsf-mapping.md, generated from the same tables). Categories are OCSF classes and
 * activities; product/service logsources are the producing source; other Windows logsources
 * go by channel and EventID. Accessors are cached per name: many rules share them.
 */
export const ocsfFieldMapping: FieldMapping = {
  name: 'ocsf',
  variants(logsource: Logsource): readonly LogsourceVariant[] | undefined {
    const category = lower(logsource.category);
    const product = lower(logsource.product);
    const service = lower(logsource.service);
    if (product === 'ocsf') return nativeOcsfVariants(category);
    if (category !== undefined) return BY_CATEGORY.get(category) ?? windowsOnOcsf(logsource);
    if (product === undefined) return undefined;
    const known = service === undefined ? BY_PRODUCT.get(product) : BY_PRODUCT_SERVICE.get(`${product}/${service}`);
    if (known) return known;
    if (product === 'windows' && (service === undefined || WINDOWS_SERVICE_CHANNELS[service])) return windowsOnOcsf(logsource);
    return undefined;
  },
  accessor(field: string): FieldAccessor {
    let a = accessors.get(field);
    if (a === undefined) {
      a = ocsfAccessor(field);
      accessors.set(field, a);
    }
    return a;
  },
};
