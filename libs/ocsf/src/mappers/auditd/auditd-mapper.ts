import { parseAuditd } from '@soc/sources';
import { buildDevice } from '../../build/endpoint';
import { assembleEvent } from '../../build/event';
import { guarded } from '../../build/never-throw';
import type { MapContext, MapResult, SourceMapper } from '../../mapper';
import { accountRecordType, authRecordType, mapAccountChange, mapAuth } from './auth';
import { AuditdView } from './event-view';
import { isFileSyscall, mapFileSyscall } from './file';
import type { AuditdMapping } from './mapping';
import { mapExecve } from './process';
import { syscallName } from './syscalls';

/**
 * Linux auditd -> OCSF. `record` is the text of one event (every line of one serial, as
 * splitRecords groups them). execve -> Process Activity (1007); file syscalls -> File System
 * Activity (1001); USER_* and CRED_* records -> Authentication (3002); account management -> Account
 * Change (3001); anything else -> Base Event (0) with every field in `unmapped`. See README.md.
 */
export const auditdMapper: SourceMapper = {
  source: 'auditd',
  map(record: unknown, ctx: MapContext): MapResult {
    return guarded('auditd', () => mapAuditd(record, ctx));
  },
};

function mapAuditd(record: unknown, ctx: MapContext): MapResult {
  if (typeof record !== 'string') return { ok: false, code: 'SOC_ERR_RECORD_UNPARSEABLE', reason: 'auditd record must be text' };
  const parsed = parseAuditd(record);
  if (!parsed.ok) return { ok: false, code: 'SOC_ERR_RECORD_UNPARSEABLE', reason: parsed.reason };
  const { event } = parsed;
  const view = new AuditdView(event);
  const mapping = classify(view);
  const stamp = `${Math.floor(event.time / 1000)}.${String(event.time % 1000).padStart(3, '0')}:${event.serial}`;
  // The mapping's attributes are its own fresh object: the device is set on it rather than
  // spread into a copy, and the parts literal has one shape (empty name/severity = none).
  const attributes = mapping.attributes;
  // auoms writes the host as a field (node=...) rather than a line prefix.
  attributes['device'] = buildDevice({ hostname: event.node ?? view.take(event.records[0], 'node'), type_id: 0 });
  const ocsf = assembleEvent({
    classUid: mapping.classUid,
    activityId: mapping.activityId,
    activityName: mapping.activityName || undefined,
    severityId: mapping.severityId || undefined,
    time: event.time,
    metadata: {
      product: { name: 'auditd', vendor_name: 'Linux' },
      uid: ctx.eventUid,
      tenant_uid: ctx.tenantId,
      log_name: 'audit',
      event_code: event.records[0]?.type,
      original_event_uid: stamp,
    },
    original: record,
    attributes,
    // Leftovers hold no empty values; assembleEvent leaves out an empty bag.
    unmapped: view.leftovers(),
  });
  return { ok: true, event: ocsf };
}

function classify(view: AuditdView): AuditdMapping {
  const sys = view.first('SYSCALL');
  const syscall = syscallName(sys?.fields['syscall'], sys?.fields['arch']);
  if (syscall === 'execve' || syscall === 'execveat' || view.first('EXECVE') || view.first('AUOMS_EXECVE')) return mapExecve(view);
  if (isFileSyscall(syscall)) {
    const file = mapFileSyscall(view, syscall);
    if (file) return file;
  }
  const account = accountRecordType(view);
  if (account) return mapAccountChange(view, account);
  const auth = authRecordType(view);
  if (auth) return mapAuth(view, auth);
  return other(view);
}

/** Everything else: a Base Event named after its record types; the fields stay in `unmapped`. */
function other(view: AuditdView): AuditdMapping {
  const types = [...new Set(view.event.records.map((r) => r.type))];
  return { classUid: 0, activityId: 99, activityName: types.join('+') || 'auditd', attributes: {} };
}
