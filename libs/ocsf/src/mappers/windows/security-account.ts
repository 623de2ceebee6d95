import { buildStatus } from '../../build/status';
import { buildUser } from '../../build/user';
import { deviceOf, field, userFromTrio } from './fields';
import type { Handler } from './handler';
import type { WinRecord } from './record';

/** The actor of a Security management event is its Subject. */
function actor(rec: WinRecord) {
  const user = userFromTrio(rec, 'Subject');
  return user ? { user } : undefined;
}

function accountChange(activityId: number, activityName?: string): Handler {
  return (rec) => ({
    classUid: 3001,
    activityId,
    ...(activityName ? { activityName } : {}),
    attributes: {
      device: deviceOf(rec),
      actor: actor(rec),
      user: userFromTrio(rec, 'Target', 'TargetSid') ?? buildUser({ uid: field(rec, 'TargetSid') ?? 'S-1-0-0' }),
      ...buildStatus(true),
    },
  });
}

/**
 * Group membership changes. The group is the event's Target (name/SID/domain); the member
 * is `MemberSid` / `MemberName` (an LDAP DN for domain groups).
 */
function groupManagement(activityId: number): Handler {
  return (rec) => {
    const member = buildUser({ uid: field(rec, 'MemberSid'), name: field(rec, 'MemberName') });
    return {
      classUid: 3006,
      activityId,
      attributes: {
        device: deviceOf(rec),
        actor: actor(rec),
        group: { name: field(rec, 'TargetUserName') ?? field(rec, 'TargetSid') ?? 'unknown', uid: field(rec, 'TargetSid'), domain: field(rec, 'TargetDomainName') },
        user: member,
        ...buildStatus(true),
      },
    };
  };
}

/** Security-channel account and group management handlers by EventID. */
export const SECURITY_ACCOUNT_HANDLERS: Record<number, Handler> = {
  4720: accountChange(1),
  4722: accountChange(2),
  4723: accountChange(3),
  4724: accountChange(4),
  4725: accountChange(5),
  4726: accountChange(6),
  4738: accountChange(99, 'Account Changed'),
  4740: accountChange(9),
  4767: accountChange(12),
  4781: accountChange(99, 'Account Renamed'),
  4727: groupManagement(6),
  4731: groupManagement(6),
  4754: groupManagement(6),
  4730: groupManagement(5),
  4734: groupManagement(5),
  4758: groupManagement(5),
  4728: groupManagement(3),
  4732: groupManagement(3),
  4756: groupManagement(3),
  4729: groupManagement(4),
  4733: groupManagement(4),
  4757: groupManagement(4),
};
