import { accessKeyId, cloudTrail, iamUserIdentity, type CtCall } from '../emit/cloudtrail';
import type { IamUser } from '../world/types';
import { at, label, type ChainCtx } from './chain';

type Call = Omit<CtCall, 'identity' | 'region' | 'ip' | 'agent' | 'account'>;

function caller(c: ChainCtx, user: IamUser, keyId: string): (minutes: number, call: Call, step: number, technique: string, tactic: string) => void {
  const { rng, sink, world } = c;
  const adv = world.adversary;
  return (minutes, call, step, technique, tactic) => {
    const t = at(c, minutes) + rng.int(0, 4_000);
    sink.add(t, 'aws-cloudtrail', cloudTrail(rng, t, { identity: iamUserIdentity(user, keyId), region: world.aws.region, ip: adv.awsIp, agent: adv.awsAgent.replace('sts.get-caller-identity', commandOf(call.name)), account: user.accountId, ...call }), label(c, step, technique, tactic));
  };
}

function commandOf(api: string): string {
  return api.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

const DENIED = { code: 'AccessDenied', message: 'User is not authorized to perform this operation' };

/** Cloud chain: leaked key, discovery, privilege escalation, S3 collection and exposure. */
export function cloudChain(c: ChainCtx): void {
  const { rng, world } = c;
  const leaked = world.aws.iamUsers.find((u) => u.name === 'svc-reporting') as IamUser;
  const admin = world.aws.iamUsers.find((u) => u.name === 'terraform') as IamUser;
  const call = caller(c, leaked, leaked.accessKeyId);
  call(0, { source: 'sts.amazonaws.com', name: 'GetCallerIdentity', readOnly: true }, 1, 'T1078.004', 'initial-access');
  const discovery: [string, string, string, boolean][] = [
    ['iam.amazonaws.com', 'ListUsers', 'T1087.004', false], ['iam.amazonaws.com', 'ListRoles', 'T1087.004', false],
    ['iam.amazonaws.com', 'ListAttachedUserPolicies', 'T1087.004', false], ['s3.amazonaws.com', 'ListBuckets', 'T1619', false],
    ['ec2.amazonaws.com', 'DescribeInstances', 'T1580', false], ['ec2.amazonaws.com', 'DescribeSnapshots', 'T1580', true],
    ['rds.amazonaws.com', 'DescribeDBInstances', 'T1580', true], ['secretsmanager.amazonaws.com', 'ListSecrets', 'T1580', true],
  ];
  discovery.forEach(([source, name, technique, denied], i) => {
    const tactic = 'discovery';
    call(3 + i * 1.5, { source, name, readOnly: true, ...(denied ? { error: DENIED } : {}), request: name === 'ListAttachedUserPolicies' ? { userName: leaked.name } : null }, 2, technique, tactic);
  });
  const newKey = accessKeyId(rng, false);
  call(20, { source: 'iam.amazonaws.com', name: 'CreateAccessKey', readOnly: false, request: { userName: admin.name }, response: { accessKey: { userName: admin.name, accessKeyId: newKey, status: 'Active', createDate: new Date(at(c, 20)).toUTCString() } } }, 3, 'T1098.001', 'persistence');
  const asAdmin = caller(c, admin, newKey);
  asAdmin(24, { source: 'iam.amazonaws.com', name: 'AttachUserPolicy', readOnly: false, request: { userName: leaked.name, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } }, 3, 'T1098.003', 'privilege-escalation');
  asAdmin(26, { source: 'iam.amazonaws.com', name: 'CreateLoginProfile', readOnly: false, request: { userName: leaked.name, passwordResetRequired: false }, response: { loginProfile: { userName: leaked.name, createDate: new Date(at(c, 26)).toUTCString(), passwordResetRequired: false } } }, 3, 'T1098.001', 'persistence');
  const bucket = world.aws.buckets[0] as { name: string; accountId: string; prefixes: string[] };
  for (let i = 0; i < rng.int(35, 60); i++) {
    const key = `${rng.pick(bucket.prefixes)}customers-${rng.int(2019, 2026)}-${rng.hex(6)}.csv.gz`;
    call(32 + i * 0.3, {
      source: 's3.amazonaws.com', name: 'GetObject', readOnly: true, category: 'Data',
      request: { bucketName: bucket.name, Host: `${bucket.name}.s3.${world.aws.region}.amazonaws.com`, key },
      additional: { SignatureVersion: 'SigV4', bytesTransferredIn: 0, bytesTransferredOut: rng.int(2e6, 9e7), AuthenticationMethod: 'AuthHeader' },
      resources: [{ accountId: bucket.accountId, type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket.name}/${key}` }],
    }, 4, 'T1530', 'collection');
  }
  const policy = { Version: '2012-10-17', Statement: [{ Sid: 'ReplicationAccess', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${world.adversary.externalAccountId}:root` }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${bucket.name}`, `arn:aws:s3:::${bucket.name}/*`] }] };
  asAdmin(55, { source: 's3.amazonaws.com', name: 'PutBucketPolicy', readOnly: false, request: { bucketName: bucket.name, Host: `${bucket.name}.s3.amazonaws.com`, policy: JSON.stringify(policy) } }, 5, 'T1537', 'exfiltration');
  asAdmin(56, { source: 's3.amazonaws.com', name: 'DeletePublicAccessBlock', readOnly: false, request: { bucketName: bucket.name, Host: `${bucket.name}.s3.amazonaws.com`, publicAccessBlock: '' } }, 5, 'T1537', 'exfiltration');
}
