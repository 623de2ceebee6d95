const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Longest canonical entity value, the alert contract's limit. */
export const MAX_ENTITY_VALUE_CHARS = 512;

/**
 * The canonical form of an entity value, so an alert, a case and the entity graph name one
 * thing with one key. A host is named by its short name: sources disagree on `ws-07` vs
 * `ws-07.corp.example`, and both must be one host (an address used as a host name stays
 * whole). Everything else compares lowercased: every kind of entity this project keeps
 * (users, addresses, hashes, keys, principals, mailboxes...) compares case-insensitively in
 * practice. Idempotent: a canonical value maps to itself.
 */
export function canonicalEntityValue(type: string, value: string): string {
  const lower = value.toLowerCase();
  if (type === 'host' && !IPV4.test(lower) && !lower.includes(':')) return (lower.split('.')[0] ?? lower).slice(0, MAX_ENTITY_VALUE_CHARS);
  return lower.slice(0, MAX_ENTITY_VALUE_CHARS);
}
