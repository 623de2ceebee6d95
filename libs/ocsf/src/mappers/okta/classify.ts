/**
 * Okta System Log `eventType` -> OCSF class and activity. Tables first, then prefix rules,
 * then a verb-based API Activity fallback, so every event type lands somewhere explicit.
 */

/** OCSF classes the Okta mapper emits. */
export const OKTA_CLASS = {
  AccountChange: 3001,
  Authentication: 3002,
  UserAccess: 3005,
  GroupManagement: 3006,
  ApiActivity: 6003,
} as const;

/** Class, activity and (for Other) the source word kept as activity_name. */
export interface OktaClass {
  classUid: (typeof OKTA_CLASS)[keyof typeof OKTA_CLASS];
  activityId: number;
  activityName?: string;
}

/** Sign-in events: sessions, authentications and MFA verifications (incl. push denials). */
const AUTHENTICATION: Record<string, number> = {
  'user.session.start': 1,
  'user.session.end': 2,
  'user.session.access_admin_app': 1,
  'user.authentication.slo': 2,
  'user.mfa.okta_verify': 1,
  'user.mfa.okta_verify.deny_push': 1,
  'user.mfa.okta_verify.deny_push_upgrade_needed': 1,
  'user.mfa.attempt_bypass': 1,
  'user.mfa.factor.verify': 1,
};

const ACCOUNT_CHANGE: Record<string, number> = {
  'user.lifecycle.create': 1,
  'user.lifecycle.activate': 2,
  'user.lifecycle.reactivate': 2,
  'user.lifecycle.unsuspend': 2,
  'user.lifecycle.deactivate': 5,
  'user.lifecycle.suspend': 5,
  'user.lifecycle.delete.initiated': 6,
  'user.lifecycle.delete.completed': 6,
  'user.account.update_password': 3,
  'user.account.reset_password': 4,
  'user.account.lock': 9,
  'user.account.lock.limit': 9,
  'user.account.unlock': 12,
  'user.account.unlock_by_admin': 12,
  'user.account.unlock_token': 12,
  'user.mfa.factor.activate': 10,
  'user.mfa.factor.unsuspend': 10,
  'user.mfa.factor.deactivate': 11,
  'user.mfa.factor.reset_all': 11,
  'user.mfa.factor.suspend': 11,
};

/** Role grants to a user are User Access Management (3005): Assign / Revoke Privileges. */
const USER_ACCESS: Record<string, number> = {
  'user.account.privilege.grant': 1,
  'user.account.privilege.revoke': 2,
};

const GROUP_MANAGEMENT: Record<string, number> = {
  'group.user_membership.add': 3,
  'group.user_membership.remove': 4,
  'group.privilege.grant': 1,
  'group.privilege.revoke': 2,
  'group.lifecycle.create': 6,
  'group.lifecycle.delete': 5,
};

const VERBS: [number, RegExp][] = [
  [1, /^(create|add|grant|activate|assign|enroll|register|initiate|request|issue|generate)/],
  [2, /^(read|show|view|get|list|search|export)/],
  [3, /^(update|change|modify|reset|enable|disable|deactivate|suspend|unsuspend|revoke|reactivate|unassign|rename|set|push|sync|import)/],
  [4, /^(delete|remove|destroy|purge)/],
];

/** Picks an API Activity verb from the last words of an event type (`app.lifecycle.create` -> Create). */
function apiActivity(eventType: string): number {
  const words = eventType.split('.').reverse();
  for (const word of words.slice(0, 2)) {
    for (const [activity, re] of VERBS) if (re.test(word.toLowerCase())) return activity;
  }
  return 99;
}

/** Classifies an Okta event type. */
export function classifyOkta(eventType: string): OktaClass {
  const auth = AUTHENTICATION[eventType];
  if (auth !== undefined || eventType.startsWith('user.authentication.')) {
    return { classUid: OKTA_CLASS.Authentication, activityId: auth ?? 1 };
  }
  const access = USER_ACCESS[eventType];
  if (access !== undefined) return { classUid: OKTA_CLASS.UserAccess, activityId: access };
  const group = GROUP_MANAGEMENT[eventType];
  if (group !== undefined) return { classUid: OKTA_CLASS.GroupManagement, activityId: group };
  const account = ACCOUNT_CHANGE[eventType];
  if (account !== undefined) return { classUid: OKTA_CLASS.AccountChange, activityId: account };
  if (/^user\.(account|lifecycle|mfa\.factor)\./.test(eventType)) {
    return { classUid: OKTA_CLASS.AccountChange, activityId: 99, activityName: eventType };
  }
  const activityId = apiActivity(eventType);
  return { classUid: OKTA_CLASS.ApiActivity, activityId, ...(activityId === 99 ? { activityName: eventType } : {}) };
}

/** True when the event type itself says a second factor was used or attempted. */
export function impliesMfa(eventType: string): boolean {
  return /(^user\.mfa\.|auth_via_mfa|okta_verify)/.test(eventType);
}
