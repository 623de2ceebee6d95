import { buildNetworkEndpoint } from '../../build/endpoint';
import { buildFile } from '../../build/file';
import { parseHashList } from '../../build/hashes';
import { buildProcess } from '../../build/process';
import type { ProcessInput } from '../../build/process';
import { parseTimestamp } from '../../build/time';
import { deviceOf, field, integrityOf, prefixer, userFromQualified } from './fields';
import type { Handler, Mapped } from './handler';
import type { WinRecord } from './record';

/** The process an event is about (ProcessGuid/ProcessId/Image), as actor or target. */
function proc(rec: WinRecord, prefix = '', extra?: ProcessInput) {
  const names = procNames(prefix);
  const uid = stripBraces(field(rec, names[0] as string));
  const pid = field(rec, names[1] as string);
  const path = field(rec, names[2] as string);
  // `extra` is filled in place (callers pass a fresh literal) rather than merged by a spread.
  if (!extra) return buildProcess({ uid, pid, path });
  extra.uid = uid;
  extra.pid = pid;
  extra.path = path;
  return buildProcess(extra);
}

const procNames = prefixer(['ProcessGuid', 'ProcessId', 'Image']);

/** A GUID without its braces (`{...}` in Sysmon); no regex for the common case. */
function stripBraces(v: string | undefined): string | undefined {
  if (v === undefined || (v.indexOf('{') < 0 && v.indexOf('}') < 0)) return v;
  return v.replace(/[{}]/g, '');
}

// Handlers write `device: deviceOf(rec)` first in their attribute literal themselves: spreading
// the attributes after it into a new object cost more than the rest of a small handler.
function system(classUid: number, activityId: number, attributes: Record<string, unknown>): Mapped {
  return { classUid, activityId, attributes };
}

/** An actor is required by system classes; Sysmon always names the acting process. */
function actorOf(rec: WinRecord) {
  const p = proc(rec) ?? buildProcess({ pid: 0, path: field(rec, 'Image') });
  return { process: p, user: userFromQualified(field(rec, 'User')) };
}

/** Sysmon 1: process creation with hashes, parent, user, integrity and working directory. */
const processCreate: Handler = (rec) => {
  const user = userFromQualified(field(rec, 'User'));
  const parent = proc(rec, 'Parent', { cmd_line: field(rec, 'ParentCommandLine') });
  const integrity = integrityOf(field(rec, 'IntegrityLevel'));
  const process = proc(rec, '', {
    cmd_line: field(rec, 'CommandLine'),
    hashes: parseHashList(field(rec, 'Hashes')),
    user,
    parent_process: parent,
    working_directory: field(rec, 'CurrentDirectory'),
    session: { uid: field(rec, 'LogonId'), uuid: stripBraces(field(rec, 'LogonGuid')) },
    created_time: parseTimestamp(field(rec, 'UtcTime')),
    integrity_id: integrity.integrity_id,
    integrity: integrity.integrity,
  });
  return system(1007, 1, { device: deviceOf(rec), actor: { process: parent ?? process, user: parent ? undefined : user }, process });
};

const processTerminate: Handler = (rec) => {
  const actor = actorOf(rec);
  return system(1007, 2, { device: deviceOf(rec), actor, process: actor.process });
};

/** Sysmon 8 (CreateRemoteThread) and 10 (ProcessAccess): Source* acts on Target*. */
function processOnProcess(activityId: number): Handler {
  return (rec) => {
    const source = proc(rec, 'Source') ?? buildProcess({ pid: 0, path: field(rec, 'SourceImage') });
    const target = proc(rec, 'Target') ?? buildProcess({ pid: 0, path: field(rec, 'TargetImage') });
    return system(1007, activityId, {
      device: deviceOf(rec),
      actor: { process: source, user: userFromQualified(field(rec, 'SourceUser')) },
      process: target,
      injection_type_id: activityId === 4 ? 1 : undefined,
    });
  };
}

/** Sysmon 3: network connection (Initiated true = outbound from Source*). */
const networkConnect: Handler = (rec) => {
  const outbound = field(rec, 'Initiated')?.toLowerCase() === 'true';
  const protocol = field(rec, 'Protocol')?.toLowerCase();
  return system(4001, 1, {
    device: deviceOf(rec),
    actor: actorOf(rec),
    src_endpoint: buildNetworkEndpoint({ ip: field(rec, 'SourceIp'), port: field(rec, 'SourcePort'), hostname: field(rec, 'SourceHostname') }),
    dst_endpoint: buildNetworkEndpoint({ ip: field(rec, 'DestinationIp'), port: field(rec, 'DestinationPort'), hostname: field(rec, 'DestinationHostname') }),
    connection_info: {
      direction_id: outbound ? 2 : 1,
      protocol_name: protocol,
      protocol_num: protocol === 'tcp' ? 6 : protocol === 'udp' ? 17 : undefined,
    },
  });
};

/** Sysmon 22: DNS query; QueryResults is `type: 5 name;::ffff:1.2.3.4;` style. */
const dnsQuery: Handler = (rec) => {
  const answers = (field(rec, 'QueryResults') ?? '')
    .split(';')
    .map((a) => a.trim())
    .filter((a) => a !== '')
    .map((a) => ({ rdata: a.replace(/^::ffff:/, '') }));
  const status = field(rec, 'QueryStatus');
  return system(4003, 1, {
    device: deviceOf(rec),
    actor: actorOf(rec),
    query: { hostname: field(rec, 'QueryName') ?? 'unknown' },
    answers,
    src_endpoint: buildNetworkEndpoint({ hostname: rec.computer }),
    rcode_id: status === '0' ? 0 : undefined,
    status_code: status,
  });
};

function fileEvent(activityId: number, pathField = 'TargetFilename'): Handler {
  return (rec) =>
    system(1001, activityId, {
      device: deviceOf(rec),
      actor: actorOf(rec),
      file: buildFile({
        path: field(rec, pathField) ?? 'unknown',
        type_id: 1,
        hashes: parseHashList(field(rec, 'Hashes')),
        created_time: parseTimestamp(field(rec, 'CreationUtcTime')),
      }),
    });
}

/** Sysmon 12 (key/value create-delete), 13 (value set), 14 (rename). */
const registry: Handler = (rec) => {
  const type = field(rec, 'EventType') ?? '';
  const path = field(rec, 'TargetObject') ?? 'unknown';
  const actor = actorOf(rec);
  if (rec.eventId === 13 || type === 'SetValue' || type === 'DeleteValue') {
    const name = path.slice(path.lastIndexOf('\\') + 1) || '(Default)';
    const activityId = type === 'DeleteValue' ? 4 : 2;
    return system(201002, activityId, { device: deviceOf(rec), actor, reg_value: { path, name, data: field(rec, 'Details') } });
  }
  const activityId = type === 'DeleteKey' ? 4 : type === 'RenameKey' ? 5 : 1;
  const prev = rec.eventId === 14 ? { path } : undefined;
  const keyPath = rec.eventId === 14 ? (field(rec, 'NewName') ?? path) : path;
  return system(201001, activityId, { device: deviceOf(rec), actor, reg_key: { path: keyPath }, prev_reg_key: prev });
};

/** Sysmon 7: image (DLL) loaded into a process. */
const imageLoad: Handler = (rec) =>
  system(1005, 1, {
    device: deviceOf(rec),
    actor: actorOf(rec),
    module: {
      file: buildFile({ path: field(rec, 'ImageLoaded') ?? 'unknown', type_id: 1, hashes: parseHashList(field(rec, 'Hashes')) }),
      load_type_id: 1,
    },
  });

/** Sysmon/Operational handlers by EventID. */
export const SYSMON_HANDLERS: Record<number, Handler> = {
  1: processCreate,
  2: fileEvent(6),
  3: networkConnect,
  5: processTerminate,
  7: imageLoad,
  8: processOnProcess(4),
  10: processOnProcess(3),
  11: fileEvent(1),
  12: registry,
  13: registry,
  14: registry,
  22: dnsQuery,
  23: fileEvent(4),
  26: fileEvent(4),
};
