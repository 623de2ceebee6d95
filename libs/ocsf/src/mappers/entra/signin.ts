import { compact } from '../../build/compact';
import { isEmail } from '../../build/email';
import { buildNetworkEndpoint } from '../../build/endpoint';
import { asArray, asNumber, asRecord, asString } from '../../build/field-readers';
import { normalizeIp } from '../../build/ip';
import { buildLocation } from '../../build/location';
import { UNKNOWN } from '../../build/placeholder';
import { SEVERITY } from '../../build/severity';
import { buildStatus } from '../../build/status';
import type { SeverityId } from '../../build/severity';
import type { StatusAttributes } from '../../build/status';

/** Sign-in fields placed in OCSF attributes; the rest goes to `unmapped`. */
export const SIGNIN_MAPPED = [
  'createdDateTime', 'userPrincipalName', 'userId', 'userDisplayName', 'servicePrincipalName', 'servicePrincipalId',
  'ipAddress', 'status', 'location', 'deviceDetail', 'appDisplayName', 'appId', 'resourceDisplayName', 'resourceId',
  'userAgent', 'mfaDetail', 'authenticationProtocol', 'sessionId', 'autonomousSystemNumber', 'riskLevelDuringSignIn',
  'correlationId', 'id', 'resultType', 'resultDescription', 'tenantId',
];

/** OCSF auth_protocol_id per Entra `authenticationProtocol`. */
const PROTOCOLS: Record<string, [number, string]> = {
  oauth2: [6, 'OAUTH 2.0'],
  ropc: [6, 'OAUTH 2.0'],
  devicecode: [6, 'OAUTH 2.0'],
  saml20: [5, 'SAML'],
  wsfederation: [99, 'WS-Federation'],
  ntlm: [1, 'NTLM'],
  kerberos: [2, 'Kerberos'],
};

/** OCSF auth_factor.factor_type_id per Entra authentication method wording. */
const FACTORS: [RegExp, number, string][] = [
  [/notification|push/i, 5, 'Push Notification'],
  [/text message|sms/i, 1, 'SMS'],
  [/phone call|voice/i, 3, 'Phone Call'],
  [/fido|passkey|webauthn/i, 10, 'WebAuthn'],
  [/hello|biometric|face|fingerprint/i, 4, 'Biometric'],
  [/code|oath|otp|token/i, 7, 'OTP'],
  [/email/i, 8, 'Email'],
  [/password/i, 11, 'Password'],
];

/** Sign-in status: errorCode 0 is success; anything else (including MFA interrupts) fails. */
export function signInStatus(body: Record<string, unknown>, envelope: Record<string, unknown>): StatusAttributes {
  const status = asRecord(body['status']);
  const code = asString(status?.['errorCode']) ?? asString(body['resultType']) ?? asString(envelope['resultType']);
  const detail = asString(status?.['failureReason']) ?? asString(body['resultDescription']) ?? asString(envelope['resultDescription']);
  if (code === undefined) return buildStatus(undefined, undefined, detail);
  return buildStatus(code === '0', code, code === '0' ? undefined : detail);
}

const RISK: Record<string, [number, string, SeverityId]> = {
  low: [1, 'Low', SEVERITY.Informational],
  medium: [2, 'Medium', SEVERITY.Medium],
  high: [3, 'High', SEVERITY.High],
};

/**
 * Severity: a failed sign-in is Low; Entra's own real-time risk raises it (medium ->
 * Medium, high -> High) whatever the outcome, since a risky success is the worse case.
 */
export function signInSeverity(status: StatusAttributes, body: Record<string, unknown>): SeverityId {
  const risk = RISK[(asString(body['riskLevelDuringSignIn']) ?? '').toLowerCase()];
  const outcome = status.status_id === 2 ? SEVERITY.Low : SEVERITY.Informational;
  return Math.max(outcome, risk?.[2] ?? SEVERITY.Informational) as SeverityId;
}

function signInUser(body: Record<string, unknown>, logName: string): Record<string, unknown> {
  const upn = asString(body['userPrincipalName']);
  const risk = RISK[(asString(body['riskLevelDuringSignIn']) ?? '').toLowerCase()];
  const isService = /ServicePrincipal|ManagedIdentity/i.test(logName) || (!upn && asString(body['servicePrincipalId']) !== undefined);
  const uid = isService ? asString(body['servicePrincipalId']) : asString(body['userId']);
  const name = isService ? (asString(body['servicePrincipalName']) ?? asString(body['appDisplayName'])) : (upn ?? asString(body['userDisplayName']));
  if (!uid && !name) return { name: UNKNOWN, type_id: 0, type: 'Unknown' };
  return compact({
    uid,
    name,
    display_name: isService ? undefined : asString(body['userDisplayName']),
    email_addr: isEmail(upn) ? upn : undefined,
    type_id: isService ? 4 : 1,
    type: isService ? 'Service' : 'User',
    risk_level_id: risk?.[0],
    risk_level: risk?.[1],
    account: uid ? { uid, type_id: 6, type: 'Azure AD Account' } : undefined,
  }) as Record<string, unknown>;
}

function signInEndpoint(body: Record<string, unknown>, envelope: Record<string, unknown>): Record<string, unknown> | undefined {
  const ip = normalizeIp(asString(body['ipAddress'])) ?? normalizeIp(asString(envelope['callerIpAddress']));
  const device = asRecord(body['deviceDetail']);
  const ep = buildNetworkEndpoint({ ip, uid: asString(device?.['deviceId']), name: asString(device?.['displayName']) });
  if (!ep) return undefined;
  const loc = asRecord(body['location']);
  const geo = asRecord(loc?.['geoCoordinates']);
  const asn = asNumber(body['autonomousSystemNumber']);
  // The builder's fresh endpoint is extended in place (a spread copy followed by more keys is slow in V8).
  return compact(Object.assign(ep, {
    location: buildLocation({ city: asString(loc?.['city']), region: asString(loc?.['state']), country: asString(loc?.['countryOrRegion']), lat: asNumber(geo?.['latitude']), long: asNumber(geo?.['longitude']) }),
    autonomous_system: asn !== undefined ? { number: asn } : undefined,
  })) as Record<string, unknown>;
}

function authFactors(body: Record<string, unknown>): Record<string, unknown>[] {
  const methods = [asString(asRecord(body['mfaDetail'])?.['authMethod'])];
  for (const step of asArray(body['authenticationDetails'])) {
    const s = asRecord(step);
    if (s && s['succeeded'] !== false) methods.push(asString(s['authenticationMethod']));
  }
  const out = new Map<string, Record<string, unknown>>();
  for (const m of methods) {
    if (!m || /^previously satisfied$/i.test(m)) continue;
    const hit = FACTORS.find(([re]) => re.test(m));
    out.set(m, { factor_type_id: hit ? hit[1] : 99, factor_type: hit ? hit[2] : m, provider: 'Microsoft Entra ID' });
  }
  return [...out.values()];
}

/** Class attributes of an Authentication (3002) event built from an Entra sign-in. */
export function signInAttributes(body: Record<string, unknown>, envelope: Record<string, unknown>, logName: string): Record<string, unknown> {
  const factors = authFactors(body);
  const requirement = asString(body['authenticationRequirement']);
  const isMfa = requirement ? requirement === 'multiFactorAuthentication' || factors.some((f) => f['factor_type_id'] !== 11) : undefined;
  const protocol = PROTOCOLS[(asString(body['authenticationProtocol']) ?? '').toLowerCase()];
  const resource = asString(body['resourceDisplayName']) ?? asString(body['appDisplayName']) ?? 'Microsoft Entra ID';
  return {
    user: signInUser(body, logName),
    src_endpoint: signInEndpoint(body, envelope),
    http_request: { user_agent: asString(body['userAgent']) },
    service: { name: resource, uid: asString(body['resourceId']) ?? asString(body['appId']) },
    actor: { app_name: asString(body['appDisplayName']), app_uid: asString(body['appId']) },
    is_mfa: isMfa,
    auth_factors: factors,
    auth_protocol_id: protocol?.[0],
    auth_protocol: protocol?.[1],
    session: { uid: asString(body['sessionId']), is_mfa: isMfa },
    is_remote: true,
  };
}
