import { compact } from '../../build/compact';
import { asRecord, asString } from '../../build/field-readers';
import { parseTimestamp } from '../../build/time';
import { buildUser } from '../../build/user';

/** OCSF user.type_id per CloudTrail `userIdentity.type`; roles and accounts are Other. */
const USER_TYPE_ID: Record<string, 0 | 1 | 2 | 4 | 99> = {
  Root: 2,
  IAMUser: 1,
  FederatedUser: 1,
  SAMLUser: 1,
  WebIdentityUser: 1,
  IdentityCenterUser: 1,
  AWSService: 4,
  AssumedRole: 99,
  Role: 99,
  AWSAccount: 99,
  Unknown: 0,
};

/** OCSF account.type_id: 3 AWS IAM User, 4 AWS IAM Role, 10 AWS Account. */
const ACCOUNT_TYPE_ID: Record<string, number> = { IAMUser: 3, AssumedRole: 4, Role: 4, Root: 10, AWSAccount: 10 };

/** OCSF `account` of an AWS account id, or `undefined` without one (name or uid is required). */
export function awsAccount(uid: string | undefined, typeId: number): Record<string, unknown> | undefined {
  const captions: Record<number, string> = { 3: 'AWS IAM User', 4: 'AWS IAM Role', 10: 'AWS Account' };
  return uid ? { uid, type_id: typeId, type: captions[typeId] } : undefined;
}

/** Last path segment of an ARN (`.../user/alice` -> `alice`, assumed-role session name). */
export function arnName(arn: string | undefined): string | undefined {
  if (!arn?.startsWith('arn:')) return undefined;
  const resource = arn.split(':').slice(5).join(':');
  const parts = resource.split('/');
  return parts.length > 1 ? parts[parts.length - 1] : undefined;
}

function identityName(id: Record<string, unknown>, type: string | undefined): string | undefined {
  const arn = asString(id['arn']);
  if (type === 'Root') return asString(id['userName']) ?? 'root';
  if (type === 'AWSService') return asString(id['invokedBy']);
  return asString(id['userName']) ?? arnName(arn) ?? asString(id['principalId']);
}

/**
 * Builds the OCSF `user` of a CloudTrail `userIdentity`: uid is the ARN (the identifier
 * other AWS records and policies refer to), uid_alt the principal id, credential_uid the
 * access key. The CloudTrail type word is kept in `type` because OCSF's type_id list has
 * no role or account entries.
 */
export function identityUser(identity: unknown): Record<string, unknown> | undefined {
  const id = asRecord(identity);
  if (!id) return undefined;
  const type = asString(id['type']);
  const arn = asString(id['arn']);
  const principalId = asString(id['principalId']);
  const accountTypeId = type ? ACCOUNT_TYPE_ID[type] : undefined;
  const user = buildUser({
    name: identityName(id, type),
    uid: arn ?? principalId,
    type_id: type ? (USER_TYPE_ID[type] ?? 99) : undefined,
    credential_uid: asString(id['accessKeyId']),
  });
  if (!user) return undefined;
  // buildUser's fresh object is extended in place: a spread copy followed by more keys is slow in V8.
  if (type !== undefined) user['type'] = type;
  const uidAlt = arn ? principalId : undefined;
  if (uidAlt !== undefined) user['uid_alt'] = uidAlt;
  const account = compact(awsAccount(asString(id['accountId']), accountTypeId ?? 10));
  if (account !== undefined) user['account'] = account;
  return user;
}

/** OCSF `session` of an identity acting through temporary credentials (sessionContext). */
export function identitySession(identity: unknown): Record<string, unknown> | undefined {
  const id = asRecord(identity);
  const ctx = asRecord(id?.['sessionContext']);
  if (!id || !ctx) return undefined;
  const attrs = asRecord(ctx['attributes']);
  const issuer = asRecord(ctx['sessionIssuer']);
  const mfa = asString(attrs?.['mfaAuthenticated']);
  return compact({
    created_time: parseTimestamp(attrs?.['creationDate']),
    is_mfa: mfa === undefined ? undefined : mfa === 'true',
    issuer: asString(issuer?.['arn']),
    credential_uid: asString(id['accessKeyId']),
    uid: asString(ctx['sourceIdentity']),
  }) as Record<string, unknown> | undefined;
}

/** OCSF `actor` of a CloudTrail record: the identity, its session and the invoking service. */
export function identityActor(identity: unknown): Record<string, unknown> | undefined {
  const id = asRecord(identity);
  const web = asRecord(asRecord(id?.['sessionContext'])?.['webIdFederationData']);
  return compact({
    user: identityUser(identity),
    session: identitySession(identity),
    invoked_by: asString(id?.['invokedBy']),
    idp: { name: asString(web?.['federatedProvider']) },
  }) as Record<string, unknown> | undefined;
}
