import { accessKeyId, cloudTrail, iamUserIdentity, roleArn, roleIdentity, type CtCall } from '../emit/cloudtrail';
import type { IamRole, IamUser, User, World } from '../world/types';
import { timeIn, type SliceCtx } from './context';
import { plansOverlapping } from './plan';
import { whereabouts } from './where';

const HOUR = 3_600_000;
const SDK_UA = 'aws-sdk-js/3.712.0 ua/2.1 os/linux#6.1.119-129.201.amzn2023.x86_64 lang/js md/nodejs#20.18.1 api/s3#3.712.0';
const CONSOLE_UA = 'AWS Internal';

function iam(world: World, name: string): IamUser {
  return world.aws.iamUsers.find((u) => u.name === name) as IamUser;
}
function role(world: World, name: string, accountId = world.aws.accounts[0]?.id): IamRole {
  return world.aws.roles.find((r) => r.name === name && r.accountId === accountId) as IamRole;
}
function bucket(world: World, name: string): { name: string; accountId: string; prefixes: string[] } {
  return world.aws.buckets.find((b) => b.name === name) as { name: string; accountId: string; prefixes: string[] };
}

function s3Object(ctx: SliceCtx, t: number, base: Omit<CtCall, 'source' | 'name' | 'readOnly' | 'category' | 'request' | 'resources' | 'account'>, op: 'GetObject' | 'PutObject', bucketName: string): void {
  const { rng, world, sink } = ctx;
  const b = bucket(world, bucketName);
  const key = `${rng.pick(b.prefixes)}${rng.hex(8)}.${rng.pick(['parquet', 'json.gz', 'csv'])}`;
  sink.add(t, 'aws-cloudtrail', cloudTrail(rng, t, {
    ...base, source: 's3.amazonaws.com', name: op, readOnly: op === 'GetObject', category: 'Data', account: b.accountId,
    request: { bucketName: b.name, Host: `${b.name}.s3.${world.aws.region}.amazonaws.com`, key },
    additional: { SignatureVersion: 'SigV4', CipherSuite: 'TLS_AES_128_GCM_SHA256', bytesTransferredIn: op === 'PutObject' ? rng.int(1e4, 5e7) : 0, bytesTransferredOut: op === 'GetObject' ? rng.int(1e4, 5e7) : 0, AuthenticationMethod: 'AuthHeader', 'x-amz-id-2': rng.b62(40) },
    resources: [{ accountId: b.accountId, type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${b.name}/${key}` }, { accountId: b.accountId, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${b.name}` }],
  }));
}

function automation(ctx: SliceCtx): void {
  const { rng, world, sink } = ctx;
  const region = world.aws.region;
  const prod = world.aws.accounts[0]?.id as string;
  const ci = iam(world, 'ci-deploy');
  for (let i = rng.poisson(3); i > 0; i--) {
    const t = timeIn(ctx);
    const ip = `20.${rng.int(25, 230)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    const deploy = role(world, 'DeployRole');
    const key = accessKeyId(rng, true);
    sink.add(t, 'aws-cloudtrail', cloudTrail(rng, t, { identity: iamUserIdentity(ci), source: 'sts.amazonaws.com', name: 'AssumeRole', region, ip, agent: SDK_UA, account: prod, readOnly: true, request: { roleArn: roleArn(deploy), roleSessionName: `GitHubActions-${rng.int(1e9, 9e9)}`, durationSeconds: 3600 }, response: { credentials: { accessKeyId: key, sessionToken: 'IQoJb3JpZ2luX2VjE...', expiration: new Date(t + HOUR).toUTCString() }, assumedRoleUser: { assumedRoleId: `${deploy.roleId}:GitHubActions`, arn: `arn:aws:sts::${prod}:assumed-role/DeployRole/GitHubActions` } } }));
    const id = roleIdentity(deploy, 'GitHubActions', key, t, false);
    for (let k = 0; k < 3; k++) s3Object(ctx, t + 5_000 + k * 700, { identity: id, region, ip, agent: SDK_UA }, 'PutObject', 'kestrel-ci-artifacts');
    sink.add(t + 9_000, 'aws-cloudtrail', cloudTrail(rng, t + 9_000, { identity: id, source: 'ecs.amazonaws.com', name: 'UpdateService', region, ip, agent: SDK_UA, account: prod, readOnly: false, request: { cluster: 'prod', service: 'platform-api', forceNewDeployment: true }, response: { service: { serviceName: 'platform-api', status: 'ACTIVE' } } }));
  }
  const etl = role(world, 'lambda-etl-role');
  for (let i = rng.poisson(40); i > 0; i--) {
    const t = timeIn(ctx);
    const id = roleIdentity(etl, 'etl-transform', accessKeyId(rng, true), t - 600_000, false);
    s3Object(ctx, t, { identity: id, region, ip: `3.${rng.int(80, 95)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, agent: 'aws-sdk-java/2.29.6 Linux/5.10 OpenJDK_64-Bit_Server_VM/17 exec-env/AWS_Lambda_java17' }, rng.chance(0.5) ? 'GetObject' : 'PutObject', 'kestrel-prod-data-lake');
  }
  const rep = iam(world, 'svc-reporting');
  for (let i = rng.poisson(2); i > 0; i--) {
    s3Object(ctx, timeIn(ctx), { identity: iamUserIdentity(rep), region, ip: '54.210.17.88', agent: 'Boto3/1.35.80 md/Botocore#1.35.80 ua/2.0 os/linux#5.15 md/arch#x86_64 lang/python#3.12.8' }, 'GetObject', 'kestrel-prod-customer-exports');
  }
  for (let i = rng.poisson(6); i > 0; i--) {
    const t = timeIn(ctx);
    sink.add(t, 'aws-cloudtrail', cloudTrail(rng, t, { identity: { type: 'AWSService', invokedBy: 'config.amazonaws.com' }, source: 'sts.amazonaws.com', name: 'AssumeRole', region, ip: 'config.amazonaws.com', agent: 'config.amazonaws.com', account: prod, readOnly: true, request: { roleArn: `arn:aws:iam::${prod}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`, roleSessionName: 'AWSConfig-Describe' }, response: null }));
  }
}

const CONSOLE_READS: [string, string][] = [
  ['ec2.amazonaws.com', 'DescribeInstances'], ['ec2.amazonaws.com', 'DescribeSecurityGroups'], ['s3.amazonaws.com', 'ListBuckets'],
  ['s3.amazonaws.com', 'GetBucketPolicy'], ['iam.amazonaws.com', 'ListRoles'], ['cloudwatch.amazonaws.com', 'GetMetricData'],
  ['logs.amazonaws.com', 'DescribeLogGroups'], ['lambda.amazonaws.com', 'ListFunctions20150331'], ['rds.amazonaws.com', 'DescribeDBInstances'],
  ['ecs.amazonaws.com', 'DescribeServices'], ['sts.amazonaws.com', 'GetCallerIdentity'],
];

function humanSession(ctx: SliceCtx, user: User, a: number, b: number): void {
  const { rng, world, sink } = ctx;
  const region = world.aws.region;
  const frac = (b - a) / HOUR;
  if (!user.awsRole || !rng.chance(Math.min(1, 0.5 * frac))) return;
  const account = world.aws.accounts[rng.chance(0.6) ? 0 : 1]?.id as string;
  const r = role(world, user.awsRole, account);
  const t = timeIn(ctx, a, b);
  const w = whereabouts(ctx, world, user, t);
  const id = roleIdentity(r, user.upn, accessKeyId(rng, true), t, true);
  const cli = user.engineer && rng.chance(0.4);
  if (!cli) {
    sink.add(t, 'aws-cloudtrail', cloudTrail(rng, t, { identity: id, source: 'signin.amazonaws.com', name: 'ConsoleLogin', region, ip: w.ip, agent: w.ua, account, readOnly: false, eventType: 'AwsConsoleSignIn', response: { ConsoleLogin: 'Success' }, additional: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: 'No' } }));
  }
  const agent = cli ? 'aws-cli/2.22.20 md/awscrt#0.23.4 ua/2.0 os/windows#10 md/arch#amd64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#msi' : CONSOLE_UA;
  for (let i = rng.int(2, 9); i > 0; i--) {
    const [source, name] = rng.pick(CONSOLE_READS);
    const tt = t + rng.int(5_000, 1_200_000);
    sink.add(tt, 'aws-cloudtrail', cloudTrail(rng, tt, { identity: id, source, name, region, ip: cli ? w.ip : w.ip, agent, account, readOnly: true, request: name === 'DescribeInstances' ? { instancesSet: {}, filterSet: {} } : null, response: null }));
  }
  // Key rotation by an admin: a CreateAccessKey that is not an attack.
  if (user.admin && rng.chance(0.08)) {
    const tt = t + rng.int(60_000, 600_000);
    const ci = iam(world, 'ci-deploy');
    sink.add(tt, 'aws-cloudtrail', cloudTrail(rng, tt, { identity: id, source: 'iam.amazonaws.com', name: 'CreateAccessKey', region, ip: w.ip, agent, account, readOnly: false, request: { userName: ci.name }, response: { accessKey: { userName: ci.name, accessKeyId: accessKeyId(rng, false), status: 'Active', createDate: new Date(tt).toUTCString() } } }));
  }
}

/** Benign CloudTrail: automation around the clock plus people during their working hours. */
export function cloudActivity(ctx: SliceCtx): void {
  automation(ctx);
  for (const user of ctx.world.users) {
    for (const p of plansOverlapping(ctx.seed, user, ctx.sink.start, ctx.sink.end)) {
      const a = Math.max(p.logonAt, ctx.sink.start);
      const b = Math.min(p.logoffAt, ctx.sink.end);
      if (b > a) humanSession(ctx, user, a, b);
    }
  }
}
