// Builders of realistic synthetic alerts for the fusion specs (not exported from the library).
import { tactic } from '@soc/attack';
import type { AlertEntity, AlertLevel, AlertPayload, Envelope } from '@soc/contracts';

/** Where each entity kind is read from in OCSF, so fixtures look like detection output. */
const PATHS: Record<AlertEntity['type'], string> = {
  user: 'actor.user.name',
  host: 'device.hostname',
  ip: 'src_endpoint.ip',
  process: 'process.name',
  file_hash: 'file.hashes.value',
  cloud_principal: 'actor.user.uid',
  access_key: 'actor.user.credential_uid',
  mailbox: 'email.to',
  repository: 'resources.name',
  domain: 'dst_endpoint.domain',
  url: 'http_request.url.url_string',
  app: 'api.service.name',
};

/** Fixture start: a Monday morning. */
export const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** What a spec says about one alert. */
export interface AlertSpec {
  readonly id: string;
  readonly rule: string;
  readonly at: number;
  readonly entities: ReadonlyArray<readonly [AlertEntity['type'], string]>;
  readonly tactics?: readonly string[];
  readonly level?: AlertLevel;
  readonly tenant?: string;
  /** Event-time span of the alert's evidence; 0 by default. */
  readonly spanMs?: number;
  readonly suppressedBy?: string;
}

/** An alert envelope as detection publishes it. */
export function alert(s: AlertSpec): Envelope<AlertPayload> {
  const tactics = (s.tactics ?? []).map((t) => {
    const found = tactic(t);
    if (!found) throw new Error(`unknown tactic ${t}`);
    return { id: found.id, shortname: found.shortname, name: found.name };
  });
  const iso = new Date(s.at).toISOString();
  return {
    id: s.id,
    tenantId: s.tenant ?? 'acme',
    type: 'alert.raised',
    schemaVersion: 1,
    occurredAt: iso,
    ingestedAt: iso,
    traceId: `trace-${s.id}`,
    payload: {
      kind: 'rule',
      ruleId: s.rule,
      ruleTitle: `Rule ${s.rule}`,
      level: s.level ?? 'medium',
      techniques: [],
      tactics,
      evidence: [{ eventId: `ev-${s.id}`, time: s.at, source: 'windows', classUid: 1007, ruleId: s.rule }],
      evidenceCount: 1,
      entities: s.entities.map(([type, value]) => ({ type, value, path: PATHS[type] ?? '' })),
      firstSeen: s.at,
      lastSeen: s.at + (s.spanMs ?? 0),
      ...(s.suppressedBy === undefined ? {} : { suppressedBy: s.suppressedBy }),
      finding: {},
    },
  };
}

/**
 * Background noise of a Windows domain: `n` alerts over the hours before `until`, about half
 * of them on the domain controller `dc01` (failed Kerberos pre-auth, DCSync-looking
 * replication by backup tooling), each with its own user and workstation.
 */
export function domainNoise(n: number, until: number): Envelope<AlertPayload>[] {
  const out: Envelope<AlertPayload>[] = [];
  for (let i = 0; i < n; i++) {
    const at = until - (n - i) * 5 * MIN;
    const onDc = i % 2 === 0;
    out.push(
      alert({
        id: `noise-${i}`,
        rule: onDc ? 'kerberos-preauth-failed' : `workstation-anomaly-${i % 7}`,
        at,
        level: 'low',
        tactics: ['credential-access'],
        entities: onDc ? [['host', 'dc01'], ['user', `user${i}`]] : [['host', `ws-${100 + i}`], ['user', `user${i}`]],
      }),
    );
  }
  return out;
}
