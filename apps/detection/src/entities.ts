import { type AlertEntity, canonicalEntityValue } from '@soc/contracts';

type EntityType = AlertEntity['type'];

/** OCSF observable type ids (1.8.0 dictionary) this project turns into entities. */
const HOSTNAME = 1;
const IP = 2;
const USER_NAME = 4;
const EMAIL = 5;
const URL = 6;
const HASH = 8;
const CREDENTIAL_UID = 19;
const USER_UID = 31;
const RESOURCE_NAME = 38;

/** Hostname observables that name a peer or a lookup, not a host of ours. */
const DOMAIN_PATHS = /^(query\.|answers\.|dst_endpoint\.hostname$)/;
/**
 * The directory domain a host or user belongs to (`device.domain`, `user.domain`...) names the
 * whole organisation: every Windows event of a tenant carries the same one, so as an entity it
 * would join unrelated alerts. It is not an entity.
 */
const DIRECTORY_DOMAIN_PATH = /\.domain$/;

function entityOf(typeId: number, path: string, source: string): EntityType | undefined {
  switch (typeId) {
    case HOSTNAME:
      if (DIRECTORY_DOMAIN_PATH.test(path)) return undefined;
      return DOMAIN_PATHS.test(path) ? 'domain' : 'host';
    case IP:
      return 'ip';
    case USER_NAME:
      return 'user';
    case EMAIL:
      // A user's own address is the user; an address a rule or message points at is a mailbox.
      return /(^|\.)user\.email_addr$/.test(path) ? 'user' : 'mailbox';
    case URL:
      return 'url';
    case HASH:
      return 'file_hash';
    case CREDENTIAL_UID:
      return 'access_key';
    case USER_UID:
      // Cloud principals are ARNs; Windows SIDs and Unix uids identify nothing across hosts.
      return source === 'aws-cloudtrail' ? 'cloud_principal' : undefined;
    case RESOURCE_NAME:
      return source === 'github-audit' ? 'repository' : undefined;
    default:
      return undefined;
  }
}

const MAX_ENTITIES = 200;

/**
 * The entities an OCSF event is about, read from its `observables` (which every mapper fills
 * with the paths it set), so fusion can join alerts that share a user, host, address, hash,
 * cloud principal, access key, mailbox or repository. Values are lowercased: every one of
 * these kinds compares case-insensitively in practice.
 */
export function entitiesOf(event: Readonly<Record<string, unknown>>, source: string): AlertEntity[] {
  const observables = event['observables'];
  if (!Array.isArray(observables)) return [];
  const out: AlertEntity[] = [];
  const seen = new Set<string>();
  for (const o of observables as unknown[]) {
    if (typeof o !== 'object' || o === null) continue;
    const { type_id: typeId, name, value } = o as Record<string, unknown>;
    if (typeof typeId !== 'number' || typeof name !== 'string' || typeof value !== 'string' || value === '') continue;
    const type = entityOf(typeId, name, source);
    if (!type) continue;
    const canonical = canonicalEntityValue(type, value);
    const key = `${type}\u0000${canonical}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ type, value: canonical, path: name.slice(0, 256) });
    if (out.length >= MAX_ENTITIES) break;
  }
  return out;
}

/** Entities of several events, deduplicated, first occurrence first. */
export function mergeEntities(lists: readonly (readonly AlertEntity[])[]): AlertEntity[] {
  const out: AlertEntity[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const e of list) {
      const key = `${e.type}\u0000${e.value}`;
      if (seen.has(key) || out.length >= MAX_ENTITIES) continue;
      seen.add(key);
      out.push(e);
    }
  }
  return out;
}
