import { entraAudit, entraSignIn, exchangeAudit } from '../emit/entra';
import { oktaEvent, type OktaClient } from '../emit/okta';
import type { User } from '../world/types';
import { at, label, type ChainCtx } from './chain';

const SPRAY_UA = 'python-requests/2.31.0';

function victimOf(c: ChainCtx): User {
  const pool = c.world.users.filter((u) => !u.admin && ['Finance', 'Sales', 'Operations', 'HR', 'Legal', 'Marketing'].includes(u.department));
  return c.rng.pick(pool.length > 0 ? pool : c.world.users);
}

/** Step 1: one password tried against many Okta and Entra accounts (T1110.003). */
function spray(c: ChainCtx, victim: User): void {
  const { rng, sink, world } = c;
  const adv = world.adversary;
  const targets = rng.sample(world.users.filter((u) => u !== victim), Math.min(28, world.users.length - 1));
  targets.splice(rng.int(Math.floor(targets.length / 2), targets.length), 0, victim);
  const l = label(c, 1, 'T1110.003', 'credential-access');
  targets.forEach((u, i) => {
    const t = at(c, i * (25 / targets.length)) + rng.int(0, 20_000);
    const ip = adv.sprayIps[i % adv.sprayIps.length] as string;
    const client: OktaClient = { ip, place: adv.mfaPlace, rawUserAgent: SPRAY_UA, os: 'Unknown', browser: 'UNKNOWN', isp: 'M247 Europe SRL', asn: 9009, isProxy: true };
    const ok = u === victim;
    sink.add(t, 'okta', oktaEvent(rng, t, { eventType: 'user.session.start', displayMessage: 'User login to Okta', legacyEventType: ok ? 'core.user_auth.login_success' : 'core.user_auth.login_failed', severity: ok ? 'INFO' : 'WARN', user: u, client, result: ok ? 'SUCCESS' : 'FAILURE', reason: ok ? undefined : 'INVALID_CREDENTIALS', sessionId: 'unknown', credentialType: 'PASSWORD' }), l);
    if (ok) return;
    const te = t + rng.int(1_000, 60_000);
    sink.add(te, 'entra', entraSignIn(rng, te, { user: u, app: { appId: '1b730954-1685-4b74-9bfd-dac224a7b894', name: 'Azure Active Directory PowerShell' }, resource: { id: '00000002-0000-0000-c000-000000000000', name: 'Windows Azure Active Directory' }, ip, place: adv.mfaPlace, userAgent: SPRAY_UA, clientAppUsed: 'Other clients', interactive: true, errorCode: 50126, failureReason: 'Error validating credentials due to invalid username or password.', device: { os: '', browser: 'Python Requests 2.31', compliant: false, managed: false, deviceId: '', name: '' }, risk: 'medium' }, world.entra.tenantId), l);
  });
}

/** Step 2: push bombing until the victim accepts (T1621), then a session from the attacker. */
function mfaFatigue(c: ChainCtx, victim: User): void {
  const { rng, sink, world } = c;
  const adv = world.adversary;
  const l = label(c, 2, 'T1621', 'credential-access');
  const client: OktaClient = { ip: adv.mfaIp, place: adv.mfaPlace, rawUserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36', os: 'Windows 10', browser: 'CHROME', isp: 'M247 Europe SRL', asn: 9009, isProxy: true };
  const sessionId = `102${rng.b62(22)}`;
  const pushes = rng.int(7, 12);
  let t = at(c, 30);
  for (let i = 0; i < pushes; i++) {
    sink.add(t, 'okta', oktaEvent(rng, t, { eventType: 'system.push.send_factor_verify_push', displayMessage: 'Send Okta Verify push notification', user: victim, client, result: 'SUCCESS', sessionId }), l);
    t += rng.int(15_000, 50_000) * c.scale;
    const accepted = i === pushes - 1;
    sink.add(t, 'okta', oktaEvent(rng, t, accepted
      ? { eventType: 'user.authentication.auth_via_mfa', displayMessage: 'Authentication of user via MFA', legacyEventType: 'core.user.factor.attempt_success', user: victim, client, result: 'SUCCESS', sessionId, credentialType: 'OTP' }
      : { eventType: 'user.mfa.okta_verify.deny_push', displayMessage: 'User rejected Okta push verify', severity: 'WARN', user: victim, client, result: 'FAILURE', reason: 'User rejected Okta push verify', sessionId }), l);
    t += rng.int(20_000, 90_000) * c.scale;
  }
  sink.add(t, 'okta', oktaEvent(rng, t, { eventType: 'user.session.start', displayMessage: 'User login to Okta', legacyEventType: 'core.user_auth.login_success', user: victim, client, result: 'SUCCESS', sessionId, credentialType: 'PASSWORD' }), l);
  const office = world.entra.apps[4] as { appId: string; name: string };
  sink.add(t + 6_000, 'entra', entraSignIn(rng, t + 6_000, { user: victim, app: office, resource: { id: '00000003-0000-0000-c000-000000000000', name: 'Microsoft Graph' }, ip: adv.mfaIp, place: adv.mfaPlace, userAgent: client.rawUserAgent, clientAppUsed: 'Browser', interactive: true, errorCode: 0, mfa: { method: 'Mobile app notification', succeeded: true, detail: 'MFA successfully completed' }, device: { os: 'Windows10', browser: 'Chrome 120.0.0', compliant: false, managed: false, deviceId: '', name: '' }, risk: 'medium' }, world.entra.tenantId), l);
}

/** Step 3: the victim's session consents to a malicious mail-reading app (T1528). */
function consent(c: ChainCtx, victim: User): void {
  const { rng, sink, world } = c;
  const adv = world.adversary;
  const l = label(c, 3, 'T1528', 'credential-access');
  const spId = rng.uuid();
  const t = at(c, 62);
  const initiatedBy = { user: victim, ip: adv.mfaIp };
  sink.add(t, 'entra', entraAudit(rng, t, { activity: 'Add service principal', category: 'ApplicationManagement', operationType: 'Add', result: 'success', initiatedBy, targets: [{ id: spId, displayName: adv.oauthApp.name, type: 'ServicePrincipal', modifiedProperties: [{ displayName: 'AppId', oldValue: null, newValue: `"${adv.oauthApp.appId}"` }] }] }), l);
  sink.add(t + 2_000, 'entra', entraAudit(rng, t + 2_000, { activity: 'Add delegated permission grant', category: 'ApplicationManagement', operationType: 'Assign', result: 'success', initiatedBy, targets: [{ id: rng.uuid(), displayName: 'Microsoft Graph', type: 'ServicePrincipal', modifiedProperties: [{ displayName: 'DelegatedPermissionGrant.Scope', oldValue: null, newValue: '"Mail.Read Mail.ReadWrite MailboxSettings.ReadWrite offline_access User.Read"' }] }, { id: spId, displayName: adv.oauthApp.name, type: 'ServicePrincipal' }] }), l);
  sink.add(t + 2_500, 'entra', entraAudit(rng, t + 2_500, { activity: 'Consent to application', category: 'ApplicationManagement', operationType: 'Assign', result: 'success', initiatedBy, targets: [{ id: spId, displayName: adv.oauthApp.name, type: 'ServicePrincipal', modifiedProperties: [{ displayName: 'ConsentContext.IsAdminConsent', oldValue: null, newValue: '"False"' }, { displayName: 'ConsentAction.Permissions', oldValue: null, newValue: '"Scope: Mail.Read Mail.ReadWrite MailboxSettings.ReadWrite offline_access User.Read"' }] }], details: [{ key: 'User-Agent', value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36' }, { key: 'AppId', value: adv.oauthApp.appId }] }), l);
}

/** Steps 4-5: the app reads the mailbox through Graph (T1114.002) and hides replies (T1564.008). */
function mailExfil(c: ChainCtx, victim: User): void {
  const { rng, sink, world } = c;
  const adv = world.adversary;
  const read = label(c, 4, 'T1114.002', 'collection');
  for (let i = 0; i < rng.int(10, 16); i++) {
    const t = at(c, 70 + i * 1.5) + rng.int(0, 30_000);
    sink.add(t, 'entra', exchangeAudit(rng, t, { operation: 'MailItemsAccessed', user: victim, clientIp: adv.exfilIp, organization: world.entra.tenantId, clientInfo: 'Client=REST;Client=RESTSystem;;', appId: adv.oauthApp.appId, folders: [{ Path: rng.pick(['\\Inbox', '\\Sent Items', '\\Inbox\\Invoices', '\\Archive']), count: rng.int(20, 60) }], throttled: i > 8 }), read);
  }
  const t = at(c, 95);
  sink.add(t, 'entra', exchangeAudit(rng, t, { operation: 'New-InboxRule', user: victim, clientIp: adv.exfilIp, organization: world.entra.tenantId, clientInfo: 'Client=REST;Client=RESTSystem;;', appId: adv.oauthApp.appId, parameters: [{ Name: 'Name', Value: '.' }, { Name: 'SubjectOrBodyContainsWords', Value: 'invoice;payment;wire;security;password' }, { Name: 'MoveToFolder', Value: 'RSS Subscriptions' }, { Name: 'MarkAsRead', Value: 'True' }, { Name: 'ForwardTo', Value: 'acct.records.archive@proton.me' }, { Name: 'StopProcessingRules', Value: 'True' }] }), label(c, 5, 'T1564.008', 'defense-evasion'));
}

/** Identity chain: spray, MFA fatigue, illicit consent, mailbox collection. */
export function identityChain(c: ChainCtx): void {
  const victim = victimOf(c);
  spray(c, victim);
  mfaFatigue(c, victim);
  consent(c, victim);
  mailExfil(c, victim);
}
