import { buildNetworkEndpoint } from '../../build/endpoint';
import { buildFile } from '../../build/file';
import { parsePid, buildProcess } from '../../build/process';
import { buildStatus } from '../../build/status';
import { deviceOf, field, userFromTrio } from './fields';
import type { Handler } from './handler';
import type { WinRecord } from './record';

/** The Subject's process (ProcessId/ProcessName) as the actor, with the Subject user. */
function subjectActor(rec: WinRecord, pidField = 'ProcessId', nameField = 'ProcessName') {
  return {
    user: userFromTrio(rec, 'Subject'),
    process: buildProcess({ pid: field(rec, pidField), path: field(rec, nameField) }),
  };
}

/**
 * 4688: NewProcessId/NewProcessName is the child; ProcessId is the creator (parent).
 * TokenElevationType/MandatoryLabel have no OCSF home and stay in `unmapped`.
 */
const processCreated: Handler = (rec) => {
  const parent = buildProcess({ pid: field(rec, 'ProcessId'), path: field(rec, 'ParentProcessName') });
  const user = userFromTrio(rec, 'Target') ?? userFromTrio(rec, 'Subject');
  const process = buildProcess({
    pid: field(rec, 'NewProcessId'),
    path: field(rec, 'NewProcessName'),
    cmd_line: field(rec, 'CommandLine'),
    user,
    parent_process: parent,
  }) ?? buildProcess({ pid: 0, path: field(rec, 'NewProcessName') });
  return {
    classUid: 1007,
    activityId: 1,
    attributes: {
      device: deviceOf(rec),
      actor: { user: userFromTrio(rec, 'Subject'), process: parent },
      process,
      ...buildStatus(true),
    },
  };
};

const processExited: Handler = (rec) => ({
  classUid: 1007,
  activityId: 2,
  attributes: {
    device: deviceOf(rec),
    actor: { user: userFromTrio(rec, 'Subject') },
    process: buildProcess({ pid: field(rec, 'ProcessId') ?? 0, path: field(rec, 'ProcessName') }),
    exit_code: parsePid(field(rec, 'Status')),
    ...buildStatus(true),
  },
});

/**
 * 4663/4660 object access and 5145 share access, for File objects. Other object types
 * (keys, SAM objects...) return undefined and land in the base event with all fields.
 * File Activity has no src_endpoint: a 5145 client's IpAddress/IpPort stay in `unmapped`.
 */
function fileAccess(activityId: number): Handler {
  return (rec) => {
    const type = field(rec, 'ObjectType');
    if (rec.eventId !== 5145 && type !== undefined && type !== 'File') return undefined;
    const path = rec.eventId === 5145 ? joinShare(field(rec, 'ShareLocalPath'), field(rec, 'RelativeTargetName')) : field(rec, 'ObjectName');
    const file = buildFile({ path: path ?? field(rec, 'ShareName') ?? 'unknown', type_id: 0 });
    return {
      classUid: 1001,
      activityId,
      attributes: {
        device: deviceOf(rec),
        actor: subjectActor(rec),
        file,
        ...buildStatus(true),
      },
    };
  };
}

function joinShare(local: string | undefined, relative: string | undefined): string | undefined {
  const base = local?.replace(/^\\\?\?\\/, '');
  if (!relative) return base;
  return base ? `${base.replace(/\\+$/, '')}\\${relative}` : relative;
}

/** 4657: a registry value was modified (OperationType %%1904 new, %%1905 modified, %%1906 deleted). */
const registryValue: Handler = (rec) => {
  const op = field(rec, 'OperationType');
  const activityId = op === '%%1906' ? 4 : op === '%%1904' ? 2 : 3;
  const key = field(rec, 'ObjectName') ?? 'unknown';
  const name = field(rec, 'ObjectValueName') ?? '(Default)';
  return {
    classUid: 201002,
    activityId,
    attributes: {
      device: deviceOf(rec),
      actor: subjectActor(rec),
      reg_value: { path: `${key}\\${name}`, name, data: field(rec, 'NewValue') },
      ...buildStatus(true),
    },
  };
};

/** WFP direction tokens: %%14592 inbound, %%14593 outbound. */
function direction(token: string | undefined): number {
  return token === '%%14592' ? 1 : token === '%%14593' ? 2 : 0;
}

/** 5156 permitted / 5157 blocked connection (Windows Filtering Platform). */
function wfpConnection(allowed: boolean): Handler {
  return (rec) => {
    const app = field(rec, 'Application');
    const proc = buildProcess({ pid: field(rec, 'ProcessID') ?? field(rec, 'ProcessId'), path: app });
    const protocol = parsePid(field(rec, 'Protocol'));
    return {
      classUid: 4001,
      activityId: allowed ? 1 : 5,
      attributes: {
        device: deviceOf(rec),
        actor: proc ? { process: proc } : undefined,
        src_endpoint: buildNetworkEndpoint({ ip: field(rec, 'SourceAddress'), port: field(rec, 'SourcePort') }),
        dst_endpoint: buildNetworkEndpoint({ ip: field(rec, 'DestAddress'), port: field(rec, 'DestPort') }),
        connection_info: { direction_id: direction(field(rec, 'Direction')), protocol_num: protocol },
        action_id: allowed ? 1 : 2,
        action: allowed ? 'Allowed' : 'Denied',
        disposition_id: allowed ? 1 : 2,
        ...buildStatus(allowed),
      },
    };
  };
}

/** Security-channel process, object, registry and network handlers by EventID. */
export const SECURITY_SYSTEM_HANDLERS: Record<number, Handler> = {
  4688: processCreated,
  4689: processExited,
  4663: fileAccess(14),
  4660: fileAccess(4),
  5145: fileAccess(14),
  4657: registryValue,
  5156: wfpConnection(true),
  5157: wfpConnection(false),
};
