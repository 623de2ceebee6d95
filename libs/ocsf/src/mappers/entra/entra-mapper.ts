import { assembleEvent } from '../../build/event';
import { asRecord, asString } from '../../build/field-readers';
import { guarded, unmappable } from '../../build/never-throw';
import { UNKNOWN } from '../../build/placeholder';
import { finishEvent } from '../../build/resource-observables';
import { SEVERITY } from '../../build/severity';
import { parseTimestamp } from '../../build/time';
import { buildUnmapped, unmappedExcept } from '../../build/unmapped';
import type { MetadataInput } from '../../build/metadata';
import type { MapContext, MapResult, SourceMapper } from '../../mapper';
import { AUDIT_MAPPED, auditActor, auditEndpoint, auditResources, auditStatus, auditTargets, classifyAudit, roleName, targetUser } from './audit';
import { normalizeEntra } from './normalize';
import { o365Event } from './o365-event';
import { readO365 } from './o365-record';
import type { EntraRecord } from './normalize';
import { SIGNIN_MAPPED, signInAttributes, signInSeverity, signInStatus } from './signin';

/** Monitor envelope fields placed in OCSF attributes or metadata. */
const ENVELOPE_MAPPED = ['time', 'category', 'operationName', 'operationVersion', 'callerIpAddress', 'correlationId', 'tenantId', 'resultType', 'resultDescription', 'resultSignature'];
const ENVELOPE_SET: ReadonlySet<string> = new Set(ENVELOPE_MAPPED);
const SIGNIN_SET: ReadonlySet<string> = new Set(SIGNIN_MAPPED);
const AUDIT_SET: ReadonlySet<string> = new Set([...AUDIT_MAPPED, 'userAgent']);

/**
 * Microsoft Entra ID (Azure AD) -> OCSF. Sign-in logs (interactive, non-interactive,
 * service principal, managed identity) -> Authentication 3002; directory audits -> 3001
 * (user management), 3006 (group management), 3005 (role membership) or 6003 (consent,
 * app role assignments, policies and the rest). Accepts Graph API objects, Azure Monitor
 * diagnostic records and Log Analytics rows, and Microsoft 365 unified audit records
 * (Management Activity API / Sentinel OfficeActivity: Exchange mailbox access and inbox
 * rules, Azure AD logons and directory changes, SharePoint / OneDrive file operations).
 */
export const entraMapper: SourceMapper = {
  source: 'entra',
  map: (record: unknown, ctx: MapContext): MapResult => guarded('entra', () => mapEntra(record, ctx)),
};

function mapEntra(record: unknown, ctx: MapContext): MapResult {
  const original = asRecord(record);
  if (!original) return unmappable('Entra record is not a JSON object');
  // The unified audit shape is checked first: its PascalCase `UserId` must not be taken for a Graph field.
  const o365 = readO365(original);
  if (o365) return { ok: true, event: o365Event(o365, original, ctx) };
  const norm = normalizeEntra(original);
  if ('reason' in norm) return unmappable(norm.reason);
  const event = norm.kind === 'signin' ? signInEvent(norm, original, ctx) : auditEvent(norm, original, ctx);
  return { ok: true, event: finishEvent(event) };
}

function metadataOf(norm: EntraRecord, ctx: MapContext, timeText: string | undefined, eventCode: string | undefined): MetadataInput {
  const { body, envelope } = norm;
  return {
    product: { name: 'Microsoft Entra ID', vendor_name: 'Microsoft' },
    uid: ctx.eventUid,
    tenant_uid: ctx.tenantId,
    original_time: timeText,
    log_name: norm.logName,
    log_provider: asString(body['loggedByService']),
    event_code: eventCode,
    original_event_uid: asString(body['id']),
    correlation_uid: asString(body['correlationId']) ?? asString(envelope['correlationId']),
  };
}

function cloudOf(norm: EntraRecord): Record<string, unknown> {
  const tenant = asString(norm.body['tenantId']) ?? asString(norm.envelope['tenantId']) ?? asString(norm.body['aADTenantId']);
  return { provider: 'Azure', org: tenant ? { uid: tenant } : undefined };
}

function signInEvent(norm: EntraRecord, original: Record<string, unknown>, ctx: MapContext) {
  const { body, envelope } = norm;
  const status = signInStatus(body, envelope);
  const timeText = asString(body['createdDateTime']) ?? asString(envelope['time']) ?? asString(body['timeGenerated']);
  // Status fields by name (absent ones are undefined attributes, dropped) and the rest assigned
  // over, not spread: V8 makes an object literal that starts with a spread and goes on with
  // more keys ~1 µs slower (a new hidden class every time).
  const attributes: Record<string, unknown> = {
    status_id: status.status_id,
    status: status.status,
    status_code: status.status_code,
    status_detail: status.status_detail,
    message: asString(asRecord(body['status'])?.['additionalDetails']),
    cloud: cloudOf(norm),
  };
  Object.assign(attributes, signInAttributes(body, envelope, norm.logName));
  return assembleEvent({
    classUid: 3002,
    activityId: 1,
    time: parseTimestamp(timeText) ?? ctx.receivedAt,
    severityId: signInSeverity(status, body),
    metadata: metadataOf(norm, ctx, timeText, asString(envelope['operationName']) ?? 'Sign-in activity'),
    original,
    originalText: ctx.rawText,
    attributes,
    unmapped: buildUnmapped(unmappedExcept(envelope, ENVELOPE_SET), unmappedExcept(body, SIGNIN_SET)),
  });
}

function auditEvent(norm: EntraRecord, original: Record<string, unknown>, ctx: MapContext) {
  const { body, envelope } = norm;
  const activity = asString(body['activityDisplayName']) ?? asString(body['operationName']) ?? asString(envelope['operationName']) ?? UNKNOWN;
  const targets = auditTargets(body);
  const cls = classifyAudit(activity, asString(body['category']), asString(body['operationType']), asString(targets[0]?.['type']));
  const status = auditStatus(body, envelope);
  const timeText = asString(body['activityDateTime']) ?? asString(envelope['time']) ?? asString(body['timeGenerated']);
  const actor = auditActor(body, envelope);
  const src = auditEndpoint(body, envelope);
  const userTarget = targetUser(targets.find((t) => asString(t['type']) === 'User') ?? targets.find((t) => asString(t['type']) === 'ServicePrincipal'));
  const group = targets.find((t) => asString(t['type']) === 'Group');
  const byClass: Record<number, Record<string, unknown>> = {
    3001: { user: userTarget ?? actor['user'] },
    3005: { user: userTarget ?? actor['user'], privileges: [roleName(targets) ?? activity], resources: auditResources(targets) },
    3006: { user: userTarget, group: { uid: asString(group?.['id']), name: asString(group?.['displayName']) ?? (group ? undefined : UNKNOWN) } },
    6003: {
      api: { operation: activity, service: { name: asString(body['loggedByService']) ?? 'Microsoft Entra ID' }, request: { uid: asString(body['correlationId']) ?? asString(body['id']) ?? asString(envelope['correlationId']) } },
      resources: auditResources(targets),
      // 6003 requires src_endpoint; directory audits by apps often carry no IP.
      src_endpoint: src ?? { name: UNKNOWN },
    },
  };
  const attributes: Record<string, unknown> = {
    status_id: status.status_id,
    status: status.status,
    status_code: status.status_code,
    status_detail: status.status_detail,
    message: activity,
    cloud: cloudOf(norm),
    actor,
    src_endpoint: src,
    http_request: { user_agent: asString(body['userAgent']) },
  };
  Object.assign(attributes, byClass[cls.classUid]);
  return assembleEvent({
    classUid: cls.classUid,
    activityId: cls.activityId,
    activityName: cls.activityName,
    time: parseTimestamp(timeText) ?? ctx.receivedAt,
    severityId: status.status_id === 2 ? SEVERITY.Low : SEVERITY.Informational,
    metadata: metadataOf(norm, ctx, timeText, activity),
    original,
    originalText: ctx.rawText,
    attributes,
    unmapped: buildUnmapped(unmappedExcept(envelope, ENVELOPE_SET), unmappedExcept(body, AUDIT_SET)),
  });
}
