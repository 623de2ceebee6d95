import type { Build } from '../draft';
import { isoMs } from '../format';
import type { Rng } from '../rng';
import type { Place, User } from '../world/types';

/** Where and with what an Okta client connects. */
export interface OktaClient {
  ip: string;
  place: Place;
  rawUserAgent: string;
  os: string;
  browser: string;
  /** Hosting provider flags the attacker infrastructure; residential ISPs otherwise. */
  isp: string;
  asn: number;
  isProxy: boolean;
}

/** One Okta System Log event. */
export interface OktaEvent {
  eventType: string;
  displayMessage: string;
  legacyEventType?: string;
  severity?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  user: User;
  client: OktaClient;
  result: 'SUCCESS' | 'FAILURE' | 'DENY' | 'ALLOW' | 'CHALLENGE';
  reason?: string;
  sessionId: string;
  target?: Record<string, unknown>[];
  debug?: Record<string, string>;
  credentialType?: string;
}

function geo(p: Place): Record<string, unknown> {
  return { city: p.city, state: p.state, country: p.countryName, postalCode: null, geolocation: { lat: p.lat, lon: p.lon } };
}

/** The Okta System Log API object (uuid, published, eventType, actor, client, outcome...). */
export function oktaEvent(rng: Rng, time: number, e: OktaEvent): Build {
  const requestId = rng.b62(27);
  const rec = {
    uuid: rng.uuid(),
    published: isoMs(time),
    eventType: e.eventType,
    version: '0',
    severity: e.severity ?? 'INFO',
    legacyEventType: e.legacyEventType ?? null,
    displayMessage: e.displayMessage,
    actor: { id: e.user.oktaId, type: 'User', alternateId: e.user.upn, displayName: e.user.displayName, detailEntry: null },
    client: {
      userAgent: { rawUserAgent: e.client.rawUserAgent, os: e.client.os, browser: e.client.browser },
      zone: 'null',
      device: 'Computer',
      id: null,
      ipAddress: e.client.ip,
      geographicalContext: geo(e.client.place),
    },
    device: null,
    authenticationContext: {
      authenticationProvider: null,
      credentialProvider: e.credentialType === 'OTP' ? 'OKTA_CREDENTIAL_PROVIDER' : null,
      credentialType: e.credentialType ?? null,
      issuer: null,
      interface: null,
      authenticationStep: 0,
      externalSessionId: e.sessionId,
    },
    outcome: { result: e.result, reason: e.reason ?? null },
    securityContext: { asNumber: e.client.asn, asOrg: e.client.isp.toLowerCase(), isp: e.client.isp, domain: null, isProxy: e.client.isProxy },
    debugContext: { debugData: { requestId, requestUri: '/api/v1/authn', url: '/api/v1/authn?', threatSuspected: 'false', ...e.debug } },
    transaction: { type: 'WEB', id: requestId, detail: {} },
    request: { ipChain: [{ ip: e.client.ip, geographicalContext: geo(e.client.place), version: 'V4', source: null }] },
    target: e.target ?? [],
  };
  return () => rec;
}
