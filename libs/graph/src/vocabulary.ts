/**
 * Every kind of graph node: the kinds an alert can name (the alert contract's list, checked by
 * a spec) and the API operations principals call.
 */
export const ENTITY_TYPES = [
  'user',
  'host',
  'ip',
  'process',
  'file_hash',
  'cloud_principal',
  'access_key',
  'mailbox',
  'repository',
  'domain',
  'url',
  'app',
  'api_operation',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

const ANY: readonly EntityType[] = ENTITY_TYPES;
const PRINCIPALS: readonly EntityType[] = ['user', 'cloud_principal'];

/** One relationship kind: which entity kinds it may join, and what it means (for docs and the API). */
export interface RelationshipSpec {
  readonly from: readonly EntityType[];
  readonly to: readonly EntityType[];
  readonly meaning: string;
}

/**
 * The relationship vocabulary. Fixed, because adapters turn names into storage identifiers
 * (Neo4j relationship types) and the API documents them; an extractor that needs a new kind
 * adds it here first.
 */
export const RELATIONSHIPS = {
  logged_on: { from: ['user'], to: ['host'], meaning: 'the user logged on to the host' },
  logon_failed: { from: ['user'], to: ['host'], meaning: 'a logon of the user to the host failed' },
  authenticated_from: { from: ['user'], to: ['ip'], meaning: 'the user authenticated from the address' },
  auth_failed_from: { from: ['user'], to: ['ip'], meaning: 'an authentication of the user from the address failed' },
  signed_in_to: { from: ['user'], to: ['app'], meaning: 'the user signed in to the application' },
  elevated_on: { from: ['user'], to: ['host'], meaning: 'the user was given privileges (sudo, special logon) on the host' },
  executed: { from: ['user'], to: ['process'], meaning: 'the user ran the process' },
  spawned: { from: ['process'], to: ['process'], meaning: 'the parent process started the child' },
  opened: { from: ['process'], to: ['process'], meaning: 'the process opened a handle to the other (e.g. LSASS access)' },
  ran_on: { from: ['process'], to: ['host'], meaning: 'the process ran on the host' },
  has_hash: { from: ['process'], to: ['file_hash'], meaning: 'the process image had this hash' },
  called: { from: PRINCIPALS, to: ['api_operation'], meaning: 'the principal called the API operation' },
  called_from: { from: PRINCIPALS, to: ['ip'], meaning: 'the principal called an API from the address' },
  used_key: { from: PRINCIPALS, to: ['access_key'], meaning: 'the principal acted with the access key' },
  owns_key: { from: ['user'], to: ['access_key'], meaning: 'the access key belongs to the user' },
  modified: { from: PRINCIPALS, to: ['user', 'app'], meaning: 'the principal changed the account or application' },
  consented_to: { from: ['user'], to: ['app'], meaning: 'the user consented to (granted permissions to) the application' },
  accessed: { from: PRINCIPALS, to: ['mailbox', 'repository'], meaning: 'the principal read or changed the mailbox or repository' },
  sent: { from: ['mailbox'], to: ['mailbox'], meaning: 'the sender mailed the recipient' },
  connected_to: { from: ['ip', 'process'], to: ['ip'], meaning: 'a connection went from the address (or process) to the address' },
  has_ip: { from: ['host'], to: ['ip'], meaning: 'the host used the address' },
  resolved: { from: ['ip', 'host'], to: ['domain'], meaning: 'the address or host looked the domain up' },
  resolves_to: { from: ['domain'], to: ['ip'], meaning: 'the domain resolved to the address' },
  requested: { from: ['ip', 'host'], to: ['url'], meaning: 'the address or host requested the URL' },
  alerted_with: { from: ANY, to: ANY, meaning: 'both were named by one alert' },
} as const satisfies Record<string, RelationshipSpec>;

export type RelationshipType = keyof typeof RELATIONSHIPS;
export const RELATIONSHIP_TYPES = Object.keys(RELATIONSHIPS) as RelationshipType[];

const TYPE_SET: ReadonlySet<string> = new Set(ENTITY_TYPES);

/** True for a known entity kind. */
export function isEntityType(t: unknown): t is EntityType {
  return typeof t === 'string' && TYPE_SET.has(t);
}

/** True for a known relationship kind. */
export function isRelationshipType(r: unknown): r is RelationshipType {
  return typeof r === 'string' && Object.prototype.hasOwnProperty.call(RELATIONSHIPS, r);
}

/** True when `rel` may join an entity of kind `from` to one of kind `to`. */
export function relationshipAllows(rel: RelationshipType, from: EntityType, to: EntityType): boolean {
  const spec: RelationshipSpec = RELATIONSHIPS[rel];
  return spec.from.includes(from) && spec.to.includes(to);
}
