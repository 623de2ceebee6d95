/**
 * GitHub audit `action` -> OCSF class and activity. Membership of an organization or team
 * is Group Management (3006: the org/team is the group), repository collaborators are User
 * Access Management (3005: access to the repo is the privilege), personal credentials
 * (tokens, SSH keys, 2FA) are Account Change (3001), sign-ins are Authentication (3002),
 * everything else is API Activity (6003).
 */

/** Class, activity and (for Other) the action kept as activity_name. */
export interface GitHubClass {
  classUid: 3001 | 3002 | 3005 | 3006 | 6003;
  activityId: number;
  activityName?: string;
}

const GROUP_MANAGEMENT: Record<string, number> = {
  'org.add_member': 3,
  'org.remove_member': 4,
  'team.add_member': 3,
  'team.remove_member': 4,
  'business.add_organization': 7,
  'business.remove_organization': 8,
  'team.create': 6,
  'team.destroy': 5,
};

const USER_ACCESS: Record<string, number> = {
  'repo.add_member': 1,
  'repo.remove_member': 2,
  'organization_moderators.add_user': 1,
  'organization_moderators.remove_user': 2,
};

/** Credential changes of a user account: Other (99) with the action name, or MFA on/off. */
const ACCOUNT_CHANGE: Record<string, number> = {
  'two_factor_authentication.enabled': 10,
  'two_factor_authentication.disabled': 11,
  'personal_access_token.create': 99,
  'personal_access_token.destroy': 99,
  'personal_access_token.access_granted': 99,
  'personal_access_token.access_revoked': 99,
  'oauth_authorization.create': 99,
  'oauth_authorization.destroy': 99,
  'public_key.create': 99,
  'public_key.delete': 99,
  'user.create': 1,
  'user.destroy': 6,
  'user.suspend': 5,
  'user.unsuspend': 2,
  'user.change_password': 3,
  'user.forgot_password': 4,
};

const AUTHENTICATION: Record<string, number> = { 'user.login': 1, 'user.failed_login': 1, 'user.logout': 2 };

const VERBS: [number, RegExp][] = [
  [1, /^(create|add|invite|enable|enabled|install|created|new|fork|request|clone_requested)/],
  [2, /^(clone|fetch|access|download|view|show|read|export)/],
  [3, /^(update|change|modify|rename|transfer|archived|unarchived|push|set|edit|config|completed|disable|disabled|dismiss|policy_override|approve|reject|resolve|reopen|visibility|publicize|conceal|saml|prepared)/],
  [4, /^(destroy|delete|remove|uninstall|revoke|clear)/],
];

function apiActivity(action: string): number {
  const verb = action.split('.').pop() ?? action;
  for (const [activity, re] of VERBS) if (re.test(verb)) return activity;
  return 99;
}

/** Classifies a GitHub audit action (`org.add_member`, `repo.create`, `git.clone`...). */
export function classifyGitHub(action: string): GitHubClass {
  const auth = AUTHENTICATION[action];
  if (auth !== undefined) return { classUid: 3002, activityId: auth };
  const group = GROUP_MANAGEMENT[action];
  if (group !== undefined) return { classUid: 3006, activityId: group };
  const access = USER_ACCESS[action];
  if (access !== undefined) return { classUid: 3005, activityId: access };
  const account = ACCOUNT_CHANGE[action];
  if (account !== undefined) return { classUid: 3001, activityId: account, ...(account === 99 ? { activityName: action } : {}) };
  const activityId = apiActivity(action);
  return { classUid: 6003, activityId, ...(activityId === 99 ? { activityName: action } : {}) };
}
