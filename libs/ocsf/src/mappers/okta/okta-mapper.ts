import { compact } from '../../build/compact';
import { assembleEvent } from '../../build/event';
import { asRecord, asString } from '../../build/field-readers';
import { canonicalKeys, keyCanon } from '../../build/key-canon';
import { guarded, unmappable } from '../../build/never-throw';
import { UNKNOWN } from '../../build/placeholder';
import { finishEvent } from '../../build/resource-observables';
import { SEVERITY, severityFromText } from '../../build/severity';
import { STATUS, buildStatus } from '../../build/status';
import { parseTimestamp } from '../../build/time';
import { buildUnmapped, unmappedExcept } from '../../build/unmapped';
import type { SeverityId } from '../../build/severity';
import type { StatusAttributes } from '../../build/status';
import type { MapContext, MapResult, SourceMapper } from '../../mapper';
import { OKTA_CLASS, classifyOkta, impliesMfa } from './classify';
import type { OktaClass } from './classify';
import { oktaActor, oktaAuthFactors, oktaSourceEndpoint, oktaUser, targetResources, targetsOfType } from './parts';

/** Canonical spellings of System Log fields (some exports lower-case every key). */
const CANON = keyCanon([
  'eventType', 'legacyEventType', 'displayMessage', 'authenticationContext', 'debugContext', 'debugData',
  'securityContext', 'alternateId', 'displayName', 'ipAddress', 'userAgent', 'rawUserAgent', 'geographicalContext',
  'postalCode', 'geolocation', 'externalSessionId', 'authenticationProvider', 'credentialProvider', 'credentialType',
  'authenticationStep', 'rootSessionId', 'requestId', 'requestUri', 'asNumber', 'asOrg', 'isProxy', 'ipChain',
  'detailEntry', 'threatSuspected', 'privilegeGranted', 'published', 'outcome', 'client', 'target', 'actor',
  'transaction', 'uuid', 'severity', 'version', 'request', 'factor',
]);

/** Top-level fields placed in OCSF attributes (the rest, `target` included, stays in `unmapped`). */
const MAPPED = ['eventType', 'published', 'uuid', 'version', 'displayMessage', 'outcome', 'actor', 'client', 'securityContext', 'transaction', 'severity'];
const MAPPED_SET: ReadonlySet<string> = new Set(MAPPED);

/**
 * Okta System Log -> OCSF: sessions, authentications and MFA verifications -> 3002,
 * user lifecycle/account/factor changes -> 3001, admin role grants -> 3005, group
 * membership and group privileges -> 3006, everything else (OAuth consent, policy, app,
 * system events) -> 6003.
 */
export const oktaMapper: SourceMapper = {
  source: 'okta',
  map: (record: unknown, ctx: MapContext): MapResult => guarded('okta', () => mapOkta(record, ctx)),
};

function mapOkta(record: unknown, ctx: MapContext): MapResult {
  const original = asRecord(record);
  if (!original) return unmappable('Okta record is not a JSON object');
  const rec = canonicalKeys(original, CANON) as Record<string, unknown>;
  const eventType = asString(rec['eventType']);
  if (!eventType) return unmappable('Okta record has no eventType');
  const cls = classifyOkta(eventType);
  const status = oktaStatus(asRecord(rec['outcome']));
  const debugData = asRecord(asRecord(rec['debugContext'])?.['debugData']);
  const src = oktaSourceEndpoint(rec['client'], rec['securityContext']);
  // Status fields by name (absent ones are undefined attributes, dropped) and the class
  // attributes assigned over, not spread: V8 makes an object literal that starts with a
  // spread and goes on with more keys ~1 µs slower (a new hidden class every time).
  const attributes: Record<string, unknown> = {
    status_id: status.status_id,
    status: status.status,
    status_code: status.status_code,
    status_detail: status.status_detail,
    message: asString(rec['displayMessage']),
    src_endpoint: src,
    http_request: { user_agent: asString(asRecord(asRecord(rec['client'])?.['userAgent'])?.['rawUserAgent']) },
  };
  Object.assign(attributes, classAttributes(rec, cls, eventType, debugData));
  if (cls.classUid === OKTA_CLASS.ApiActivity && !src) attributes['src_endpoint'] = { name: UNKNOWN };
  const event = assembleEvent({
    classUid: cls.classUid,
    activityId: cls.activityId,
    activityName: cls.activityName,
    time: parseTimestamp(rec['published']) ?? ctx.receivedAt,
    severityId: oktaSeverity(cls, status, eventType, asString(rec['severity'])),
    metadata: {
      product: { name: 'Okta System Log', vendor_name: 'Okta' },
      uid: ctx.eventUid,
      tenant_uid: ctx.tenantId,
      original_time: asString(rec['published']),
      log_name: 'System Log',
      log_version: asString(rec['version']),
      event_code: eventType,
      original_event_uid: asString(rec['uuid']),
      correlation_uid: asString(asRecord(rec['transaction'])?.['id']),
    },
    original,
    originalText: ctx.rawText,
    attributes,
    unmapped: buildUnmapped(unmappedExcept(rec, MAPPED_SET), clientLeftovers(rec)),
  });
  return { ok: true, event: finishEvent(event) };
}

/** Parts of `client` / `securityContext` that have no OCSF attribute (device kind, zone, parsed UA, proxy flag). */
function clientLeftovers(rec: Record<string, unknown>): Record<string, unknown> {
  const client = asRecord(rec['client']);
  const ua = asRecord(client?.['userAgent']);
  const security = asRecord(rec['securityContext']);
  return compact({
    client: { device: client?.['device'], zone: client?.['zone'], userAgent: { os: ua?.['os'], browser: ua?.['browser'] } },
    securityContext: { isProxy: security?.['isProxy'] },
  }) ?? {};
}

/** Okta outcome.result: SUCCESS/ALLOW succeed, FAILURE/DENY fail, CHALLENGE etc. are Other. */
function oktaStatus(outcome: Record<string, unknown> | undefined): StatusAttributes {
  const result = asString(outcome?.['result'])?.toUpperCase();
  const reason = asString(outcome?.['reason']);
  if (result === 'SUCCESS' || result === 'ALLOW') return buildStatus(true, result, reason);
  if (result === 'FAILURE' || result === 'DENY') return buildStatus(false, result, reason);
  if (result === undefined || result === 'UNKNOWN') return buildStatus(undefined, result, reason);
  return { status_id: STATUS.Other, status: result, status_code: result, ...(reason ? { status_detail: reason } : {}) };
}

/**
 * Severity: the higher of Okta's own level (WARN -> Low, ERROR -> Medium) and the
 * outcome rule: a failed sign-in is Low, a denied MFA push Medium (push fatigue is a
 * known takeover technique), other outcomes Informational.
 */
function oktaSeverity(cls: OktaClass, status: StatusAttributes, eventType: string, oktaLevel: string | undefined): SeverityId {
  let outcome: SeverityId = SEVERITY.Informational;
  if (/deny_push/.test(eventType) || (status.status_id === STATUS.Failure && /push/i.test(status.status_detail ?? ''))) outcome = SEVERITY.Medium;
  else if (status.status_id === STATUS.Failure && cls.classUid === OKTA_CLASS.Authentication) outcome = SEVERITY.Low;
  const vendor = oktaLevel ? severityFromText(oktaLevel).severity_id : SEVERITY.Informational;
  const vendorCapped = vendor === SEVERITY.Other || vendor === SEVERITY.Unknown ? SEVERITY.Informational : Math.min(vendor, SEVERITY.Medium);
  return Math.max(outcome, vendorCapped) as SeverityId;
}

function classAttributes(rec: Record<string, unknown>, cls: OktaClass, eventType: string, debugData: Record<string, unknown> | undefined): Record<string, unknown> {
  const actorEntity = asRecord(rec['actor']);
  const authCtx = asRecord(rec['authenticationContext']);
  const sessionUid = asString(authCtx?.['externalSessionId']);
  const targetUser = oktaUser(targetsOfType(rec['target'], 'User')[0]);
  const actor = oktaActor(actorEntity, sessionUid);
  const privilege = asString(debugData?.['privilegeGranted']) ?? asString(debugData?.['privilegeRevoked']);
  switch (cls.classUid) {
    case OKTA_CLASS.Authentication:
      return authenticationAttributes(rec, eventType, debugData, sessionUid, targetUser);
    case OKTA_CLASS.AccountChange:
      return { user: targetUser ?? actor['user'], actor, auth_factors: /mfa\.factor/.test(eventType) ? oktaAuthFactors(asString(debugData?.['factor'])) : undefined };
    case OKTA_CLASS.UserAccess:
      return { user: targetUser ?? actor['user'], actor, privileges: [privilege ?? asString(rec['displayMessage']) ?? eventType], resources: targetResources(rec['target']) };
    case OKTA_CLASS.GroupManagement: {
      const group = targetsOfType(rec['target'], 'UserGroup', 'Group')[0];
      return {
        group: { uid: asString(group?.['id']), name: asString(group?.['displayName']) ?? (group ? undefined : UNKNOWN) },
        user: targetUser,
        actor,
        privileges: privilege ? [privilege] : undefined,
      };
    }
    default:
      return {
        actor,
        api: { operation: eventType, service: { name: 'Okta' }, request: asString(debugData?.['requestId']) ? { uid: asString(debugData?.['requestId']) } : undefined },
        resources: targetResources(rec['target']),
      };
  }
}

function authenticationAttributes(
  rec: Record<string, unknown>,
  eventType: string,
  debugData: Record<string, unknown> | undefined,
  sessionUid: string | undefined,
  targetUser: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const actorEntity = asRecord(rec['actor']);
  const actorIsUser = asString(actorEntity?.['type'])?.toLowerCase() === 'user';
  const user = (actorIsUser ? oktaUser(actorEntity) : targetUser) ?? oktaUser(actorEntity) ?? { name: UNKNOWN, type_id: 0, type: 'Unknown' };
  const factor = asString(debugData?.['factor']) ?? asString(asRecord(rec['authenticationContext'])?.['credentialType']);
  const isMfa = impliesMfa(eventType) || asString(debugData?.['factor']) !== undefined ? true : undefined;
  const app = targetsOfType(rec['target'], 'AppInstance')[0];
  return {
    user,
    is_mfa: isMfa,
    auth_factors: isMfa ? oktaAuthFactors(factor) : undefined,
    session: sessionUid ? { uid: sessionUid, is_mfa: isMfa } : undefined,
    // The schema needs service or dst_endpoint: the app signed in to, else Okta itself.
    service: app ? { uid: asString(app['id']), name: asString(app['displayName']) ?? asString(app['alternateId']) } : { name: 'Okta' },
    // An admin acting for someone else (impersonation, SSO on behalf) keeps the actor.
    actor: actorIsUser || !actorEntity ? undefined : oktaActor(actorEntity, sessionUid),
  };
}
