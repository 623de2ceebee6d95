import { compact } from '../../build/compact';
import { isEmail } from '../../build/email';
import { buildNetworkEndpoint } from '../../build/endpoint';
import { asArray, asRecord, asString } from '../../build/field-readers';
import { UNKNOWN } from '../../build/placeholder';
import { STATUS, buildStatus } from '../../build/status';
import type { StatusAttributes } from '../../build/status';

/** Directory-audit fields placed in OCSF attributes; the rest goes to `unmapped`. */
export const AUDIT_MAPPED = ['activityDisplayName', 'activityDateTime', 'initiatedBy', 'targetResources', 'result', 'resultReason', 'loggedByService', 'correlationId', 'id', 'operationType', 'tenantId'];

/** Class and activity of a directory-audit record. */
export interface AuditClass {
  classUid: 3001 | 3005 | 3006 | 6003;
  activityId: number;
  activityName?: string;
}

/** User lifecycle, password and security-info activities -> Account Change (3001). */
const ACCOUNT_CHANGE: Record<string, number> = {
  'add user': 1,
  'invite external user': 1,
  'delete user': 6,
  'hard delete user': 6,
  'restore user': 2,
  'enable account': 2,
  'disable account': 5,
  'change user password': 3,
  'change password (self-service)': 3,
  'reset user password': 4,
  'reset password (by admin)': 4,
  'reset password (self-service)': 4,
  'set force change user password': 4,
  'user registered security info': 10,
  'user registered all required security info': 10,
  'admin registered security info': 10,
  'user deleted security info': 11,
  'admin deleted security info': 11,
  'user changed default security info': 99,
  'update user': 99,
};

const GROUP_MANAGEMENT: Record<string, number> = {
  'add member to group': 3,
  'remove member from group': 4,
  'add group': 6,
  'delete group': 5,
  'hard delete group': 5,
  'add owner to group': 99,
  'remove owner from group': 99,
  'update group': 99,
};

const OPERATION_TYPES: Record<string, number> = { add: 1, create: 1, update: 3, assign: 3, unassign: 3, enable: 3, disable: 3, reset: 3, delete: 4, remove: 4 };

/**
 * Classifies a directory audit by its activity: user management -> 3001, group
 * management -> 3006, role membership (incl. completed PIM assignments) -> 3005,
 * everything else (consent, OAuth2 permission grants, app role assignments, policies,
 * applications) -> API Activity 6003 with the activity from `operationType`.
 */
export function classifyAudit(activity: string, category: string | undefined, operationType: string | undefined, targetType: string | undefined): AuditClass {
  const a = activity.trim().toLowerCase();
  const account = ACCOUNT_CHANGE[a];
  if (account !== undefined) return { classUid: 3001, activityId: account, ...(account === 99 ? { activityName: activity.trim() } : {}) };
  const group = GROUP_MANAGEMENT[a];
  if (group !== undefined) return { classUid: 3006, activityId: group, ...(group === 99 ? { activityName: activity.trim() } : {}) };
  // A PIM *request* grants nothing yet; only direct or completed assignments are 3005.
  const requested = a.includes('requested');
  if (!requested && /^add (eligible )?member to role/.test(a)) return { classUid: 3005, activityId: 1 };
  if (!requested && /^remove (eligible )?member from role/.test(a)) return { classUid: 3005, activityId: 2 };
  if (category === 'UserManagement' && targetType === 'User') return { classUid: 3001, activityId: 99, activityName: activity.trim() };
  const op = OPERATION_TYPES[(operationType ?? '').toLowerCase()];
  return op !== undefined ? { classUid: 6003, activityId: op } : { classUid: 6003, activityId: 99, activityName: activity.trim() };
}

/** Audit result: success / failure; timeouts and the like are Other. */
export function auditStatus(body: Record<string, unknown>, envelope: Record<string, unknown>): StatusAttributes {
  const result = (asString(body['result']) ?? asString(envelope['resultType']) ?? asString(envelope['result']))?.toLowerCase();
  const reason = asString(body['resultReason']);
  if (result === 'success') return buildStatus(true, undefined, reason);
  if (result === 'failure') return buildStatus(false, undefined, reason);
  if (result === undefined) return buildStatus(undefined, undefined, reason);
  return { status_id: STATUS.Other, status: result, ...(reason ? { status_detail: reason } : {}) };
}

/** The targets of an audit, parsed. */
export function auditTargets(body: Record<string, unknown>): Record<string, unknown>[] {
  return asArray(body['targetResources'])
    .map((t) => asRecord(t))
    .filter((t): t is Record<string, unknown> => t !== undefined);
}

/** OCSF `user` of a target (User or ServicePrincipal). */
export function targetUser(target: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!target) return undefined;
  const upn = asString(target['userPrincipalName']);
  const uid = asString(target['id']);
  const name = upn ?? asString(target['displayName']);
  if (!uid && !name) return undefined;
  const isUser = asString(target['type']) === 'User';
  return compact({ uid, name, display_name: asString(target['displayName']), email_addr: isEmail(upn) ? upn : undefined, type_id: isUser ? 1 : 4, type: asString(target['type']) }) as Record<string, unknown>;
}

/** OCSF `actor` from `initiatedBy` (a user, or an app acting through its service principal). */
export function auditActor(body: Record<string, unknown>, envelope: Record<string, unknown>): Record<string, unknown> {
  const by = asRecord(body['initiatedBy']);
  const user = asRecord(by?.['user']);
  const app = asRecord(by?.['app']);
  const upn = asString(user?.['userPrincipalName']);
  const actorUser = user
    ? compact({ uid: asString(user['id']), name: upn ?? asString(user['displayName']), display_name: asString(user['displayName']), email_addr: isEmail(upn) ? upn : undefined, type_id: 1, type: 'User' })
    : app
      ? compact({ uid: asString(app['servicePrincipalId']), name: asString(app['servicePrincipalName']) ?? asString(app['displayName']), type_id: 4, type: 'Service' })
      : undefined;
  const named = asRecord(actorUser) && (asRecord(actorUser)?.['uid'] || asRecord(actorUser)?.['name']);
  return compact({
    user: named ? actorUser : { name: asString(envelope['identity']) ?? UNKNOWN, type_id: 0, type: 'Unknown' },
    app_name: asString(app?.['displayName']),
    app_uid: asString(app?.['appId']),
  }) as Record<string, unknown>;
}

/** `src_endpoint` from the initiator's IP or the Monitor envelope's caller IP. */
export function auditEndpoint(body: Record<string, unknown>, envelope: Record<string, unknown>): Record<string, unknown> | undefined {
  const ip = asString(asRecord(asRecord(body['initiatedBy'])?.['user'])?.['ipAddress']) ?? asString(envelope['callerIpAddress']) ?? asString(envelope['ipAddress']);
  return buildNetworkEndpoint({ ip });
}

/** Targets as OCSF `resources`, with their modified properties kept in `data`. */
export function auditResources(targets: Record<string, unknown>[]): Record<string, unknown>[] {
  return targets
    .map((t) => {
      const modified = asArray(t['modifiedProperties']);
      return compact({
        uid: asString(t['id']),
        name: asString(t['displayName']) ?? asString(t['userPrincipalName']),
        type: asString(t['type']),
        role_id: 1,
        role: 'Target',
        data: modified.length > 0 ? { modifiedProperties: modified } : undefined,
      }) as Record<string, unknown>;
    })
    .filter((r) => r['uid'] !== undefined || r['name'] !== undefined);
}

/** Role display name of a role-membership audit (target of type Role, else modified property). */
export function roleName(targets: Record<string, unknown>[]): string | undefined {
  const role = targets.find((t) => asString(t['type']) === 'Role');
  if (role) return asString(role['displayName']);
  for (const t of targets) {
    for (const p of asArray(t['modifiedProperties'])) {
      const prop = asRecord(p);
      if (asString(prop?.['displayName']) === 'Role.DisplayName') return asString(prop?.['newValue'])?.replace(/^"|"$/g, '');
    }
  }
  return undefined;
}
