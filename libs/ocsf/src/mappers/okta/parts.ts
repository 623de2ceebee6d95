import { compact } from '../../build/compact';
import { isEmail } from '../../build/email';
import { buildNetworkEndpoint } from '../../build/endpoint';
import { asArray, asNumber, asRecord, asString } from '../../build/field-readers';
import { buildLocation } from '../../build/location';
import { UNKNOWN } from '../../build/placeholder';

/** One Okta actor or target entry: `{id, type, alternateId, displayName, detailEntry}`. */
type OktaEntity = Record<string, unknown>;

/** Okta entity types that are people (users) rather than apps, clients or system principals. */
const PERSON_TYPES = new Set(['User', 'user']);

/**
 * OCSF `user` of an Okta user entity: uid is the Okta user id, name the login
 * (`alternateId`, usually an email), display name kept as `display_name`.
 */
export function oktaUser(entity: OktaEntity | undefined): Record<string, unknown> | undefined {
  if (!entity) return undefined;
  const login = asString(entity['alternateId']);
  const id = asString(entity['id']);
  const name = login && login !== 'unknown' ? login : asString(entity['displayName']);
  if (!name && !id) return undefined;
  const type = asString(entity['type']);
  return compact({
    uid: id,
    name,
    display_name: asString(entity['displayName']),
    email_addr: isEmail(login) ? login : undefined,
    type_id: type && PERSON_TYPES.has(type) ? 1 : type === 'SystemPrincipal' ? 3 : 99,
    type: type ?? undefined,
  }) as Record<string, unknown>;
}

/**
 * OCSF `actor`: a user actor becomes `actor.user`; an app, client or system principal
 * becomes `actor.app_name`/`app_uid` (and still `actor.user` so the id is searchable).
 */
export function oktaActor(actor: OktaEntity | undefined, sessionUid: string | undefined): Record<string, unknown> {
  const user = oktaUser(actor);
  const type = asString(actor?.['type']);
  const isPerson = type !== undefined && PERSON_TYPES.has(type);
  return (compact({
    user: user ?? { name: UNKNOWN, type_id: 0, type: 'Unknown' },
    app_name: isPerson ? undefined : asString(actor?.['displayName']),
    app_uid: isPerson ? undefined : asString(actor?.['id']),
    session: sessionUid ? { uid: sessionUid } : undefined,
  }) ?? {}) as Record<string, unknown>;
}

/** Targets of the given Okta type (`User`, `UserGroup`, `AppInstance`, ...). */
export function targetsOfType(targets: unknown, ...types: string[]): OktaEntity[] {
  return asArray(targets)
    .map((t) => asRecord(t))
    .filter((t): t is OktaEntity => t !== undefined && types.includes(asString(t['type']) ?? ''));
}

/** Every target as an OCSF `resource_details` (uid, name, type). */
export function targetResources(targets: unknown): Record<string, unknown>[] {
  return asArray(targets)
    .map((t) => asRecord(t))
    .filter((t): t is OktaEntity => t !== undefined)
    .map((t) => compact({ uid: asString(t['id']), name: asString(t['displayName']) ?? asString(t['alternateId']), type: asString(t['type']), role_id: 1, role: 'Target' }) as Record<string, unknown>)
    .filter((r) => r['uid'] !== undefined || r['name'] !== undefined);
}

/**
 * OCSF `src_endpoint` from Okta `client` (IP, geo) and `securityContext` (AS, ISP,
 * domain). Returns `undefined` when the client carries no IP or id.
 */
export function oktaSourceEndpoint(client: unknown, security: unknown): Record<string, unknown> | undefined {
  const c = asRecord(client);
  const s = asRecord(security);
  const geo = asRecord(c?.['geographicalContext']);
  const coords = asRecord(geo?.['geolocation']);
  const ep = buildNetworkEndpoint({ ip: c?.['ipAddress'], uid: asString(c?.['id']), domain: asString(s?.['domain']) });
  if (!ep) return undefined;
  const asn = asNumber(s?.['asNumber']);
  // The builder's fresh endpoint is extended in place (a spread copy followed by more keys is slow in V8).
  return compact(Object.assign(ep, {
    location: buildLocation({
      city: asString(geo?.['city']),
      country: asString(geo?.['country']),
      region: asString(geo?.['state']),
      postal_code: asString(geo?.['postalCode']),
      lat: asNumber(coords?.['lat']),
      long: asNumber(coords?.['lon']),
    }),
    autonomous_system: asn !== undefined || asString(s?.['asOrg']) ? { number: asn, name: asString(s?.['asOrg']) } : undefined,
    isp: asString(s?.['isp']),
  })) as Record<string, unknown>;
}

/** OCSF auth_factor.factor_type_id per Okta factor name (debugData.factor / factorType). */
const FACTOR_TYPES: [RegExp, number, string][] = [
  [/PUSH/i, 5, 'Push Notification'],
  [/SMS/i, 1, 'SMS'],
  [/CALL|VOICE/i, 3, 'Phone Call'],
  [/WEBAUTHN|FIDO/i, 10, 'WebAuthn'],
  [/U2F/i, 9, 'U2F'],
  [/EMAIL/i, 8, 'Email'],
  [/QUESTION/i, 2, 'Security Question'],
  [/TOTP|OTP|TOKEN|GOOGLE|YUBIKEY|RSA|SYMANTEC/i, 7, 'OTP'],
  [/PASSWORD/i, 11, 'Password'],
];

/** OCSF `auth_factors` for an Okta factor word, or `undefined`. */
export function oktaAuthFactors(factor: string | undefined): Record<string, unknown>[] | undefined {
  if (!factor) return undefined;
  const hit = FACTOR_TYPES.find(([re]) => re.test(factor));
  return [{ factor_type_id: hit ? hit[1] : 99, factor_type: hit ? hit[2] : factor, provider: 'Okta' }];
}
