import { compact } from '../../build/compact';
import { buildNetworkEndpoint } from '../../build/endpoint';
import { asArray, asRecord, asString } from '../../build/field-readers';
import { normalizeIp } from '../../build/ip';

/**
 * `src_endpoint` of a CloudTrail record. `sourceIPAddress` is an IP for callers on the
 * network, a service host name (`ec2.amazonaws.com`) when a service acted, or a word such
 * as `AWS Internal`; each goes to the attribute that can hold it.
 */
export function sourceEndpoint(sourceIp: string | undefined, vpcEndpointId: string | undefined): Record<string, unknown> | undefined {
  if (sourceIp === undefined) return undefined;
  if (normalizeIp(sourceIp)) return buildNetworkEndpoint({ ip: sourceIp, uid: vpcEndpointId });
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(sourceIp)) return buildNetworkEndpoint({ domain: sourceIp, svc_name: sourceIp, uid: vpcEndpointId });
  return buildNetworkEndpoint({ name: sourceIp, uid: vpcEndpointId });
}

/**
 * Request parameters that name the resource acted on, with the CloudFormation-style type
 * used for it. Used only when the record has no `resources` list of its own.
 */
const PARAM_RESOURCES: [string, string][] = [
  ['bucketName', 'AWS::S3::Bucket'],
  ['functionName', 'AWS::Lambda::Function'],
  ['userName', 'AWS::IAM::User'],
  ['roleName', 'AWS::IAM::Role'],
  ['groupName', 'AWS::IAM::Group'],
  ['policyArn', 'AWS::IAM::ManagedPolicy'],
  ['instanceId', 'AWS::EC2::Instance'],
  ['imageId', 'AWS::EC2::Image'],
  ['snapshotId', 'AWS::EC2::Snapshot'],
  ['groupId', 'AWS::EC2::SecurityGroup'],
  ['dBInstanceIdentifier', 'AWS::RDS::DBInstance'],
  ['dBClusterIdentifier', 'AWS::RDS::DBCluster'],
  ['dBSnapshotIdentifier', 'AWS::RDS::DBSnapshot'],
  ['keyId', 'AWS::KMS::Key'],
  ['secretId', 'AWS::SecretsManager::Secret'],
  ['trailName', 'AWS::CloudTrail::Trail'],
  ['name', 'AWS::Resource'],
  ['queueUrl', 'AWS::SQS::Queue'],
  ['repositoryName', 'AWS::ECR::Repository'],
  ['tableName', 'AWS::DynamoDB::Table'],
];

function paramResources(params: Record<string, unknown> | undefined, region: string | undefined): Record<string, unknown>[] {
  if (!params) return [];
  const out: Record<string, unknown>[] = [];
  for (const [key, type] of PARAM_RESOURCES) {
    const value = asString(params[key]);
    if (!value) continue;
    const isArn = value.startsWith('arn:');
    out.push(compact({ uid: isArn ? value : undefined, name: isArn ? undefined : value, type, region, role_id: 1, role: 'Target' }) as Record<string, unknown>);
    if (key === 'name') break;
  }
  for (const item of asArray(asRecord(params['instancesSet'])?.['items'])) {
    const instanceId = asString(asRecord(item)?.['instanceId']);
    if (instanceId) out.push({ name: instanceId, type: 'AWS::EC2::Instance', role_id: 1, role: 'Target', ...(region ? { region } : {}) });
  }
  return out;
}

/**
 * OCSF `resources`: the record's own `resources` list (ARN, type, account) when present,
 * otherwise the resources named in the request parameters.
 */
export function cloudTrailResources(record: Record<string, unknown>, region: string | undefined): Record<string, unknown>[] {
  const listed = asArray(record['resources'])
    .map((r) => asRecord(r))
    .filter((r): r is Record<string, unknown> => r !== undefined)
    .map((r) =>
      compact({
        uid: asString(r['ARN']) ?? asString(r['arn']),
        type: asString(r['type']),
        owner: asString(r['accountId']) ? { account: { uid: asString(r['accountId']), type_id: 10 }, uid: asString(r['accountId']) } : undefined,
        region,
      }) as Record<string, unknown> | undefined,
    )
    .filter((r): r is Record<string, unknown> => r !== undefined && (r['uid'] !== undefined || r['name'] !== undefined));
  return listed.length > 0 ? listed : paramResources(asRecord(record['requestParameters']), region);
}
