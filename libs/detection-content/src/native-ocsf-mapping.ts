import { ocsfFieldMapping, type FieldMapping, type LogsourceVariant } from '@soc/sigma';

/**
 * Native rule categories (README, "Logsource convention"): the OCSF class name in snake_case
 * -> class_uid.
 */
export const OCSF_CLASS_CATEGORIES: Readonly<Record<string, number>> = Object.freeze({
  file_system_activity: 1001,
  process_activity: 1007,
  account_change: 3001,
  authentication: 3002,
  authorize_session: 3003,
  network_activity: 4001,
  http_activity: 4002,
  dns_activity: 4003,
  api_activity: 6003,
});

const VARIANTS: ReadonlyMap<string, readonly LogsourceVariant[]> = new Map(
  Object.entries(OCSF_CLASS_CATEGORIES).map(([category, classUid]) => [
    category,
    Object.freeze([Object.freeze({ name: `ocsf-${category}`, conditions: Object.freeze([{ field: 'class_uid', values: [classUid] }]), fieldRenames: Object.freeze({}) })]),
  ]),
);

/**
 * The OCSF field mapping plus native logsources: `product: ocsf` with a class-name category
 * selects that class and renames nothing (native rules already name OCSF paths). Every other
 * logsource, and every field read, goes to `ocsfFieldMapping` unchanged.
 *
 * Why here: `ocsfFieldMapping` maps SigmaHQ logsources only; for `product: ocsf` it answers by
 * category alone, so `authentication` resolves by coincidence and `api_activity`,
 * `account_change`, `process_activity`... do not resolve at all. Until it learns the native
 * convention (then this adapter goes), the rules are compiled through this.
 */
export const nativeOcsfFieldMapping: FieldMapping = {
  name: 'ocsf-native',
  variants(logsource) {
    if (logsource.product?.toLowerCase() !== 'ocsf') return ocsfFieldMapping.variants(logsource);
    return VARIANTS.get(logsource.category?.toLowerCase() ?? '');
  },
  accessor: (field) => ocsfFieldMapping.accessor(field),
};
