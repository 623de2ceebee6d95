import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateOcsf } from '../../validate';
import type { OcsfEvent } from '../../mapper';
import { cloudtrailMapper } from './index';

const CORPORA = path.resolve(__dirname, '../../../../../../shared/corpora/logs');
const ctx = { tenantId: 'tenant-a', eventUid: 'evt-1', receivedAt: 1_700_000_000_000 };

function mapOk(record: unknown): OcsfEvent {
  const r = cloudtrailMapper.map(record, ctx);
  if (!r.ok) throw new Error(r.reason);
  expect(validateOcsf(r.event)).toEqual({ valid: true });
  return r.event;
}

const assumedRole = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLE:alice',
  arn: 'arn:aws:sts::123456789012:assumed-role/Admin/alice',
  accountId: '123456789012',
  accessKeyId: 'ASIAEXAMPLE',
  sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::123456789012:role/Admin' }, attributes: { mfaAuthenticated: 'true', creationDate: '2024-05-01T10:00:00Z' } },
};

describe('cloudtrailMapper', () => {
  it('maps an S3 PutBucketPolicy call to API Activity: Update with actor, cloud and resources', () => {
    const e = mapOk({
      eventVersion: '1.08', userIdentity: assumedRole, eventTime: '2024-05-01T10:05:00Z', eventSource: 's3.amazonaws.com',
      eventName: 'PutBucketPolicy', awsRegion: 'eu-west-1', sourceIPAddress: '198.51.100.7', userAgent: 'aws-cli/2.15',
      requestParameters: { bucketName: 'finance-data' }, responseElements: null, requestID: 'REQ1', eventID: 'EVT1',
      readOnly: false, eventType: 'AwsApiCall', recipientAccountId: '123456789012',
    });
    expect(e).toMatchObject({
      class_uid: 6003, activity_id: 3, type_uid: 600303, category_uid: 6, severity_id: 1, status_id: 1, time: Date.parse('2024-05-01T10:05:00Z'),
      api: { operation: 'PutBucketPolicy', service: { name: 's3.amazonaws.com' }, request: { uid: 'REQ1', data: { bucketName: 'finance-data' } } },
      actor: {
        user: { name: 'alice', uid: 'arn:aws:sts::123456789012:assumed-role/Admin/alice', uid_alt: 'AROAEXAMPLE:alice', type: 'AssumedRole', credential_uid: 'ASIAEXAMPLE', account: { uid: '123456789012', type_id: 4 } },
        session: { is_mfa: true, issuer: 'arn:aws:iam::123456789012:role/Admin', created_time: Date.parse('2024-05-01T10:00:00Z') },
      },
      src_endpoint: { ip: '198.51.100.7' },
      http_request: { user_agent: 'aws-cli/2.15' },
      cloud: { provider: 'AWS', region: 'eu-west-1', account: { uid: '123456789012', type_id: 10 } },
      resources: [{ name: 'finance-data', type: 'AWS::S3::Bucket' }],
      metadata: { version: '1.8.0', uid: 'evt-1', product: { name: 'CloudTrail', vendor_name: 'AWS' }, original_event_uid: 'EVT1', event_code: 'PutBucketPolicy', original_time: '2024-05-01T10:05:00Z' },
      unmapped: { eventType: 'AwsApiCall', readOnly: false },
    });
    expect(JSON.parse(e['raw_data'] as string)).toMatchObject({ eventName: 'PutBucketPolicy' });
    const obs = e['observables'] as { name: string; value: string }[];
    expect(obs).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'src_endpoint.ip', type_id: 2, value: '198.51.100.7' }),
      expect.objectContaining({ name: 'actor.user.name', type_id: 4, value: 'alice' }),
      expect.objectContaining({ name: 'resources.name', value: 'finance-data' }),
    ]));
  });

  it('infers Read/Create/Delete/Other from the event name and reports refused calls as Low failures', () => {
    const base = { userIdentity: assumedRole, eventSource: 'ec2.amazonaws.com', sourceIPAddress: '198.51.100.7', eventTime: '2024-05-01T10:05:00Z' };
    expect(mapOk({ ...base, eventName: 'DescribeInstances' }).activity_id).toBe(2);
    expect(mapOk({ ...base, eventName: 'RunInstances' }).activity_id).toBe(1);
    expect(mapOk({ ...base, eventName: 'TerminateInstances' }).activity_id).toBe(4);
    const other = mapOk({ ...base, eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole' });
    expect(other).toMatchObject({ activity_id: 99, activity_name: 'AssumeRole', type_uid: 600399 });
    const denied = mapOk({ ...base, eventName: 'DescribeInstances', errorCode: 'Client.UnauthorizedOperation', errorMessage: 'You are not authorized' });
    expect(denied).toMatchObject({ status_id: 2, status: 'Failure', status_code: 'Client.UnauthorizedOperation', status_detail: 'You are not authorized', severity_id: 2 });
  });

  it('maps ConsoleLogin to Authentication with MFA and a failed root sign-in to Medium', () => {
    const ok = mapOk({
      eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com', eventType: 'AwsConsoleSignIn', eventTime: '2024-05-01T09:00:00Z',
      userIdentity: { type: 'IAMUser', principalId: 'AIDA1', arn: 'arn:aws:iam::123456789012:user/bob', accountId: '123456789012', userName: 'bob' },
      sourceIPAddress: '203.0.113.9', responseElements: { ConsoleLogin: 'Success' }, additionalEventData: { MFAUsed: 'Yes', LoginTo: 'https://console.aws.amazon.com/' },
    });
    expect(ok).toMatchObject({ class_uid: 3002, activity_id: 1, type_uid: 300201, status_id: 1, is_mfa: true, severity_id: 1, user: { name: 'bob', uid: 'arn:aws:iam::123456789012:user/bob', type_id: 1 }, service: { name: 'signin.amazonaws.com' } });
    expect(ok['unmapped']).toMatchObject({ additionalEventData: { LoginTo: 'https://console.aws.amazon.com/' } });
    const rootFail = mapOk({
      eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com', eventType: 'AwsConsoleSignIn', eventTime: '2024-05-01T09:00:00Z',
      userIdentity: { type: 'Root', principalId: '123456789012', arn: 'arn:aws:iam::123456789012:root', accountId: '123456789012' },
      sourceIPAddress: '203.0.113.9', responseElements: { ConsoleLogin: 'Failure' }, errorMessage: 'Failed authentication', additionalEventData: { MFAUsed: 'No' },
    });
    expect(rootFail).toMatchObject({ status_id: 2, status_detail: 'Failed authentication', is_mfa: false, severity_id: 3, user: { name: 'root', type_id: 2 } });
  });

  it('maps IAM user and credential changes to Account Change and group membership to Group Management', () => {
    const base = { userIdentity: assumedRole, eventSource: 'iam.amazonaws.com', sourceIPAddress: '198.51.100.7', eventTime: '2024-05-01T10:05:00Z', recipientAccountId: '123456789012' };
    const create = mapOk({ ...base, eventName: 'CreateUser', requestParameters: { userName: 'mallory' }, responseElements: { user: { arn: 'arn:aws:iam::123456789012:user/mallory', userId: 'AIDAM' } } });
    expect(create).toMatchObject({ class_uid: 3001, activity_id: 1, type_uid: 300101, user: { name: 'mallory', uid: 'arn:aws:iam::123456789012:user/mallory' }, actor: { user: { name: 'alice' } } });
    const key = mapOk({ ...base, eventName: 'CreateAccessKey', requestParameters: { userName: 'mallory' }, responseElements: { accessKey: { accessKeyId: 'AKIANEW', userName: 'mallory' } } });
    expect(key).toMatchObject({ class_uid: 3001, activity_id: 99, activity_name: 'CreateAccessKey', user: { name: 'mallory', credential_uid: 'AKIANEW' } });
    const attach = mapOk({ ...base, eventName: 'AttachUserPolicy', requestParameters: { userName: 'mallory', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } });
    expect(attach).toMatchObject({ activity_id: 7, policy: { uid: 'arn:aws:iam::aws:policy/AdministratorAccess', name: 'AdministratorAccess' } });
    expect(mapOk({ ...base, eventName: 'UpdateLoginProfile', requestParameters: { userName: 'mallory' } }).activity_id).toBe(4);
    const group = mapOk({ ...base, eventName: 'AddUserToGroup', requestParameters: { userName: 'mallory', groupName: 'admins' } });
    expect(group).toMatchObject({ class_uid: 3006, activity_id: 3, group: { name: 'admins' }, user: { name: 'mallory' } });
  });

  it('keeps service callers as domains, fills required fields with placeholders and reads lower-cased keys', () => {
    const svc = mapOk({ eventName: 'Decrypt', eventSource: 'kms.amazonaws.com', sourceIPAddress: 'lambda.amazonaws.com', userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' } });
    expect(svc).toMatchObject({ src_endpoint: { domain: 'lambda.amazonaws.com' }, actor: { invoked_by: 'lambda.amazonaws.com', user: { type_id: 4 } }, time: ctx.receivedAt });
    const lower = mapOk({ eventname: 'GetRecords', eventsource: 'dynamodb.amazonaws.com', eventtime: '2023-01-10 21:04:02', awsregion: 'eu-west-1' });
    expect(lower).toMatchObject({ activity_id: 2, api: { operation: 'GetRecords' }, src_endpoint: { name: 'unknown' }, time: Date.parse('2023-01-10T21:04:02Z') });
    expect((lower['observables'] as { value: string }[] | undefined)?.some((o) => o.value === 'unknown') ?? false).toBe(false);
  });

  it('rejects records without eventName and never throws on garbage', () => {
    expect(cloudtrailMapper.map({ eventType: 'logout' }, ctx)).toEqual({ ok: false, code: 'SOC_ERR_RECORD_UNMAPPABLE', reason: 'CloudTrail record has no eventName' });
    expect(cloudtrailMapper.map('text', ctx).ok).toBe(false);
    expect(mapOk({ eventName: 'X', userIdentity: 5, resources: 'nope', requestParameters: [1] })).toMatchObject({ class_uid: 6003, api: { operation: 'X' } });
  });

  it('maps every CloudTrail sample of the Panther and OTRF corpora to valid OCSF', () => {
    const records = [
      ...readFileSync(path.join(CORPORA, 'panther-analysis-tests/AWS_CloudTrail.ndjson'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { log: unknown }).log),
      ...readFileSync(path.join(CORPORA, 'otrf-security-datasets/atomic/aws/collection/ec2_proxy_s3_exfiltration_2020-09-14011940.json'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown),
    ];
    const byClass: Record<string, number> = {};
    const rejected: string[] = [];
    for (const rec of records) {
      const r = cloudtrailMapper.map(rec, ctx);
      if (!r.ok) {
        rejected.push(r.reason);
        continue;
      }
      const v = validateOcsf(r.event);
      expect(v).toEqual({ valid: true });
      byClass[r.event.class_uid] = (byClass[r.event.class_uid] ?? 0) + 1;
    }
    // 3 Panther fixtures carry only enrichment fields (no eventName): they are not CloudTrail events.
    expect(rejected).toEqual(Array(3).fill('CloudTrail record has no eventName'));
    expect(byClass).toEqual({ 3001: 31, 3002: 32, 6003: 512 });
  });
});
