import { assembleEvent } from '../../build/event';
import { asArray, asRecord, asString } from '../../build/field-readers';
import { UNKNOWN } from '../../build/placeholder';
import { finishEvent } from '../../build/resource-observables';
import { SEVERITY } from '../../build/severity';
import { parseTimestamp } from '../../build/time';
import { unmappedExcept } from '../../build/unmapped';
import { nameValueMap } from './o365-record';
import type { MapContext, OcsfEvent } from '../../mapper';
import { classifyO365 } from './o365-classify';
import type { O365Class } from './o365-classify';
import { forwardingObservables, o365File, o365RequestData, o365Resources } from './o365-objects';
import { o365Actor, o365Endpoint, o365Status, o365TargetUser, o365UserAgent, splitClientIp, userTypeOf } from './o365-parts';
import type { O365Record } from './o365-record';

/** Common-schema fields every class places in OCSF attributes or metadata. */
const COMMON_MAPPED = ['CreationTime', 'Id', 'Operation', 'OrganizationId', 'OrganizationName', 'ResultStatus', 'UserId', 'UserKey', 'UserType', 'Workload', 'ClientIP', 'ClientIPAddress', 'ActorIpAddress', 'LogonError', 'UserAgent', 'Version', 'Type'];

/** Readers of mapped fields whose value may be of the wrong shape; other mapped fields are read with `asString`. */
const READABLE: Record<string, (v: unknown) => boolean> = {
  ClientIP: (v) => splitClientIp(asString(v)).ip !== undefined,
  ClientIPAddress: (v) => splitClientIp(asString(v)).ip !== undefined,
  ActorIpAddress: (v) => splitClientIp(asString(v)).ip !== undefined,
  CreationTime: (v) => parseTimestamp(v) !== undefined,
  TimeGenerated: (v) => parseTimestamp(v) !== undefined,
  Parameters: (v) => nameValueMap(v) !== undefined,
  OperationProperties: (v) => nameValueMap(v) !== undefined,
  Folders: (v) => Array.isArray(v) && v.every((f) => asRecord(f) !== undefined),
  UserType: (v) => userTypeOf(v) !== undefined,
  Type: (v) => v === 'OfficeActivity',
};

/**
 * The mapped keys whose values were actually read: a field of the wrong shape (an
 * unparseable time, a ClientIP that is no address, Parameters that are not a list) stays
 * in `unmapped` so nothing is dropped.
 */
function readKeys(body: Record<string, unknown>, keys: string[]): string[] {
  return keys.filter((k) => (READABLE[k] ?? ((v: unknown) => asString(v) !== undefined))(body[k]));
}

/** Attributes of one class and the source fields they consumed. */
interface ClassPart {
  attributes: Record<string, unknown>;
  consumed: string[];
}

/** What every class builder may use. */
interface Context {
  rec: O365Record;
  operation: string;
  actorUser: Record<string, unknown>;
  src: Record<string, unknown> | undefined;
}

const UNKNOWN_USER = { name: UNKNOWN, type_id: 0, type: 'Unknown' };

/** A ModifiedProperties value by property name (JSON-quoted strings unquoted). */
function modifiedProperty(body: Record<string, unknown>, name: string): string | undefined {
  for (const p of asArray(body['ModifiedProperties'])) {
    const prop = asRecord(p);
    if (asString(prop?.['Name']) !== name) continue;
    const value = asString(prop?.['NewValue']) ?? asString(prop?.['OldValue']);
    return value?.replace(/^\s*\[?\s*"|"\s*\]?\s*$/g, '');
  }
  return undefined;
}

function authPart({ rec, actorUser }: Context): ClassPart {
  const aad = rec.workload.toLowerCase() === 'azureactivedirectory';
  return {
    attributes: {
      user: actorUser,
      service: { name: aad ? 'Microsoft Entra ID' : rec.workload, uid: aad ? asString(rec.body['ObjectId']) : undefined },
      is_remote: true,
    },
    consumed: aad ? ['ObjectId'] : [],
  };
}

function directoryPart(cls: O365Class, { rec, operation, actorUser }: Context): ClassPart {
  const user = o365TargetUser(rec.body) ?? actorUser;
  if (cls.classUid === 3005) return { attributes: { user, privileges: [modifiedProperty(rec.body, 'Role.DisplayName') ?? operation] }, consumed: [] };
  if (cls.classUid === 3006) {
    const group = { name: modifiedProperty(rec.body, 'Group.DisplayName') ?? UNKNOWN, uid: modifiedProperty(rec.body, 'Group.ObjectID') };
    return { attributes: { user: o365TargetUser(rec.body), group }, consumed: [] };
  }
  return { attributes: { user }, consumed: [] };
}

function apiPart({ rec, operation, src }: Context): ClassPart {
  const { body, workload } = rec;
  const resources = o365Resources(body, workload, operation);
  const objectId = asString(body['ObjectId']);
  return {
    attributes: {
      api: { operation, service: { name: workload }, request: { uid: asString(body['Id']) ?? UNKNOWN } },
      resources,
      // 6003 requires src_endpoint; service-initiated records carry no client IP.
      src_endpoint: src ?? { name: UNKNOWN },
    },
    consumed: ['Parameters', 'OperationProperties', 'Folders', 'MailboxGuid', 'MailboxOwnerUPN', ...(resources.some((r) => r['uid'] === objectId) ? ['ObjectId'] : [])],
  };
}

function fileHostingPart({ rec, src }: Context): ClassPart {
  return {
    attributes: { file: o365File(rec.body), src_endpoint: src ?? { name: UNKNOWN } },
    consumed: ['SourceFileName', 'SourceFileExtension', 'SourceRelativeUrl', 'ObjectId', 'ItemType'],
  };
}

function classPart(cls: O365Class, c: Context): ClassPart {
  if (cls.classUid === 3002) return authPart(c);
  if (cls.classUid === 6003) return apiPart(c);
  if (cls.classUid === 6006) return fileHostingPart(c);
  return directoryPart(cls, c);
}

/**
 * Maps a Microsoft 365 unified audit record to OCSF. Sign-ins -> Authentication 3002;
 * Azure AD directory changes -> 3001 / 3005 / 3006 like the Graph shape (consent and
 * OAuth2 grants -> 6003); SharePoint / OneDrive file and sharing operations -> File
 * Hosting Activity 6006; Exchange mailbox access and cmdlets (inbox rules, mailbox
 * forwarding, permissions) and everything else -> API Activity 6003.
 *
 * MailItemsAccessed is API Activity (Read), not Email Activity 4009: 4009's activities
 * are Send / Receive / Scan / Trace / MTA Relay of one message (`email` is required), while
 * this record is a mailbox read that binds or syncs many messages across folders. The
 * folders and their message ids stay in `resources[].data`.
 */
export function o365Event(rec: O365Record, original: Record<string, unknown>, ctx: MapContext): OcsfEvent {
  const { body, workload } = rec;
  const operation = asString(body['Operation']) ?? UNKNOWN;
  const fileWorkload = /^(sharepoint|onedrive)$/i.test(workload);
  const cls = classifyO365(workload, operation, body, fileWorkload && o365File(body) !== undefined);
  const status = o365Status(body, operation);
  const appKey = ['ClientAppId', 'AppId', 'ApplicationId'].find((k) => asString(body[k]) !== undefined);
  const session = asRecord(body['AppAccessContext']);
  const c: Context = { rec, operation, actorUser: o365Actor(body) ?? UNKNOWN_USER, src: o365Endpoint(body) };
  const part = classPart(cls, c);
  const timeKey = asString(body['CreationTime']) !== undefined ? 'CreationTime' : 'TimeGenerated';
  const timeText = asString(body[timeKey]);
  const event = assembleEvent({
    classUid: cls.classUid,
    activityId: cls.activityId,
    activityName: cls.activityName,
    time: parseTimestamp(timeText) ?? ctx.receivedAt,
    severityId: status.status_id === 2 ? SEVERITY.Low : SEVERITY.Informational,
    metadata: {
      product: { name: 'Microsoft 365', vendor_name: 'Microsoft' },
      uid: ctx.eventUid,
      tenant_uid: ctx.tenantId,
      original_time: timeText,
      log_name: rec.logName,
      log_provider: workload,
      log_version: asString(body['Version']),
      event_code: operation,
      original_event_uid: asString(body['Id']),
      correlation_uid: asString(session?.['CorrelationId']),
    },
    original,
    originalText: ctx.rawText,
    // Status fields by name (absent ones are undefined attributes, dropped) and the class part
    // assigned over, not spread: a literal that starts with a spread and goes on is slow in V8.
    attributes: Object.assign({
      status_id: status.status_id,
      status: status.status,
      status_code: status.status_code,
      status_detail: status.status_detail,
      message: operation,
      cloud: { provider: 'Microsoft', org: { uid: asString(body['OrganizationId']), name: asString(body['OrganizationName']) } },
      // In a sign-in the signing-in user is `user`; the actor is the client application.
      actor: { user: cls.classUid === 3002 ? undefined : c.actorUser, app_uid: appKey ? asString(body[appKey]) : undefined, session: { uid: asString(session?.['AADSessionId']) } },
      src_endpoint: c.src,
      http_request: { user_agent: o365UserAgent(body) },
    }, part.attributes),
    unmapped: unmappedExcept(body, readKeys(body, [...COMMON_MAPPED, timeKey, ...part.consumed, ...(appKey ? [appKey] : [])])),
  });
  attachRequestData(event, cls, body);
  return finishEvent(event, cls.classUid === 6003 ? forwardingObservables(body) : []);
}

/**
 * Sets `api.request.data` after assembly: the builder drops empty strings, but an empty
 * parameter value (`ForwardTo: ""` clears forwarding) is part of what the cmdlet did.
 */
function attachRequestData(event: OcsfEvent, cls: O365Class, body: Record<string, unknown>): void {
  const data = cls.classUid === 6003 ? o365RequestData(body) : undefined;
  const request = asRecord(asRecord(event['api'])?.['request']);
  if (data && request) request['data'] = data;
}
