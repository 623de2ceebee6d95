import { putCompact } from './compact';

/** Inputs of {@link buildUser}; every field optional, empty values are dropped. */
export interface UserInput {
  name?: string;
  uid?: string;
  domain?: string;
  email_addr?: string;
  full_name?: string;
  /** OCSF user.type_id: 0 Unknown, 1 User, 2 Admin, 3 System, 4 Service, 99 Other. */
  type_id?: 0 | 1 | 2 | 3 | 4 | 99;
  credential_uid?: string;
  groups?: Array<{ name?: string; uid?: string }>;
}

const USER_TYPES: Record<number, string> = { 0: 'Unknown', 1: 'User', 2: 'Admin', 3: 'System', 4: 'Service', 99: 'Other' };

/**
 * Builds an OCSF `user` object, or `undefined` when neither name nor uid is known (the
 * schema requires at least one, so callers simply omit the attribute).
 */
export function buildUser(input: UserInput): Record<string, unknown> | undefined {
  const user: Record<string, unknown> = {};
  const rec = input as Record<string, unknown>;
  const type = input.type_id === undefined ? undefined : USER_TYPES[input.type_id];
  const groups = input.groups?.filter((g) => g.name || g.uid);
  // Field by field, with `type` and `groups` derived, in the key order a spread would give.
  for (const k in rec) {
    if (!Object.prototype.hasOwnProperty.call(rec, k)) continue;
    putCompact(user, k, k === 'type' ? type : k === 'groups' ? groups : rec[k]);
  }
  if (!Object.prototype.hasOwnProperty.call(rec, 'type')) putCompact(user, 'type', type);
  if (!Object.prototype.hasOwnProperty.call(rec, 'groups')) putCompact(user, 'groups', groups);
  if (user['name'] === undefined && user['uid'] === undefined) return undefined;
  return user;
}
