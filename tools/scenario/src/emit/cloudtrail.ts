import type { Build } from '../draft';
import { isoSec } from '../format';
import type { Rng } from '../rng';
import type { IamRole, IamUser } from '../world/types';

/** CloudTrail `userIdentity` as it appears in records. */
export type CtIdentity = Record<string, unknown>;

/** Identity of an IAM user calling with a long-lived key. */
export function iamUserIdentity(u: IamUser, accessKeyId = u.accessKeyId): CtIdentity {
  return { type: 'IAMUser', principalId: u.userId, arn: `arn:aws:iam::${u.accountId}:user/${u.name}`, accountId: u.accountId, accessKeyId, userName: u.name };
}

/** Identity of an assumed-role session (SSO users, automation roles). */
export function roleIdentity(role: IamRole, session: string, accessKeyId: string, created: number, mfa: boolean): CtIdentity {
  return {
    type: 'AssumedRole',
    principalId: `${role.roleId}:${session}`,
    arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${session}`,
    accountId: role.accountId,
    accessKeyId,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: role.roleId, arn: roleArn(role), accountId: role.accountId, userName: role.name },
      webIdFederationData: {},
      attributes: { creationDate: isoSec(created), mfaAuthenticated: String(mfa) },
    },
  };
}

/** ARN of a role; SSO roles live under the aws-reserved path. */
export function roleArn(role: IamRole): string {
  const path = role.name.startsWith('AWSReservedSSO_') ? 'aws-reserved/sso.amazonaws.com/' : '';
  return `arn:aws:iam::${role.accountId}:role/${path}${role.name}`;
}

/** One CloudTrail call. */
export interface CtCall {
  identity: CtIdentity;
  source: string;
  name: string;
  region: string;
  ip: string;
  agent: string;
  account: string;
  request?: Record<string, unknown> | null;
  response?: Record<string, unknown> | null;
  readOnly: boolean;
  eventType?: 'AwsApiCall' | 'AwsConsoleSignIn' | 'AwsServiceEvent';
  category?: 'Management' | 'Data';
  error?: { code: string; message: string };
  additional?: Record<string, unknown>;
  resources?: { accountId: string; type: string; ARN: string }[];
}

/** A CloudTrail record with the real field set and order. */
export function cloudTrail(rng: Rng, time: number, c: CtCall): Build {
  const rec: Record<string, unknown> = {
    eventVersion: c.category === 'Data' ? '1.10' : '1.09',
    userIdentity: c.identity,
    eventTime: isoSec(time),
    eventSource: c.source,
    eventName: c.name,
    awsRegion: c.region,
    sourceIPAddress: c.ip,
    userAgent: c.agent,
  };
  if (c.error) {
    rec['errorCode'] = c.error.code;
    rec['errorMessage'] = c.error.message;
  }
  rec['requestParameters'] = c.request ?? null;
  rec['responseElements'] = c.response ?? null;
  if (c.additional) rec['additionalEventData'] = c.additional;
  rec['requestID'] = c.source === 's3.amazonaws.com' ? rng.hex(16).toUpperCase() : rng.uuid();
  rec['eventID'] = rng.uuid();
  rec['readOnly'] = c.readOnly;
  if (c.resources) rec['resources'] = c.resources;
  rec['eventType'] = c.eventType ?? 'AwsApiCall';
  rec['managementEvent'] = (c.category ?? 'Management') === 'Management';
  rec['recipientAccountId'] = c.account;
  rec['eventCategory'] = c.category ?? 'Management';
  if (c.agent !== 'AWS Internal' && !c.ip.endsWith('.amazonaws.com')) {
    rec['tlsDetails'] = { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: hostHeader(c.source, c.region) };
  }
  return () => rec;
}

function hostHeader(source: string, region: string): string {
  const svc = source.replace('.amazonaws.com', '');
  if (svc === 'iam' || svc === 'signin') return `${svc}.amazonaws.com`;
  return `${svc}.${region}.amazonaws.com`;
}

/** Temporary (ASIA...) or long-lived (AKIA...) key id shaped like AWS's. */
export function accessKeyId(rng: Rng, temporary: boolean): string {
  return (temporary ? 'ASIA' : 'AKIA') + rng.b62(16).toUpperCase().replace(/[^A-Z0-9]/g, '7');
}
