import { entraSignIn, exchangeAudit, entraAudit } from '../emit/entra';
import { oktaEvent, type OktaClient } from '../emit/okta';
import type { User } from '../world/types';
import { timeIn, type SliceCtx } from './context';
import { plansOverlapping, type DayPlan } from './plan';
import { whereabouts, type Whereabouts } from './where';

const HOUR = 3_600_000;

function oktaClient(w: Whereabouts): OktaClient {
  return { ip: w.ip, place: w.place, rawUserAgent: w.ua, os: w.os, browser: w.browser, isp: w.isp, asn: w.asn, isProxy: false };
}

function morningSignIn(ctx: SliceCtx, user: User, p: DayPlan): void {
  const { sink, rng, world } = ctx;
  const w = whereabouts(ctx, world, user, p.logonAt);
  const client = oktaClient(w);
  const sessionId = `102${rng.b62(22)}`;
  let t = p.logonAt + rng.int(30_000, 300_000);
  if (p.typo || rng.chance(0.04)) {
    sink.add(t, 'okta', oktaEvent(rng, t, { eventType: 'user.session.start', displayMessage: 'User login to Okta', legacyEventType: 'core.user_auth.login_failed', severity: 'WARN', user, client, result: 'FAILURE', reason: 'INVALID_CREDENTIALS', sessionId: 'unknown', credentialType: 'PASSWORD' }));
    t += rng.int(8_000, 40_000);
  }
  sink.add(t, 'okta', oktaEvent(rng, t, { eventType: 'system.push.send_factor_verify_push', displayMessage: 'Send Okta Verify push notification', user, client, result: 'SUCCESS', sessionId }));
  // Now and then someone taps "deny" by mistake and retries: benign MFA denials.
  if (rng.chance(0.03)) {
    t += rng.int(5_000, 20_000);
    sink.add(t, 'okta', oktaEvent(rng, t, { eventType: 'user.mfa.okta_verify.deny_push', displayMessage: 'User rejected Okta push verify', severity: 'WARN', user, client, result: 'FAILURE', reason: 'User rejected Okta push verify', sessionId }));
    t += rng.int(5_000, 20_000);
    sink.add(t, 'okta', oktaEvent(rng, t, { eventType: 'system.push.send_factor_verify_push', displayMessage: 'Send Okta Verify push notification', user, client, result: 'SUCCESS', sessionId }));
  }
  t += rng.int(3_000, 25_000);
  sink.add(t, 'okta', oktaEvent(rng, t, { eventType: 'user.authentication.auth_via_mfa', displayMessage: 'Authentication of user via MFA', legacyEventType: 'core.user.factor.attempt_success', user, client, result: 'SUCCESS', sessionId, credentialType: 'OTP' }));
  sink.add(t + 200, 'okta', oktaEvent(rng, t + 200, { eventType: 'user.session.start', displayMessage: 'User login to Okta', legacyEventType: 'core.user_auth.login_success', user, client, result: 'SUCCESS', sessionId, credentialType: 'PASSWORD' }));
  const office = world.entra.apps[2] as { appId: string; name: string };
  const exo = world.entra.apps[0] as { appId: string; name: string };
  sink.add(t + 4_000, 'entra', entraSignIn(rng, t + 4_000, { user, app: office, resource: { id: exo.appId, name: exo.name }, ip: w.ip, place: w.place, userAgent: w.ua, clientAppUsed: 'Browser', interactive: true, errorCode: 0, additionalDetails: 'MFA requirement satisfied by claim in the token', mfa: { method: 'Previously satisfied', succeeded: true, detail: 'MFA requirement satisfied by claim in the token' }, device: deviceOf(user) }, world.entra.tenantId));
}

function deviceOf(user: User): { os: string; browser: string; compliant: boolean; managed: boolean; deviceId: string; name: string } {
  const mac = user.os === 'mac';
  return { os: mac ? 'MacOs' : 'Windows10', browser: 'Chrome 131.0.0', compliant: true, managed: true, deviceId: `${user.entraId.slice(0, 8)}-0000-4000-8000-${user.entraId.slice(-12)}`, name: mac ? `${user.sam}-mbp` : user.workstation };
}

function duringDay(ctx: SliceCtx, user: User, a: number, b: number): void {
  const { sink, rng, world } = ctx;
  const frac = (b - a) / HOUR;
  for (let i = rng.poisson(2 * frac); i > 0; i--) {
    const t = timeIn(ctx, a, b);
    const w = whereabouts(ctx, world, user, t);
    const app = rng.pick(world.okta.apps.filter((x) => user.engineer || (x.name !== 'GitHub Enterprise Cloud' && x.name !== 'AWS IAM Identity Center')));
    sink.add(t, 'okta', oktaEvent(rng, t, { eventType: 'user.authentication.sso', displayMessage: 'User single sign on to app', legacyEventType: 'app.auth.sso', user, client: oktaClient(w), result: 'SUCCESS', sessionId: `102${rng.b62(22)}`, target: [{ id: app.id, type: 'AppInstance', alternateId: app.name, displayName: app.name, detailEntry: { signOnModeType: 'SAML_2_0' } }] }));
  }
  for (let i = rng.poisson(3 * frac); i > 0; i--) {
    const t = timeIn(ctx, a, b);
    const w = whereabouts(ctx, world, user, t);
    const app = rng.pick(world.entra.apps);
    sink.add(t, 'entra', entraSignIn(rng, t, { user, app, resource: { id: '00000003-0000-0000-c000-000000000000', name: 'Microsoft Graph' }, ip: w.ip, place: w.place, userAgent: w.ua, clientAppUsed: 'Mobile Apps and Desktop clients', interactive: false, errorCode: 0, device: deviceOf(user) }, world.entra.tenantId));
  }
  for (let i = rng.poisson(0.6 * frac); i > 0; i--) {
    const t = timeIn(ctx, a, b);
    const w = whereabouts(ctx, world, user, t);
    sink.add(t, 'entra', exchangeAudit(rng, t, { operation: 'MailItemsAccessed', user, clientIp: w.ip, organization: world.entra.tenantId, clientInfo: 'Client=OUTLOOK.EXE;Client=MSExchangeRPC', folders: [{ Path: '\\Inbox', count: rng.int(1, 6) }] }));
  }
  if (rng.chance(0.004 * frac * 8)) benignInboxRule(ctx, user, timeIn(ctx, a, b));
}

/** Users do create rules; most move newsletters. Detection must look at what the rule does. */
function benignInboxRule(ctx: SliceCtx, user: User, t: number): void {
  const { sink, rng, world } = ctx;
  const w = whereabouts(ctx, world, user, t);
  sink.add(t, 'entra', exchangeAudit(rng, t, { operation: 'New-InboxRule', user, clientIp: w.ip, organization: world.entra.tenantId, clientInfo: 'Client=OWA;Action=ViaProxy', parameters: [{ Name: 'Name', Value: 'Newsletters' }, { Name: 'FromAddressContainsWords', Value: 'newsletter;digest' }, { Name: 'MoveToFolder', Value: 'Newsletters' }, { Name: 'StopProcessingRules', Value: 'False' }] }));
  if (rng.chance(0.3)) {
    sink.add(t + 60_000, 'entra', entraAudit(rng, t + 60_000, { activity: 'Consent to application', category: 'ApplicationManagement', operationType: 'Assign', result: 'success', initiatedBy: { user, ip: w.ip }, targets: [{ id: rng.uuid(), displayName: 'Zoom', type: 'ServicePrincipal', modifiedProperties: [{ displayName: 'ConsentAction.Permissions', oldValue: null, newValue: '"Scope: User.Read Calendars.ReadWrite offline_access"' }] }] }));
  }
}

/** Benign Okta, Entra and Exchange activity for every user in the slice. */
export function identityActivity(ctx: SliceCtx): void {
  const { sink, world, seed } = ctx;
  for (const user of world.users) {
    for (const p of plansOverlapping(seed, user, sink.start, sink.end)) {
      if (p.logonAt >= sink.start && p.logonAt < sink.end) morningSignIn(ctx, user, p);
      const a = Math.max(p.logonAt, sink.start);
      const b = Math.min(p.logoffAt, sink.end);
      if (b > a) duringDay(ctx, user, a, b);
    }
  }
}
