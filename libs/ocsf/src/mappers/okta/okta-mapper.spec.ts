import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateOcsf } from '../../validate';
import type { OcsfEvent } from '../../mapper';
import { oktaMapper } from './index';

const CORPORA = path.resolve(__dirname, '../../../../../../shared/corpora/logs');
const ctx = { tenantId: 'tenant-a', eventUid: 'evt-1', receivedAt: 1_700_000_000_000 };

function mapOk(record: unknown): OcsfEvent {
  const r = oktaMapper.map(record, ctx);
  if (!r.ok) throw new Error(r.reason);
  expect(validateOcsf(r.event)).toEqual({ valid: true });
  return r.event;
}

const actor = { id: '00u1', type: 'User', alternateId: 'jane@example.com', displayName: 'Jane Doe' };
const client = {
  ipAddress: '203.0.113.20',
  userAgent: { rawUserAgent: 'Mozilla/5.0 (Macintosh)', os: 'Mac OS X', browser: 'CHROME' },
  geographicalContext: { city: 'Lisbon', state: 'Lisboa', country: 'Portugal', postalCode: '1000', geolocation: { lat: 38.7, lon: -9.1 } },
  zone: 'null',
};
const base = {
  uuid: 'u-1', published: '2024-03-01T08:00:00.000Z', version: '0', severity: 'INFO', actor, client,
  securityContext: { asNumber: 3243, asOrg: 'meo', isp: 'meo', domain: 'telepac.pt', isProxy: false },
  authenticationContext: { externalSessionId: 'sess-9' }, transaction: { id: 'tx-1', type: 'WEB' },
  debugContext: { debugData: { requestId: 'req-1' } },
};

describe('oktaMapper', () => {
  it('maps user.session.start to Authentication: Logon with src_endpoint geo and session', () => {
    const e = mapOk({ ...base, eventType: 'user.session.start', displayMessage: 'User login to Okta', outcome: { result: 'SUCCESS' } });
    expect(e).toMatchObject({
      class_uid: 3002, activity_id: 1, type_uid: 300201, status_id: 1, severity_id: 1, time: Date.parse('2024-03-01T08:00:00Z'),
      message: 'User login to Okta',
      user: { uid: '00u1', name: 'jane@example.com', email_addr: 'jane@example.com', display_name: 'Jane Doe', type_id: 1 },
      src_endpoint: { ip: '203.0.113.20', location: { city: 'Lisbon', country: 'Portugal', region: 'Lisboa', postal_code: '1000', lat: 38.7, long: -9.1 }, autonomous_system: { number: 3243, name: 'meo' }, isp: 'meo' },
      http_request: { user_agent: 'Mozilla/5.0 (Macintosh)' },
      session: { uid: 'sess-9' },
      service: { name: 'Okta' },
      metadata: { product: { name: 'Okta System Log', vendor_name: 'Okta' }, event_code: 'user.session.start', original_event_uid: 'u-1', correlation_uid: 'tx-1', version: '1.8.0', uid: 'evt-1' },
    });
    expect(e['unmapped']).toEqual({
      authenticationContext: { externalSessionId: 'sess-9' },
      debugContext: { debugData: { requestId: 'req-1' } },
      client: { zone: 'null', userAgent: { os: 'Mac OS X', browser: 'CHROME' } },
      securityContext: { isProxy: false },
    });
  });

  it('maps a denied Okta Verify push to a Medium failed MFA logon', () => {
    const e = mapOk({ ...base, eventType: 'user.mfa.okta_verify.deny_push', outcome: { result: 'FAILURE', reason: 'User rejected Okta push verify' }, debugContext: { debugData: { factor: 'OKTA_VERIFY_PUSH' } } });
    expect(e).toMatchObject({ class_uid: 3002, activity_id: 1, status_id: 2, status_detail: 'User rejected Okta push verify', is_mfa: true, severity_id: 3, auth_factors: [{ factor_type_id: 5, factor_type: 'Push Notification' }] });
  });

  it('maps a failed password sign-in to Low and an SSO to the target app as service', () => {
    const fail = mapOk({ ...base, eventType: 'user.session.start', outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' } });
    expect(fail).toMatchObject({ status_id: 2, status_detail: 'INVALID_CREDENTIALS', severity_id: 2 });
    const sso = mapOk({ ...base, eventType: 'user.authentication.sso', outcome: { result: 'SUCCESS' }, target: [{ id: '0oa1', type: 'AppInstance', displayName: 'Salesforce' }] });
    expect(sso).toMatchObject({ class_uid: 3002, service: { uid: '0oa1', name: 'Salesforce' } });
  });

  it('maps lifecycle, factor, privilege and group membership changes to 3001/3005/3006', () => {
    const target = [{ id: '00u2', type: 'User', alternateId: 'bob@example.com', displayName: 'Bob' }];
    const deact = mapOk({ ...base, eventType: 'user.lifecycle.deactivate', outcome: { result: 'SUCCESS' }, target });
    expect(deact).toMatchObject({ class_uid: 3001, activity_id: 5, type_uid: 300105, user: { uid: '00u2', name: 'bob@example.com' }, actor: { user: { uid: '00u1' }, session: { uid: 'sess-9' } } });
    const factor = mapOk({ ...base, eventType: 'user.mfa.factor.deactivate', outcome: { result: 'SUCCESS' }, target });
    expect(factor).toMatchObject({ class_uid: 3001, activity_id: 11 });
    const grant = mapOk({ ...base, eventType: 'user.account.privilege.grant', outcome: { result: 'SUCCESS' }, target, debugContext: { debugData: { privilegeGranted: 'Super administrator' } } });
    expect(grant).toMatchObject({ class_uid: 3005, activity_id: 1, privileges: ['Super administrator'], user: { name: 'bob@example.com' } });
    const add = mapOk({ ...base, eventType: 'group.user_membership.add', outcome: { result: 'SUCCESS' }, target: [...target, { id: '00g1', type: 'UserGroup', displayName: 'Admins' }] });
    expect(add).toMatchObject({ class_uid: 3006, activity_id: 3, group: { uid: '00g1', name: 'Admins' }, user: { uid: '00u2' } });
  });

  it('maps OAuth consent and admin events to API Activity with the event type as operation', () => {
    const e = mapOk({ ...base, eventType: 'app.oauth2.as.consent.grant', outcome: { result: 'SUCCESS' }, target: [{ id: 'aus1', type: 'AuthorizationServer', displayName: 'default' }] });
    expect(e).toMatchObject({ class_uid: 6003, activity_id: 1, api: { operation: 'app.oauth2.as.consent.grant', service: { name: 'Okta' }, request: { uid: 'req-1' } }, resources: [{ uid: 'aus1', name: 'default', type: 'AuthorizationServer' }], actor: { user: { uid: '00u1' } } });
    const warn = mapOk({ ...base, eventType: 'system.org.rate_limit.warning', severity: 'WARN', outcome: { result: 'SUCCESS' } });
    expect(warn).toMatchObject({ activity_id: 99, activity_name: 'system.org.rate_limit.warning', severity_id: 2 });
  });

  it('reads lower-cased exports and rejects records without eventType', () => {
    const e = mapOk({ eventtype: 'user.session.start', published: '2022-12-13 15:22:58.759', actor, client, outcome: { result: 'SUCCESS' }, authenticationcontext: { externalSessionId: 's-1' } });
    expect(e).toMatchObject({ class_uid: 3002, session: { uid: 's-1' }, time: Date.parse('2022-12-13T15:22:58.759Z') });
    expect(oktaMapper.map({ actor }, ctx)).toEqual({ ok: false, code: 'SOC_ERR_RECORD_UNMAPPABLE', reason: 'Okta record has no eventType' });
  });

  it('maps every Okta sample of the Panther corpus to valid OCSF', () => {
    const records = readFileSync(path.join(CORPORA, 'panther-analysis-tests/Okta_SystemLog.ndjson'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { log: unknown }).log);
    const byClass: Record<string, number> = {};
    const rejected: string[] = [];
    for (const rec of records) {
      const r = oktaMapper.map(rec, ctx);
      if (!r.ok) {
        rejected.push(r.reason);
        continue;
      }
      expect(validateOcsf(r.event)).toEqual({ valid: true });
      byClass[r.event.class_uid] = (byClass[r.event.class_uid] ?? 0) + 1;
    }
    // 2 fixtures hold only Panther enrichment (p_enrichment), no Okta event.
    expect(rejected).toEqual(['Okta record has no eventType', 'Okta record has no eventType']);
    expect(byClass).toEqual({ 3001: 12, 3002: 35, 3005: 2, 3006: 3, 6003: 34 });
  });
});
