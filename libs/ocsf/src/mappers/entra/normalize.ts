import { asRecord, asString } from '../../build/field-readers';
import { parseJsonish } from '../../build/json-text';
import { canonicalKeys, keyCanon } from '../../build/key-canon';

/** An Entra record reduced to the Graph API body, whatever shape it arrived in. */
export interface EntraRecord {
  kind: 'signin' | 'audit';
  /** Sign-in or directory-audit fields with Graph API names (`createdDateTime`, `initiatedBy`...). */
  body: Record<string, unknown>;
  /** Azure Monitor envelope fields (`time`, `category`, `callerIpAddress`...), when present. */
  envelope: Record<string, unknown>;
  /** Log name: the diagnostic category / Log Analytics table, or the Graph collection. */
  logName: string;
}

/** Diagnostic categories / Log Analytics tables that hold sign-ins. */
const SIGNIN_LOGS = new Set(
  ['SignInLogs', 'NonInteractiveUserSignInLogs', 'ServicePrincipalSignInLogs', 'ManagedIdentitySignInLogs', 'ADFSSignInLogs', 'SigninLogs', 'AADNonInteractiveUserSignInLogs', 'AADServicePrincipalSignInLogs', 'AADManagedIdentitySignInLogs'].map((s) => s.toLowerCase()),
);

/** Canonical spellings of Azure Monitor envelope fields (some exports lower-case them). */
const ENVELOPE_CANON = keyCanon(['time', 'resourceId', 'operationName', 'operationVersion', 'category', 'tenantId', 'resultType', 'resultSignature', 'resultDescription', 'durationMs', 'callerIpAddress', 'correlationId', 'identity', 'properties', 'location']);

/** Log Analytics columns whose names do not follow "lower-case the first letter". */
const LA_RENAMES: Record<string, string> = { IPAddress: 'ipAddress', LocationDetails: 'location', Id: 'id', AADTenantId: 'tenantId', AADOperationType: 'operationType', Type: 'type', OperationName: 'operationName' };

/** Log Analytics fields that hold JSON text (`InitiatedBy`, `Status`, `DeviceDetail`...). */
function fromLogAnalytics(rec: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    const key = LA_RENAMES[k] ?? k.charAt(0).toLowerCase() + k.slice(1);
    if (!(key in out)) out[key] = parseJsonish(v);
  }
  return out;
}

/**
 * A Log Analytics row by its table (`Type`); query results that overwrote `Type` with a
 * projected column are still recognised by their PascalCase audit / sign-in columns.
 */
function logAnalyticsKind(rec: Record<string, unknown>): { kind: 'signin' | 'audit'; table: string } | undefined {
  const type = asString(rec['Type']);
  if (type && SIGNIN_LOGS.has(type.toLowerCase())) return { kind: 'signin', table: type };
  if (type === 'AuditLogs') return { kind: 'audit', table: type };
  if (asString(rec['ActivityDisplayName']) && rec['InitiatedBy'] !== undefined) return { kind: 'audit', table: 'AuditLogs' };
  if (asString(rec['UserPrincipalName']) && rec['CreatedDateTime'] !== undefined) return { kind: 'signin', table: 'SigninLogs' };
  return undefined;
}

function graphKind(body: Record<string, unknown>): 'signin' | 'audit' | undefined {
  if (asString(body['activityDisplayName']) && (body['initiatedBy'] !== undefined || body['activityDateTime'] !== undefined)) return 'audit';
  const who = asString(body['userPrincipalName']) ?? asString(body['userId']) ?? asString(body['servicePrincipalId']) ?? asString(body['appId']);
  if (who && (body['createdDateTime'] !== undefined || body['status'] !== undefined)) return 'signin';
  return undefined;
}

/**
 * Recognises the three shapes Entra logs travel in: the Graph API objects
 * (`/auditLogs/signIns`, `/auditLogs/directoryAudits`), Azure Monitor diagnostic settings
 * (`{time, category, operationName, properties:{...}}`) and Log Analytics / Sentinel rows
 * (`Type: SigninLogs|AuditLogs`, PascalCase columns, nested objects as JSON text).
 * Returns a reason naming what is missing when the record is none of them.
 */
export function normalizeEntra(original: Record<string, unknown>): EntraRecord | { reason: string } {
  const la = logAnalyticsKind(original);
  if (la) return { kind: la.kind, body: fromLogAnalytics(original), envelope: {}, logName: la.table };
  const top = canonicalKeys(original, ENVELOPE_CANON) as Record<string, unknown>;
  const props = asRecord(top['properties']);
  if (props) {
    const category = asString(top['category']) ?? '';
    const envelope = { ...top };
    delete envelope['properties'];
    if (SIGNIN_LOGS.has(category.toLowerCase())) return { kind: 'signin', body: props, envelope, logName: category };
    const kind = graphKind(props) ?? (category === 'AuditLogs' && asString(props['operationType']) ? 'audit' : undefined);
    if (kind) return { kind, body: props, envelope, logName: category || (kind === 'audit' ? 'AuditLogs' : 'SignInLogs') };
    return { reason: `Azure Monitor record of category '${category || 'none'}' is neither an Entra sign-in nor an audit log (missing properties.activityDisplayName/createdDateTime)` };
  }
  const kind = graphKind(top);
  if (kind) return { kind, body: top, envelope: {}, logName: kind === 'audit' ? 'directoryAudits' : 'signIns' };
  return { reason: 'not an Entra sign-in, directory audit or Microsoft 365 unified audit record (missing createdDateTime/userPrincipalName, activityDisplayName, properties, or Operation with Workload/RecordType)' };
}
