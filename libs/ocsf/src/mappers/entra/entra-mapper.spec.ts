import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateOcsf } from '../../validate';
import type { OcsfEvent } from '../../mapper';
import { entraMapper } from './index';

const CORPORA = path.resolve(__dirname, '../../../../../../shared/corpora/logs');
const ctx = { tenantId: 'tenant-a', eventUid: 'evt-1', receivedAt: 1_700_000_000_000 };

function mapOk(record: unknown): OcsfEvent {
  const r = entraMapper.map(record, ctx);
  if (!r.ok) throw new Error(r.reason);
  expect(validateOcsf(r.event)).toEqual({ valid: true });
  return r.event;
}

const graphSignIn = {
  id: 'si-1', createdDateTime: '2024-02-02T07:30:00Z', userDisplayName: 'Ada Admin', userPrincipalName: 'ada@contoso.com', userId: 'u-ada',
  appId: 'app-1', appDisplayName: 'Azure Portal', ipAddress: '198.51.100.30', clientAppUsed: 'Browser', correlationId: 'corr-1',
  conditionalAccessStatus: 'success', isInteractive: true, riskLevelDuringSignIn: 'none', resourceDisplayName: 'Windows Azure Service Management API', resourceId: 'res-1',
  status: { errorCode: 0, failureReason: 'Other.', additionalDetails: 'MFA requirement satisfied by claim in the token' },
  deviceDetail: { deviceId: '', displayName: '', operatingSystem: 'Windows 10', browser: 'Edge 120' },
  location: { city: 'Redmond', state: 'Washington', countryOrRegion: 'US', geoCoordinates: { latitude: 47.6, longitude: -122.1 } },
  authenticationRequirement: 'multiFactorAuthentication', mfaDetail: { authMethod: 'Mobile app notification', authDetail: null }, authenticationProtocol: 'none',
};

describe('entraMapper', () => {
  it('maps a Graph sign-in to Authentication: Logon with MFA, geo and the resource as service', () => {
    const e = mapOk(graphSignIn);
    expect(e).toMatchObject({
      class_uid: 3002, activity_id: 1, type_uid: 300201, status_id: 1, status_code: '0', severity_id: 1, time: Date.parse('2024-02-02T07:30:00Z'),
      user: { uid: 'u-ada', name: 'ada@contoso.com', email_addr: 'ada@contoso.com', display_name: 'Ada Admin', type_id: 1, account: { uid: 'u-ada', type_id: 6 } },
      src_endpoint: { ip: '198.51.100.30', location: { city: 'Redmond', region: 'Washington', country: 'US', lat: 47.6, long: -122.1 } },
      service: { name: 'Windows Azure Service Management API', uid: 'res-1' },
      actor: { app_name: 'Azure Portal', app_uid: 'app-1' },
      is_mfa: true,
      auth_factors: [{ factor_type_id: 5, factor_type: 'Push Notification' }],
      message: 'MFA requirement satisfied by claim in the token',
      metadata: { product: { name: 'Microsoft Entra ID', vendor_name: 'Microsoft' }, log_name: 'signIns', original_event_uid: 'si-1', correlation_uid: 'corr-1', version: '1.8.0' },
      unmapped: { conditionalAccessStatus: 'success', clientAppUsed: 'Browser', authenticationRequirement: 'multiFactorAuthentication' },
    });
    expect(e).not.toHaveProperty('status_detail');
  });

  it('maps a failed risky sign-in in the Azure Monitor shape to a High failure', () => {
    const e = mapOk({
      time: '2024-02-02T07:31:00.000Z', category: 'SignInLogs', operationName: 'Sign-in activity', callerIpAddress: '203.0.113.66', resultType: '50126', tenantId: 'tid-1',
      properties: { ...graphSignIn, ipAddress: '203.0.113.66', riskLevelDuringSignIn: 'high', authenticationRequirement: 'singleFactorAuthentication', mfaDetail: {}, status: { errorCode: 50126, failureReason: 'Invalid username or password.' } },
    });
    expect(e).toMatchObject({ class_uid: 3002, status_id: 2, status_code: '50126', status_detail: 'Invalid username or password.', severity_id: 4, is_mfa: false, user: { risk_level_id: 3, risk_level: 'High' }, cloud: { provider: 'Azure', org: { uid: 'tid-1' } }, metadata: { log_name: 'SignInLogs' } });
  });

  it('maps service principal sign-ins to a Service user', () => {
    const e = mapOk({ time: '2023-07-26T23:00:20Z', category: 'ServicePrincipalSignInLogs', properties: { servicePrincipalId: 'sp-1', servicePrincipalName: 'ci-bot', appId: 'app-9', ipAddress: '12.12.12.12', status: { errorCode: 7000215 } } });
    expect(e).toMatchObject({ user: { uid: 'sp-1', name: 'ci-bot', type_id: 4 }, status_id: 2, severity_id: 2 });
  });

  it('maps directory audits: user, group and role management and consent', () => {
    const initiatedBy = { user: { id: 'u-admin', userPrincipalName: 'admin@contoso.com', ipAddress: '198.51.100.5' } };
    const audit = (activityDisplayName: string, category: string, operationType: string, targetResources: unknown[]) =>
      mapOk({ id: 'a-1', activityDateTime: '2024-02-03T10:00:00Z', activityDisplayName, category, operationType, result: 'success', loggedByService: 'Core Directory', correlationId: 'c-1', initiatedBy, targetResources });
    const newUser = audit('Add user', 'UserManagement', 'Add', [{ id: 'u-new', type: 'User', userPrincipalName: 'eve@contoso.com' }]);
    expect(newUser).toMatchObject({ class_uid: 3001, activity_id: 1, user: { uid: 'u-new', name: 'eve@contoso.com' }, actor: { user: { uid: 'u-admin', name: 'admin@contoso.com' } }, src_endpoint: { ip: '198.51.100.5' }, metadata: { event_code: 'Add user', log_name: 'directoryAudits' } });
    const reset = audit('Reset user password', 'UserManagement', 'Update', [{ id: 'u-new', type: 'User', userPrincipalName: 'eve@contoso.com' }]);
    expect(reset).toMatchObject({ class_uid: 3001, activity_id: 4 });
    const member = audit('Add member to group', 'GroupManagement', 'Assign', [{ id: 'u-new', type: 'User', userPrincipalName: 'eve@contoso.com' }, { id: 'g-1', type: 'Group', displayName: 'Helpdesk' }]);
    expect(member).toMatchObject({ class_uid: 3006, activity_id: 3, group: { uid: 'g-1', name: 'Helpdesk' }, user: { uid: 'u-new' } });
    const role = audit('Add member to role', 'RoleManagement', 'Assign', [{ id: 'r-1', type: 'Role', displayName: 'Global Administrator' }, { id: 'u-new', type: 'User', userPrincipalName: 'eve@contoso.com' }]);
    expect(role).toMatchObject({ class_uid: 3005, activity_id: 1, privileges: ['Global Administrator'], user: { uid: 'u-new' } });
    const consent = audit('Consent to application', 'ApplicationManagement', 'Assign', [{ id: 'sp-1', type: 'ServicePrincipal', displayName: 'Mail Reader' }]);
    expect(consent).toMatchObject({ class_uid: 6003, activity_id: 3, api: { operation: 'Consent to application', service: { name: 'Core Directory' }, request: { uid: 'c-1' } }, resources: [{ uid: 'sp-1', name: 'Mail Reader', type: 'ServicePrincipal' }] });
  });

  it('reads Log Analytics rows whose nested objects are JSON text', () => {
    const e = mapOk({
      Type: 'AuditLogs', TimeGenerated: '2021-08-02T13:29:25.983Z', ActivityDateTime: '2021-08-02T13:29:25.983Z', ActivityDisplayName: 'Add delegated permission grant', AADOperationType: 'Assign',
      Category: 'ApplicationManagement', Result: 'success', CorrelationId: 'c-9', Id: 'Directory_1', LoggedByService: 'Core Directory', AADTenantId: 'tid-9',
      InitiatedBy: '{"user":{"id":"u-1","userPrincipalName":"pg@example.com","ipAddress":null}}',
      TargetResources: '[{"id":"sp-graph","displayName":"Microsoft Graph","type":"ServicePrincipal","modifiedProperties":[]}]',
    });
    expect(e).toMatchObject({ class_uid: 6003, activity_id: 3, actor: { user: { uid: 'u-1', name: 'pg@example.com' } }, resources: [{ uid: 'sp-graph', name: 'Microsoft Graph' }], src_endpoint: { name: 'unknown' }, cloud: { org: { uid: 'tid-9' } }, metadata: { log_name: 'AuditLogs', original_event_uid: 'Directory_1' } });
  });

  it('rejects Azure resource (ARM) activity logs with a reason', () => {
    const r = entraMapper.map({ time: '2024-01-01T00:00:00Z', category: 'Administrative', operationName: 'MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE', properties: { statusCode: 'Created' } }, ctx);
    expect(r).toEqual({ ok: false, code: 'SOC_ERR_RECORD_UNMAPPABLE', reason: expect.stringContaining("category 'Administrative'") });
  });

  it('maps every Entra and Microsoft 365 sample of the Panther and OTRF corpora to valid OCSF', () => {
    const lines = (f: string) => readFileSync(path.join(CORPORA, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const golden = 'otrf-security-datasets/compound/GoldenSAMLADFSMailAccess';
    const records = [
      ...['Azure_Audit', 'Microsoft365_Audit_AzureActiveDirectory', 'Microsoft365_Audit_Exchange', 'Microsoft365_Audit_SharePoint'].flatMap((f) => lines(`panther-analysis-tests/${f}.ndjson`).map((t) => t['log'])),
      ...lines(`${golden}/AADAuditEvents.json`),
      ...lines(`${golden}/OfficeActivityEvents.json`),
    ];
    const byClass: Record<string, number> = {};
    for (const rec of records) {
      const r = entraMapper.map(rec, ctx);
      if (!r.ok) throw new Error(r.reason);
      expect(validateOcsf(r.event)).toEqual({ valid: true });
      byClass[r.event.class_uid] = (byClass[r.event.class_uid] ?? 0) + 1;
    }
    expect(records).toHaveLength(72);
    expect(byClass).toEqual({ 3001: 6, 3002: 29, 3005: 2, 6003: 30, 6006: 5 });
    // Azure_MonitorActivity holds Azure Resource Manager / storage / AKS logs, not Entra ID: all rejected.
    const arm = lines('panther-analysis-tests/Azure_MonitorActivity.ndjson').map((t) => entraMapper.map(t['log'], ctx));
    expect(arm.filter((r) => r.ok)).toHaveLength(0);
    // Defender advanced-hunting rows of the GoldenSAML set are not Entra / M365 audit records either.
    const defender = lines(`${golden}/Microsoft365DefenderEvents.json`).map((r) => entraMapper.map(r, ctx));
    expect(defender.filter((r) => r.ok)).toHaveLength(0);
  });
});
