import { asNumber, asRecord, asString } from '../../build/field-readers';
import { parseJsonish } from '../../build/json-text';
import { keyCanon } from '../../build/key-canon';

/**
 * A Microsoft 365 unified audit record (Office 365 Management Activity API common schema)
 * with canonical field names, nested JSON text parsed and the workload known.
 */
export interface O365Record {
  /** Fields under their Management Activity API names (`CreationTime`, `UserId`, `Parameters`...). */
  body: Record<string, unknown>;
  /** `AzureActiveDirectory`, `Exchange`, `SharePoint`, `OneDrive`... (inferred from RecordType when absent). */
  workload: string;
  /** Content type of the Management Activity API (`Audit.Exchange`...), or the Sentinel table. */
  logName: string;
}

/**
 * Canonical spellings of the top-level fields the mapper reads. Lower-casing shippers
 * (the Panther samples) deliver `creationtime`, `userid`...; only top-level keys are
 * renamed, so nested objects (`Actor[].ID`, `Parameters[].Name`) stay as the source wrote
 * them, and `unmapped` keeps their original spelling.
 */
const O365_CANON = keyCanon([
  'CreationTime', 'Id', 'Operation', 'OrganizationId', 'OrganizationName', 'RecordType', 'ResultStatus', 'UserKey', 'UserType',
  'Version', 'Workload', 'ClientIP', 'ClientIPAddress', 'UserId', 'ObjectId', 'Parameters', 'ExternalAccess', 'OriginatingServer',
  'ClientInfoString', 'ClientAppId', 'AppId', 'ApplicationId', 'MailboxGuid', 'MailboxOwnerUPN', 'OperationProperties', 'Folders',
  'OperationCount', 'ExtendedProperties', 'ModifiedProperties', 'Actor', 'Target', 'ActorIpAddress', 'LogonError', 'UserAgent',
  'SourceFileName', 'SourceFileExtension', 'SourceRelativeUrl', 'SiteUrl', 'ItemType', 'EventSource', 'AppAccessContext',
  'TargetUserOrGroupName', 'TargetUserOrGroupType', 'Type', 'TimeGenerated',
]);

/** Sentinel `OfficeActivity` columns that rename a Management Activity API field. */
const SENTINEL_RENAMES: Record<string, string> = { OfficeWorkload: 'Workload', Client_IPAddress: 'ClientIP', OfficeId: 'Id' };

/** RecordType (AuditLogRecordType) -> workload, for records that omit `Workload`. */
const WORKLOAD_BY_RECORD_TYPE: Record<number, string> = {
  1: 'Exchange', 2: 'Exchange', 3: 'Exchange', 50: 'Exchange',
  8: 'AzureActiveDirectory', 9: 'AzureActiveDirectory', 15: 'AzureActiveDirectory',
  4: 'SharePoint', 6: 'SharePoint', 14: 'SharePoint', 36: 'SharePoint',
};

/** Management Activity API content type per workload. */
const CONTENT_TYPE: Record<string, string> = {
  azureactivedirectory: 'Audit.AzureActiveDirectory',
  exchange: 'Audit.Exchange',
  sharepoint: 'Audit.SharePoint',
  onedrive: 'Audit.SharePoint',
};

/** Source key -> canonical key, memoised (bounded): every Entra record is checked for this shape. */
const NAMES = new Map<string, string>();

function canonicalName(k: string): string {
  let name = NAMES.get(k);
  if (name === undefined) {
    name = (Object.prototype.hasOwnProperty.call(SENTINEL_RENAMES, k) ? SENTINEL_RENAMES[k] : undefined) ?? O365_CANON.get(k.toLowerCase()) ?? k;
    if (NAMES.size >= 8192) NAMES.clear();
    NAMES.set(k, name);
  }
  return name;
}

/** Whether some top-level key becomes `Operation`: without one the record is not of this shape. */
function hasOperationKey(original: Record<string, unknown>): boolean {
  for (const k in original) if (Object.prototype.hasOwnProperty.call(original, k) && canonicalName(k) === 'Operation') return true;
  return false;
}

/**
 * Top-level keys renamed to their canonical spelling and JSON text parsed. A key already
 * spelled canonically wins over a renamed twin, which then keeps its own name (nothing is
 * dropped).
 */
function canonicalBody(original: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const renamed: [string, string, unknown][] = [];
  for (const [k, v] of Object.entries(original)) {
    const key = canonicalName(k);
    if (key === k) body[k] = parseJsonish(v);
    else renamed.push([k, key, v]);
  }
  for (const [k, key, v] of renamed) body[key in body ? k : key] = parseJsonish(v);
  return body;
}

/**
 * Recognises the Microsoft 365 unified audit shape: the Management Activity API record
 * (`{CreationTime, Id, Operation, Workload, RecordType, UserId...}`, any key case) and
 * its Sentinel `OfficeActivity` row (`OfficeWorkload`, `Client_IPAddress`, nested lists
 * as JSON text). Returns `undefined` for anything else: a record needs an `Operation` and
 * one of `Workload`, `RecordType` or `CreationTime` + `OrganizationId`.
 */
export function readO365(original: Record<string, unknown>): O365Record | undefined {
  // Sign-in and directory records (most Entra traffic) are told apart without copying them.
  if (!hasOperationKey(original)) return undefined;
  const sentinel = asString(original['Type']) === 'OfficeActivity';
  const body = canonicalBody(original);
  if (!asString(body['Operation'])) return undefined;
  const recordType = asNumber(body['RecordType']);
  const workload = asString(body['Workload']) ?? (recordType !== undefined ? WORKLOAD_BY_RECORD_TYPE[recordType] : undefined);
  const common = body['CreationTime'] !== undefined && body['OrganizationId'] !== undefined;
  if (!sentinel && workload === undefined && recordType === undefined && !common) return undefined;
  const resolved = workload ?? 'Microsoft 365';
  return { body, workload: resolved, logName: sentinel ? 'OfficeActivity' : (CONTENT_TYPE[resolved.toLowerCase()] ?? 'Audit.General') };
}

/** `[{Name, Value}]` lists (Parameters, OperationProperties, ExtendedProperties) as one object; repeated names keep every value. */
export function nameValueMap(value: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const item of value) {
    const rec = asRecord(item);
    const name = asString(rec?.['Name']);
    if (!rec || !name) continue;
    const v = rec['Value'] ?? null;
    const prev = out[name];
    out[name] = prev === undefined ? v : Array.isArray(prev) ? [...(prev as unknown[]), v] : [prev, v];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
