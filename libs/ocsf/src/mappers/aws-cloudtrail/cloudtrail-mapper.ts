import { compact } from '../../build/compact';
import { assembleEvent } from '../../build/event';
import { asRecord, asString } from '../../build/field-readers';
import { canonicalKeys, keyCanon } from '../../build/key-canon';
import { guarded, unmappable } from '../../build/never-throw';
import { UNKNOWN } from '../../build/placeholder';
import { finishEvent } from '../../build/resource-observables';
import { SEVERITY } from '../../build/severity';
import { buildStatus } from '../../build/status';
import { parseTimestamp } from '../../build/time';
import { unmappedExcept } from '../../build/unmapped';
import type { SeverityId } from '../../build/severity';
import type { StatusAttributes } from '../../build/status';
import type { MapContext, MapResult, SourceMapper } from '../../mapper';
import { CLASS, classifyCloudTrail } from './classify';
import type { CloudTrailClass } from './classify';
import { cloudTrailResources, sourceEndpoint } from './details';
import { arnName, awsAccount, identityActor, identityUser } from './identity';

/** Canonical spellings of CloudTrail record fields (some exports lower-case every key). */
const CANON = keyCanon([
  'eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress',
  'userAgent', 'requestParameters', 'responseElements', 'additionalEventData', 'requestID', 'eventID',
  'readOnly', 'eventType', 'apiVersion', 'managementEvent', 'recipientAccountId', 'sharedEventID',
  'vpcEndpointId', 'eventCategory', 'errorCode', 'errorMessage', 'tlsDetails', 'sessionCredentialFromConsole',
  'principalId', 'accountId', 'accessKeyId', 'userName', 'sessionContext', 'sessionIssuer', 'attributes',
  'mfaAuthenticated', 'creationDate', 'invokedBy', 'webIdFederationData', 'serviceEventDetails',
]);

/** Top-level fields placed in OCSF attributes; everything else goes to `unmapped`. */
const MAPPED = ['eventTime', 'eventName', 'eventSource', 'awsRegion', 'sourceIPAddress', 'userAgent', 'userIdentity', 'requestID', 'eventID', 'eventVersion', 'recipientAccountId', 'sharedEventID', 'vpcEndpointId', 'errorCode', 'errorMessage'];

/** Error codes that mean the caller was refused: a failed attempt worth a Low severity. */
const DENIED = /AccessDenied|Unauthorized|Forbidden|NotAuthorized|InvalidClientTokenId|SignatureDoesNotMatch/i;

/**
 * AWS CloudTrail -> OCSF. Sign-ins become Authentication (3002), IAM user and credential
 * changes Account Change (3001), IAM group membership Group Management (3006), every other
 * API call API Activity (6003). Severity rules are on `severityOf`.
 */
export const cloudtrailMapper: SourceMapper = {
  source: 'aws-cloudtrail',
  map: (record: unknown, ctx: MapContext): MapResult => guarded('aws-cloudtrail', () => mapCloudTrail(record, ctx)),
};

function mapCloudTrail(record: unknown, ctx: MapContext): MapResult {
  const original = asRecord(record);
  if (!original) return unmappable('CloudTrail record is not a JSON object');
  const rec = canonicalKeys(original, CANON) as Record<string, unknown>;
  const eventName = asString(rec['eventName']);
  if (!eventName) return unmappable('CloudTrail record has no eventName');
  const eventSource = asString(rec['eventSource']);
  const cls = classifyCloudTrail(eventName, eventSource, asString(rec['eventType']), rec['readOnly']);
  const region = asString(rec['awsRegion']);
  const status = statusOf(rec, cls);
  // Status fields by name (an absent code/detail is an undefined attribute, dropped) and the
  // class attributes assigned over: V8 makes an object literal that starts with a spread and
  // goes on with more keys ~1 µs slower than these few keys (a new hidden class every time).
  const attributes: Record<string, unknown> = {
    status_id: status.status_id,
    status: status.status,
    status_code: status.status_code,
    status_detail: status.status_detail,
    cloud: { provider: 'AWS', region, account: awsAccount(asString(rec['recipientAccountId']), 10) },
    src_endpoint: sourceEndpoint(asString(rec['sourceIPAddress']), asString(rec['vpcEndpointId'])),
    http_request: { user_agent: asString(rec['userAgent']) },
    message: asString(rec['errorMessage']),
  };
  const specific = classAttributes(rec, cls, region);
  Object.assign(attributes, specific.attributes);
  const event = assembleEvent({
    classUid: cls.classUid,
    activityId: cls.activityId,
    activityName: cls.activityName,
    time: parseTimestamp(rec['eventTime']) ?? ctx.receivedAt,
    severityId: severityOf(cls, status, rec),
    metadata: {
      product: { name: 'CloudTrail', vendor_name: 'AWS' },
      uid: ctx.eventUid,
      tenant_uid: ctx.tenantId,
      original_time: asString(rec['eventTime']),
      log_name: 'CloudTrail',
      log_provider: eventSource,
      log_version: asString(rec['eventVersion']),
      event_code: eventName,
      original_event_uid: asString(rec['eventID']),
      correlation_uid: asString(rec['sharedEventID']),
    },
    original,
    originalText: ctx.rawText,
    attributes,
    unmapped: unmappedExcept(rec, unmappedDrop(specific.consumed)),
  });
  return { ok: true, event: finishEvent(event) };
}

function statusOf(rec: Record<string, unknown>, cls: CloudTrailClass): StatusAttributes {
  const errorCode = asString(rec['errorCode']);
  const errorMessage = asString(rec['errorMessage']);
  const consoleResult = asString(asRecord(rec['responseElements'])?.['ConsoleLogin']);
  if (cls.classUid === CLASS.Authentication && consoleResult) {
    return buildStatus(consoleResult === 'Success', errorCode, errorMessage);
  }
  return buildStatus(errorCode === undefined && errorMessage === undefined, errorCode, errorMessage);
}

/**
 * Severity from the outcome: a failed sign-in is Low (Medium for the root user, whose
 * password should almost never be tried), a refused call or failed IAM change is Low,
 * everything else Informational.
 */
function severityOf(cls: CloudTrailClass, status: StatusAttributes, rec: Record<string, unknown>): SeverityId {
  if (status.status_id !== 2) return SEVERITY.Informational;
  if (cls.classUid === CLASS.Authentication) {
    return asString(asRecord(rec['userIdentity'])?.['type']) === 'Root' ? SEVERITY.Medium : SEVERITY.Low;
  }
  if (cls.classUid !== CLASS.ApiActivity) return SEVERITY.Low;
  return DENIED.test(status.status_code ?? '') ? SEVERITY.Low : SEVERITY.Informational;
}

interface ClassAttributes {
  attributes: Record<string, unknown>;
  /** Top-level fields these attributes used up (beyond {@link MAPPED}): one of the constant lists below. */
  consumed: readonly string[];
}

const CONSUMED_NONE: readonly string[] = [];
const CONSUMED_WITH_REQUEST: readonly string[] = ['requestParameters', 'responseElements', 'apiVersion', 'resources'];
const CONSUMED_WITHOUT_REQUEST: readonly string[] = ['apiVersion', 'resources'];

/** {@link MAPPED} plus a constant consumed list, as a set built once per list. */
const DROP_SETS = new Map<readonly string[], ReadonlySet<string>>();

function unmappedDrop(consumed: readonly string[]): ReadonlySet<string> {
  let set = DROP_SETS.get(consumed);
  if (set === undefined) {
    set = new Set([...MAPPED, ...consumed]);
    DROP_SETS.set(consumed, set);
  }
  return set;
}

function classAttributes(rec: Record<string, unknown>, cls: CloudTrailClass, region: string | undefined): ClassAttributes {
  switch (cls.classUid) {
    case CLASS.Authentication:
      return authenticationAttributes(rec);
    case CLASS.AccountChange:
      return { attributes: accountChangeAttributes(rec), consumed: CONSUMED_NONE };
    case CLASS.GroupManagement:
      return { attributes: groupAttributes(rec), consumed: CONSUMED_NONE };
    default:
      return apiAttributes(rec, region);
  }
}

function authenticationAttributes(rec: Record<string, unknown>): ClassAttributes {
  const extra = asRecord(rec['additionalEventData']);
  const mfaUsed = asString(extra?.['MFAUsed']);
  const actor = identityActor(rec['userIdentity']);
  return {
    attributes: {
      user: identityUser(rec['userIdentity']) ?? { name: UNKNOWN, type_id: 0, type: 'Unknown' },
      is_mfa: mfaUsed === undefined ? undefined : mfaUsed === 'Yes',
      service: { name: asString(rec['eventSource']) ?? 'signin.amazonaws.com' },
      session: actor?.['session'],
      auth_protocol_id: asString(extra?.['SamlProviderArn']) ? 5 : undefined,
      auth_protocol: asString(extra?.['SamlProviderArn']) ? 'SAML' : undefined,
    },
    consumed: CONSUMED_NONE,
  };
}

/** The IAM user a change is about: the one named in the request, else the caller itself. */
function targetUser(rec: Record<string, unknown>): Record<string, unknown> {
  const params = asRecord(rec['requestParameters']);
  const response = asRecord(rec['responseElements']);
  const created = asRecord(response?.['user']);
  const accessKey = asRecord(response?.['accessKey']);
  const name = asString(params?.['userName']) ?? asString(accessKey?.['userName']);
  if (!name) return identityUser(rec['userIdentity']) ?? { name: UNKNOWN, type_id: 0, type: 'Unknown' };
  return compact({
    name,
    uid: asString(created?.['arn']),
    uid_alt: asString(created?.['userId']),
    type_id: 1,
    type: 'IAMUser',
    credential_uid: asString(accessKey?.['accessKeyId']),
    account: awsAccount(asString(rec['recipientAccountId']), 3),
  }) as Record<string, unknown>;
}

function accountChangeAttributes(rec: Record<string, unknown>): Record<string, unknown> {
  const params = asRecord(rec['requestParameters']);
  const policyArn = asString(params?.['policyArn']);
  const policyName = asString(params?.['policyName']) ?? arnName(policyArn);
  return {
    user: targetUser(rec),
    actor: identityActor(rec['userIdentity']) ?? { user: { name: UNKNOWN } },
    policy: policyArn || policyName ? { uid: policyArn, name: policyName, data: asString(params?.['policyDocument']) ? { document: params?.['policyDocument'] } : undefined } : undefined,
  };
}

function groupAttributes(rec: Record<string, unknown>): Record<string, unknown> {
  const params = asRecord(rec['requestParameters']);
  const groupName = asString(params?.['groupName']) ?? UNKNOWN;
  const userName = asString(params?.['userName']);
  return {
    group: { name: groupName, uid: asString(asRecord(asRecord(rec['responseElements'])?.['group'])?.['arn']), type: 'AWS IAM Group' },
    user: userName ? { name: userName, type_id: 1, type: 'IAMUser', account: awsAccount(asString(rec['recipientAccountId']), 3) } : undefined,
    actor: identityActor(rec['userIdentity']) ?? { user: { name: UNKNOWN } },
  };
}

function apiAttributes(rec: Record<string, unknown>, region: string | undefined): ClassAttributes {
  const requestId = asString(rec['requestID']);
  const errorCode = asString(rec['errorCode']);
  const identity = asRecord(rec['userIdentity']);
  const src = sourceEndpoint(asString(rec['sourceIPAddress']), asString(rec['vpcEndpointId']));
  return {
    attributes: {
      api: {
        operation: asString(rec['eventName']),
        service: { name: asString(rec['eventSource']) },
        version: asString(rec['apiVersion']),
        // request.uid is required by the schema, so request data travels only with an id.
        request: requestId ? { uid: requestId, data: asRecord(rec['requestParameters']) } : undefined,
        response: { error: errorCode, error_message: asString(rec['errorMessage']), data: requestId ? asRecord(rec['responseElements']) : undefined },
      },
      actor: identityActor(identity) ?? { user: { name: UNKNOWN, type_id: 0, type: 'Unknown' } },
      // src_endpoint is required by 6003: a service caller or, failing all, the placeholder.
      src_endpoint: src ?? { svc_name: asString(identity?.['invokedBy']), name: asString(identity?.['invokedBy']) ? undefined : UNKNOWN },
      resources: cloudTrailResources(rec, region),
    },
    consumed: requestId ? CONSUMED_WITH_REQUEST : CONSUMED_WITHOUT_REQUEST,
  };
}
