import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateOcsf } from '../../validate';
import type { OcsfEvent } from '../../mapper';
import { entraMapper } from './index';
import { splitClientIp } from './o365-parts';

const CORPORA = path.resolve(__dirname, '../../../../../../shared/corpora/logs');
const ctx = { tenantId: 'tenant-a', eventUid: 'evt-1', receivedAt: 1_700_000_000_000 };

function mapOk(record: unknown): OcsfEvent {
  const r = entraMapper.map(record, ctx);
  if (!r.ok) throw new Error(r.reason);
  expect(validateOcsf(r.event)).toEqual({ valid: true });
  return r.event;
}

const lines = (f: string) => readFileSync(path.join(CORPORA, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const panther = (f: string) => lines(`panther-analysis-tests/${f}.ndjson`).map((t) => t['log'] as Record<string, unknown>);

const metadata = (extra: Record<string, unknown>) => ({ product: { name: 'Microsoft 365', vendor_name: 'Microsoft' }, uid: 'evt-1', tenant_uid: 'tenant-a', version: '1.8.0', ...extra });
const dana = { name: 'dana.reyes@kestrel-analytics.com', uid: 'a4c1e2d3-1111-4a5b-8c9d-0e1f2a3b4c5d', email_addr: 'dana.reyes@kestrel-analytics.com', type_id: 1, type: 'User' };
const obs = (name: string, type_id: number, type: string, value: string) => ({ name, type_id, type, value });
const danaObservables = [obs('actor.user.name', 4, 'User Name', dana.name), obs('actor.user.uid', 31, 'User: uid', dana.uid), obs('actor.user.email_addr', 5, 'Email Address', dana.email_addr)];

/** The shape tools/scenario emits for the mailbox-exfiltration steps (Management Activity API, Workload Exchange). */
const exchange = {
  CreationTime: '2026-03-02T13:41:07', OrganizationId: 'caf33fd1-d9b5-45a1-b70d-9c86ae4dfb40', ResultStatus: 'Succeeded', UserKey: dana.uid, UserType: 0, Version: 1,
  Workload: 'Exchange', UserId: dana.name, ClientInfoString: 'Client=REST;Client=RESTSystem;;', AppId: 'c5e1a8f0-6b0d-4b51-9d7e-3f2a1b0c9d8e',
};
const items = [{ InternetMessageId: '<EC829A22ED72@CH2PR04MB3548.namprd11.prod.outlook.com>', SizeInBytes: 92925 }, { InternetMessageId: '<3B1C58550080@BN8PR11MB9148.namprd11.prod.outlook.com>', SizeInBytes: 161011 }];
const mailItemsAccessed = {
  ...exchange, Id: '5f1c2f4e-0d3a-4c55-9a57-1b1f0f7f2d11', Operation: 'MailItemsAccessed', RecordType: 50, ClientIP: '[2001:db8:4::17]:50321',
  MailboxGuid: '9b43b410-4d0f-4955-9e21-4ed2be137d6d', MailboxOwnerUPN: dana.name,
  OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }, { Name: 'IsThrottled', Value: 'true' }],
  Folders: [{ Path: '\\Inbox\\Invoices', FolderItems: items }], OperationCount: 2,
};
const newInboxRule = {
  ...exchange, CreationTime: '2026-03-02T13:44:52', Id: '7d2e9a61-3b8c-4f0e-a1d2-5c6b7a8f9e01', Operation: 'New-InboxRule', RecordType: 1, ClientIP: '185.220.101.47',
  Parameters: [{ Name: 'Name', Value: '.' }, { Name: 'SubjectOrBodyContainsWords', Value: 'invoice;payment;wire' }, { Name: 'MoveToFolder', Value: 'RSS Subscriptions' }, { Name: 'MarkAsRead', Value: 'True' }, { Name: 'ForwardTo', Value: 'acct.records.archive@proton.me' }, { Name: 'DeleteMessage', Value: '' }, { Name: 'StopProcessingRules', Value: 'True' }],
};

describe('entraMapper: Microsoft 365 unified audit (Exchange)', () => {
  it('maps the scenario MailItemsAccessed to API Activity: Read with the mailbox, folders and access type', () => {
    expect(mapOk(mailItemsAccessed)).toEqual({
      class_uid: 6003, class_name: 'API Activity', category_uid: 6, category_name: 'Application Activity', activity_id: 2, activity_name: 'Read', type_uid: 600302, type_name: 'API Activity: Read',
      severity_id: 1, severity: 'Informational', time: Date.UTC(2026, 2, 2, 13, 41, 7), status_id: 1, status: 'Success', message: 'MailItemsAccessed',
      cloud: { provider: 'Microsoft', org: { uid: 'caf33fd1-d9b5-45a1-b70d-9c86ae4dfb40' } },
      actor: { user: dana, app_uid: 'c5e1a8f0-6b0d-4b51-9d7e-3f2a1b0c9d8e' },
      src_endpoint: { ip: '2001:db8:4::17', port: 50321 },
      api: { operation: 'MailItemsAccessed', service: { name: 'Exchange' }, request: { uid: '5f1c2f4e-0d3a-4c55-9a57-1b1f0f7f2d11', data: { operation_properties: { MailAccessType: 'Bind', IsThrottled: 'true' } } } },
      resources: [
        { uid: '9b43b410-4d0f-4955-9e21-4ed2be137d6d', name: dana.name, type: 'Mailbox', owner: { name: dana.name, email_addr: dana.name } },
        { name: '\\Inbox\\Invoices', type: 'Mailbox Folder', data: { item_count: 2, FolderItems: items } },
      ],
      metadata: metadata({ original_time: '2026-03-02T13:41:07', log_name: 'Audit.Exchange', log_provider: 'Exchange', log_version: '1', event_code: 'MailItemsAccessed', original_event_uid: '5f1c2f4e-0d3a-4c55-9a57-1b1f0f7f2d11' }),
      raw_data: JSON.stringify(mailItemsAccessed),
      raw_data_size: Buffer.byteLength(JSON.stringify(mailItemsAccessed)),
      observables: [
        ...danaObservables,
        obs('src_endpoint.ip', 2, 'IP Address', '2001:db8:4::17'),
        obs('resources.uid', 10, 'Resource UID', '9b43b410-4d0f-4955-9e21-4ed2be137d6d'),
        obs('resources.name', 38, 'Resource Details: name', dana.name),
        obs('resources.name', 38, 'Resource Details: name', '\\Inbox\\Invoices'),
      ],
      unmapped: { RecordType: 50, ClientInfoString: 'Client=REST;Client=RESTSystem;;', OperationCount: 2 },
    });
  });

  it('maps the scenario New-InboxRule to API Activity: Create with every rule parameter verbatim and the forward target observable', () => {
    expect(mapOk(newInboxRule)).toEqual({
      class_uid: 6003, class_name: 'API Activity', category_uid: 6, category_name: 'Application Activity', activity_id: 1, activity_name: 'Create', type_uid: 600301, type_name: 'API Activity: Create',
      severity_id: 1, severity: 'Informational', time: Date.UTC(2026, 2, 2, 13, 44, 52), status_id: 1, status: 'Success', message: 'New-InboxRule',
      cloud: { provider: 'Microsoft', org: { uid: 'caf33fd1-d9b5-45a1-b70d-9c86ae4dfb40' } },
      actor: { user: dana, app_uid: 'c5e1a8f0-6b0d-4b51-9d7e-3f2a1b0c9d8e' },
      src_endpoint: { ip: '185.220.101.47' },
      api: {
        operation: 'New-InboxRule', service: { name: 'Exchange' },
        request: { uid: '7d2e9a61-3b8c-4f0e-a1d2-5c6b7a8f9e01', data: { parameters: { Name: '.', SubjectOrBodyContainsWords: 'invoice;payment;wire', MoveToFolder: 'RSS Subscriptions', MarkAsRead: 'True', ForwardTo: 'acct.records.archive@proton.me', DeleteMessage: '', StopProcessingRules: 'True' } } },
      },
      resources: [{ name: '.', type: 'InboxRule', owner: { name: dana.name, email_addr: dana.name } }],
      metadata: metadata({ original_time: '2026-03-02T13:44:52', log_name: 'Audit.Exchange', log_provider: 'Exchange', log_version: '1', event_code: 'New-InboxRule', original_event_uid: '7d2e9a61-3b8c-4f0e-a1d2-5c6b7a8f9e01' }),
      raw_data: JSON.stringify(newInboxRule),
      raw_data_size: Buffer.byteLength(JSON.stringify(newInboxRule)),
      observables: [
        ...danaObservables,
        obs('src_endpoint.ip', 2, 'IP Address', '185.220.101.47'),
        obs('resources.name', 38, 'Resource Details: name', '.'),
        obs('api.request.data.parameters.ForwardTo', 5, 'Email Address', 'acct.records.archive@proton.me'),
      ],
      unmapped: { RecordType: 1, ClientInfoString: 'Client=REST;Client=RESTSystem;;' },
    });
  });

  it('maps the OTRF GoldenSAML Sentinel OfficeActivity MailItemsAccessed row (JSON-text columns)', () => {
    const [row] = lines('otrf-security-datasets/compound/GoldenSAMLADFSMailAccess/OfficeActivityEvents.json');
    const e = mapOk(row);
    expect(e).toMatchObject({
      class_uid: 6003, activity_id: 2, time: Date.parse('2021-08-02T13:32:07Z'), status_id: 1,
      actor: { user: { name: 'pgustavo@simulandlabs.com', uid: '100320015858B802', type_id: 1 }, app_uid: '5a95e683-08ad-424e-a441-1d1aec52c02c' },
      src_endpoint: { ip: '1.2.3.4' },
      api: { operation: 'MailItemsAccessed', service: { name: 'Exchange' }, request: { uid: '699e0b10-1c53-403e-976f-ce0847a92b44', data: { operation_properties: { MailAccessType: 'Bind', IsThrottled: 'False' } } } },
      cloud: { provider: 'Microsoft', org: { uid: '00000000-0000-0000-0000-000000000000', name: 'simulandlabs.onmicrosoft.com' } },
      metadata: { log_name: 'OfficeActivity', log_provider: 'Exchange', event_code: 'MailItemsAccessed' },
      unmapped: { AppId: '00000003-0000-0000-c000-000000000000', Logon_Type: 'Owner', ClientInfoString: 'Client=REST;;' },
    });
    const resources = e['resources'] as Record<string, unknown>[];
    expect(resources.map((r) => [r['type'], r['name'], r['uid']])).toEqual([
      ['Mailbox', 'pgustavo@simulandlabs.com', 'd0c5f8ae-9ed7-4e46-bfdf-ea1460f5a31b'],
      ['Mailbox Folder', '\\Inbox', 'LgAAAAAM7KyTTmWeRac2KXBEz/7aAQARGHK+grzLTpRJraC1QR6kAAAAAAEMAAAB'],
    ]);
    expect(resources[1]?.['data']).toMatchObject({ item_count: 7 });
  });

  it('maps the Panther lower-cased New-InboxRule sample (ClientIP with port, rule name from Name)', () => {
    const rec = panther('Microsoft365_Audit_Exchange').find((r) => String(r['objectid']).includes('Move GitHub emails'));
    const e = mapOk(rec);
    expect(e).toMatchObject({
      class_uid: 6003, activity_id: 1, time: Date.UTC(2025, 6, 7, 9, 11, 11), src_endpoint: { ip: '1.2.3.4', port: 10736 },
      actor: { user: { name: 'homer.simpson@simpsons.onmicrosoft', type_id: 2, type: 'Admin' } },
      api: { operation: 'New-InboxRule', request: { uid: '111-22-33', data: { parameters: { MoveToFolder: 'MYFolder', Name: 'Move emails to another folder', FromAddressContainsWords: 'specialsender', StopProcessingRules: 'True', AlwaysDeleteOutlookRulesBlob: 'False', Force: 'False' } } } },
      resources: [{ uid: 'ABC001.prod.outlook.com/Microsoft Exchange Hosted Organizations/simpsons.onmicrosoft.com/444-55-66\\Move GitHub emails', name: 'Move emails to another folder', type: 'InboxRule' }],
      cloud: { org: { uid: '11-aa-bb', name: 'simpsons.onmicrosoft.com' } },
    });
    // Known keys are restored to their Management Activity API spelling, in unmapped too.
    expect(e['unmapped']).toEqual({ ExternalAccess: false, OriginatingServer: 'QWERTY (1.2.3.4)', RecordType: 1 });
  });

  it('classifies rule changes and mailbox forwarding by cmdlet verb and exposes forward targets', () => {
    const cmd = (Operation: string, Parameters: unknown[]) => mapOk({ ...newInboxRule, Operation, Parameters });
    expect(cmd('Set-InboxRule', [{ Name: 'Identity', Value: 'dana.reyes\\Newsletters' }, { Name: 'RedirectTo', Value: 'x@evil.example' }])).toMatchObject({ activity_id: 3, activity_name: 'Update', resources: [{ name: 'Newsletters', type: 'InboxRule' }] });
    expect(cmd('Remove-InboxRule', [{ Name: 'Identity', Value: 'dana.reyes\\Newsletters' }])).toMatchObject({ activity_id: 4, activity_name: 'Delete' });
    expect(cmd('Enable-InboxRule', [{ Name: 'Identity', Value: 'r' }])).toMatchObject({ activity_id: 3 });
    const fwd = cmd('Set-Mailbox', [{ Name: 'Identity', Value: 'dana' }, { Name: 'ForwardingSmtpAddress', Value: 'smtp:a@evil.example;b@evil.example' }]);
    expect(fwd).toMatchObject({ activity_id: 3, resources: [{ name: 'dana', type: 'Mailbox' }] });
    expect((fwd['observables'] as { name: string; value: string }[]).filter((o) => o.name.startsWith('api.request')).map((o) => o.value)).toEqual(['a@evil.example', 'b@evil.example']);
    expect(cmd('Search-UnifiedAuditLog', [])).toMatchObject({ class_uid: 6003, activity_id: 99, activity_name: 'Search-UnifiedAuditLog' });
  });

  it('reads failure results and keeps unknown results as Other', () => {
    expect(mapOk({ ...newInboxRule, ResultStatus: 'Failed' })).toMatchObject({ status_id: 2, status: 'Failure', severity_id: 2 });
    expect(mapOk({ ...newInboxRule, ResultStatus: 'PartiallySucceeded' })).toMatchObject({ status_id: 99, status: 'PartiallySucceeded' });
  });
});

describe('entraMapper: Microsoft 365 unified audit (AzureActiveDirectory)', () => {
  const [failed, loggedIn, mfaAdd, mfaRemove] = panther('Microsoft365_Audit_AzureActiveDirectory');

  it('maps the Panther UserLoginFailed sample to a failed Logon whatever ResultStatus says', () => {
    const e = mapOk(failed);
    expect(e).toMatchObject({
      class_uid: 3002, activity_id: 1, type_uid: 300201, status_id: 2, status: 'Failure', status_code: 'InvalidUserNameOrPassword', status_detail: 'InvalidUserNameOrPassword', severity_id: 2,
      time: Date.UTC(2022, 11, 12, 15, 57, 57), is_remote: true,
      user: { name: 'sample.user@yourorg.onmicrosoft.com', uid: '012345-abcde-543-xyz', email_addr: 'sample.user@yourorg.onmicrosoft.com', type_id: 1, type: 'User' },
      actor: { app_uid: '123-abc-sfa-321' },
      service: { name: 'Microsoft Entra ID', uid: 'aa-11-22-bb' },
      src_endpoint: { ip: '1.2.3.4' },
      http_request: { user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0.0.0 Safari/537.36' },
      cloud: { provider: 'Microsoft', org: { uid: '11-aa-22-bb' } },
      metadata: { log_name: 'Audit.AzureActiveDirectory', log_provider: 'AzureActiveDirectory', event_code: 'UserLoginFailed', original_event_uid: 'abc-def-123' },
    });
    expect(e['actor']).not.toHaveProperty('user');
    expect(e['unmapped']).toMatchObject({ RecordType: 15, Actor: [{ ID: '012345-abcde-543-xyz', Type: 0 }, { ID: 'sample.user@yourorg.onmicrosoft.com', Type: 5 }] });
  });

  it('maps the Panther UserLoggedIn sample (no Workload: inferred from RecordType 15) to a successful Logon', () => {
    expect(mapOk(loggedIn)).toMatchObject({
      class_uid: 3002, activity_id: 1, status_id: 1, status: 'Success', severity_id: 1,
      user: { name: 'sample.user@yourorg.onmicrosoft.com', uid: '012345-abcde-543-xyz' },
      service: { name: 'Microsoft Entra ID' },
      metadata: { log_name: 'Audit.AzureActiveDirectory', log_provider: 'AzureActiveDirectory', event_code: 'UserLoggedIn' },
    });
  });

  it('maps StrongAuthenticationMethod updates to MFA Factor Enable / Disable on the target user', () => {
    const add = mapOk(mfaAdd);
    expect(add).toMatchObject({ class_uid: 3001, activity_id: 10, activity_name: 'MFA Factor Enable', user: { name: 'sample.user@yourorg.onmicrosoft.com' }, actor: { user: { name: 'ServicePrincipal_aa-bb-ccc', type_id: 3 } } });
    expect(add['actor']).not.toHaveProperty('user.uid');
    expect(mapOk(mfaRemove)).toMatchObject({ class_uid: 3001, activity_id: 11, activity_name: 'MFA Factor Disable' });
  });

  it('maps directory changes like the Graph shape: users, groups, roles, consent and grants', () => {
    const aad = (Operation: string, extra: Record<string, unknown> = {}) =>
      mapOk({ CreationTime: '2024-05-01T10:00:00', Id: 'r-1', Operation, OrganizationId: 'org-1', RecordType: 8, ResultStatus: 'Success', UserKey: 'k-admin', UserType: 2, Workload: 'AzureActiveDirectory', UserId: 'admin@contoso.com', ObjectId: 'eve@contoso.com', ...extra });
    expect(aad('Add user.')).toMatchObject({ class_uid: 3001, activity_id: 1, user: { name: 'eve@contoso.com' }, actor: { user: { name: 'admin@contoso.com', uid: 'k-admin', type_id: 2 } } });
    expect(aad('Add member to role.', { ModifiedProperties: [{ Name: 'Role.DisplayName', NewValue: 'Global Administrator', OldValue: '' }] })).toMatchObject({ class_uid: 3005, activity_id: 1, privileges: ['Global Administrator'], user: { name: 'eve@contoso.com' } });
    expect(aad('Add member to group.', { ModifiedProperties: [{ Name: 'Group.ObjectID', NewValue: 'g-1', OldValue: '' }, { Name: 'Group.DisplayName', NewValue: 'Helpdesk', OldValue: '' }] })).toMatchObject({ class_uid: 3006, activity_id: 3, group: { uid: 'g-1', name: 'Helpdesk' } });
    const consent = aad('Consent to application.', { ObjectId: 'sp-mailreader', ClientIP: '203.0.113.9' });
    expect(consent).toMatchObject({ class_uid: 6003, activity_id: 3, api: { operation: 'Consent to application.', service: { name: 'AzureActiveDirectory' }, request: { uid: 'r-1' } }, resources: [{ uid: 'sp-mailreader' }], src_endpoint: { ip: '203.0.113.9' } });
    expect(aad('Add OAuth2PermissionGrant.', { ObjectId: 'grant-1' })).toMatchObject({ class_uid: 6003, activity_id: 1, src_endpoint: { name: 'unknown' } });
  });
});

describe('entraMapper: Microsoft 365 unified audit (SharePoint / OneDrive and others)', () => {
  const sp = (Operation: string, extra: Record<string, unknown> = {}) =>
    mapOk({ CreationTime: '2024-05-01T10:00:00', Id: 'sp-1', Operation, OrganizationId: 'org-1', RecordType: 6, UserId: 'dana@contoso.com', UserType: 0, Workload: 'SharePoint', ClientIP: '198.51.100.7', ObjectId: 'https://contoso.sharepoint.com/sites/fin/Shared%20Documents/Q1%20plan.xlsx', ItemType: 'File', ...extra });

  it('maps file operations to File Hosting Activity with the file from the URL', () => {
    expect(sp('FileDownloaded', { UserAgent: 'OneDriveMpc-Transform_Thumbnail/1.0' })).toMatchObject({
      class_uid: 6006, activity_id: 2, activity_name: 'Download',
      file: { name: 'Q1 plan.xlsx', type_id: 1, uri: 'https://contoso.sharepoint.com/sites/fin/Shared%20Documents/Q1%20plan.xlsx' },
      actor: { user: { name: 'dana@contoso.com' } }, src_endpoint: { ip: '198.51.100.7' }, http_request: { user_agent: 'OneDriveMpc-Transform_Thumbnail/1.0' },
    });
    expect(sp('FileAccessed', { SourceFileName: 'Q1 plan.xlsx', SourceRelativeUrl: 'Shared Documents/Q1 plan.xlsx' })).toMatchObject({ class_uid: 6006, activity_id: 14, file: { name: 'Q1 plan.xlsx', path: 'Shared Documents/Q1 plan.xlsx', parent_folder: 'Shared Documents' } });
  });

  it('maps the Panther OneDrive sharing samples to File Hosting: Share', () => {
    const records = panther('Microsoft365_Audit_SharePoint');
    for (const rec of records) expect(mapOk(rec)).toMatchObject({ class_uid: 6006, activity_id: 12, file: { name: rec['SourceFileName'], ext: 'docx' }, actor: { session: { uid: 'aa-bb-cc' } }, metadata: { correlation_uid: 'dd-ee-ff', log_name: 'Audit.SharePoint' } });
  });

  it('maps other operations and workloads to API Activity: Other', () => {
    expect(sp('PageViewed', { ObjectId: 'https://contoso.sharepoint.com/sites/fin/' })).toMatchObject({ class_uid: 6003, activity_id: 99, activity_name: 'PageViewed', api: { service: { name: 'SharePoint' } } });
    expect(mapOk({ CreationTime: '2024-05-01T10:00:00Z', Id: 't-1', Operation: 'MemberAdded', Workload: 'MicrosoftTeams', RecordType: 25, UserId: 'dana@contoso.com' })).toMatchObject({
      class_uid: 6003, activity_id: 99, activity_name: 'MemberAdded', api: { operation: 'MemberAdded', service: { name: 'MicrosoftTeams' } }, metadata: { log_name: 'Audit.General' },
    });
  });

  it('maps malformed unified audit fields without throwing and keeps them in unmapped', () => {
    const e = mapOk({ Operation: 'New-InboxRule', Workload: 'Exchange', Parameters: 'nope', Folders: 5, ClientIP: 7, UserId: { x: 1 }, CreationTime: 'yesterday', OperationProperties: '[broken' });
    expect(e).toMatchObject({ class_uid: 6003, activity_id: 1, time: ctx.receivedAt, actor: { user: { name: 'unknown' } }, src_endpoint: { name: 'unknown' }, api: { request: { uid: 'unknown' } } });
    expect(e['unmapped']).toEqual({ Parameters: 'nope', Folders: 5, ClientIP: 7, UserId: { x: 1 }, CreationTime: 'yesterday', OperationProperties: '[broken' });
    expect(e).not.toHaveProperty('observables');
  });

  it('splits every ClientIP form the unified audit log writes', () => {
    expect(splitClientIp('1.2.3.4:10736')).toEqual({ ip: '1.2.3.4', port: 10736 });
    expect(splitClientIp('[2001:db8::1]:443')).toEqual({ ip: '2001:db8::1', port: 443 });
    expect(splitClientIp('[2001:db8::1]')).toEqual({ ip: '2001:db8::1', port: undefined });
    expect(splitClientIp('2001:db8::1')).toEqual({ ip: '2001:db8::1' });
    expect(splitClientIp('::ffff:10.0.0.1')).toEqual({ ip: '10.0.0.1' });
    expect(splitClientIp('not-an-ip')).toEqual({ ip: undefined });
  });
});
