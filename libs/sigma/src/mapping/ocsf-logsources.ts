import * as F from './ocsf-fields';
import type { OcsfFieldTable } from './ocsf-fields';
import * as P from './ocsf-product-fields';

/**
 * Sigma logsources -> OCSF 1.8.0 events. A category is a class (and activities) from any
 * source: `process_creation` is Process Activity (1007) Launch whether Sysmon, Security 4688
 * or auditd produced it. A product/service names the producing source (metadata.product.name),
 * with classes when the service is a subset of it (Entra sign-ins vs audit logs).
 */
export interface OcsfLogsourceEntry {
  /** Variant name. */
  name: string;
  logsource: { category?: string; product?: string; service?: string };
  /** Classes this logsource's events come in (checked against the schema; a condition when `matchClass`). */
  classUids: readonly number[];
  /** When true, `class_uid` must be one of `classUids`; else any class of the source. */
  matchClass: boolean;
  /** Activities required (`activity_id`); absent means any. */
  activityIds?: readonly number[];
  /** Further conditions: OCSF path -> any of values. */
  where?: Readonly<Record<string, readonly string[]>>;
  fields: OcsfFieldTable;
}

type Entry = OcsfLogsourceEntry;

function cat(category: string, classUid: number, activityIds: number[] | undefined, fields: OcsfFieldTable, suffix = ''): Entry {
  const name = `${category}-${classUid}${suffix}`;
  return { name, logsource: { category }, classUids: [classUid], matchClass: true, ...(activityIds ? { activityIds } : {}), fields };
}

function src(product: string, service: string, productName: string, classUids: number[], matchClass: boolean, fields: OcsfFieldTable, where?: Record<string, string[]>): Entry {
  return {
    name: `${product}-${service}`,
    logsource: { product, service },
    classUids,
    matchClass,
    where: { 'metadata.product.name': [productName], ...where },
    fields,
  };
}

/** Category logsources. */
export const OCSF_CATEGORY_ENTRIES: readonly Entry[] = [
  cat('process_creation', 1007, [1], F.PROCESS_CREATION),
  cat('process_termination', 1007, [2], F.PROCESS_TERMINATION),
  cat('process_access', 1007, [3], F.PROCESS_ON_PROCESS),
  cat('create_remote_thread', 1007, [4], F.PROCESS_ON_PROCESS),
  cat('network_connection', 4001, undefined, F.NETWORK_CONNECTION),
  cat('firewall', 4001, undefined, F.FIREWALL),
  cat('dns_query', 4003, undefined, F.DNS_QUERY),
  cat('dns', 4003, undefined, F.DNS),
  cat('file_event', 1001, [1], F.FILE),
  cat('file_change', 1001, [3, 6], F.FILE),
  cat('file_delete', 1001, [4], F.FILE),
  cat('file_rename', 1001, [5], F.FILE_RENAME),
  cat('file_access', 1001, [2, 14], F.FILE),
  cat('registry_add', 201001, [1], F.REGISTRY_KEY),
  cat('registry_delete', 201001, [4], F.REGISTRY_KEY, '-key'),
  cat('registry_delete', 201002, [4], F.REGISTRY_VALUE, '-value'),
  cat('registry_set', 201002, [2, 3], F.REGISTRY_VALUE),
  cat('registry_rename', 201001, [5], F.REGISTRY_RENAME),
  cat('registry_event', 201001, undefined, F.REGISTRY_KEY, '-key'),
  cat('registry_event', 201002, undefined, F.REGISTRY_VALUE, '-value'),
  cat('image_load', 1005, [1], F.IMAGE_LOAD),
  cat('authentication', 3002, undefined, F.AUTHENTICATION),
  cat('proxy', 4002, undefined, F.HTTP_W3C),
  cat('webserver', 4002, undefined, F.HTTP_W3C),
];

const IAM_AND_API = [3001, 3002, 3005, 3006, 6003];

/** Product/service logsources. */
export const OCSF_PRODUCT_ENTRIES: readonly Entry[] = [
  src('aws', 'cloudtrail', 'CloudTrail', [6003, 3001, 3002, 3006], false, P.CLOUDTRAIL),
  src('okta', 'okta', 'Okta System Log', IAM_AND_API, false, P.OKTA),
  src('azure', 'signinlogs', 'Microsoft Entra ID', [3002], true, P.AZURE_SIGNIN),
  src('azure', 'auditlogs', 'Microsoft Entra ID', [3001, 3005, 3006, 6003], true, P.AZURE_AUDIT),
  src('github', 'audit', 'GitHub Audit Log', IAM_AND_API, false, P.GITHUB_AUDIT),
  src('zeek', 'conn', 'Zeek', [4001], true, P.ZEEK_CONN, { 'metadata.log_name': ['conn'] }),
  src('zeek', 'dns', 'Zeek', [4003], true, P.ZEEK_DNS, { 'metadata.log_name': ['dns'] }),
  src('zeek', 'http', 'Zeek', [4002], true, P.ZEEK_HTTP, { 'metadata.log_name': ['http'] }),
  src('linux', 'auditd', 'auditd', [1007, 1001, 3002], false, P.AUDITD),
];

/** `metadata.product.name` of events our Windows mapper produces (for `product: windows`). */
export const WINDOWS_PRODUCT_NAMES: readonly string[] = ['Windows Event Log', 'Sysmon'];
