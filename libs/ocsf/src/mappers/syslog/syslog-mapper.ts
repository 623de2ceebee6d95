import { parseSyslog, type SyslogMessage } from '@soc/sources';
import { buildDevice } from '../../build/endpoint';
import { assembleEvent } from '../../build/event';
import { severityFromText } from '../../build/severity';
import { buildUnmapped } from '../../build/unmapped';
import { guarded } from '../../build/never-throw';
import type { MapContext, MapResult, SourceMapper } from '../../mapper';
import { classifySyslog } from './classify';

/**
 * Syslog (RFC 5424, RFC 3164, /var/log lines) -> OCSF. sshd logons -> Authentication (3002),
 * sudo -> Authorize Session (3003), useradd/userdel/passwd -> Account Change (3001); every
 * other line -> Base Event (0) keeping message, host, app, facility and severity. A line that
 * does not parse as syslog still becomes a Base Event (whole line as message). See README.md.
 */
export const syslogMapper: SourceMapper = {
  source: 'syslog',
  map(record: unknown, ctx: MapContext): MapResult {
    return guarded('syslog', () => mapSyslog(record, ctx));
  },
};

function mapSyslog(record: unknown, ctx: MapContext): MapResult {
  if (typeof record !== 'string') return { ok: false, code: 'SOC_ERR_RECORD_UNPARSEABLE', reason: 'syslog record must be text' };
  const parsed = parseSyslog(record, { referenceTime: ctx.receivedAt });
  const msg: SyslogMessage = parsed.ok ? parsed.message : { format: 'file', message: record };
  const mapping = classifySyslog(msg.appName, msg.message, msg.hostname);
  const syslogSeverity = severityFromText(msg.severityName);
  // The classification's attributes are its own fresh object: message and device are set on it
  // rather than spread into a copy (a literal that starts with a spread and goes on is slow in V8).
  const attributes: Record<string, unknown> = mapping?.attributes ?? {};
  attributes['message'] = msg.message;
  attributes['device'] = buildDevice({ hostname: msg.hostname });
  const event = assembleEvent({
    classUid: mapping?.classUid ?? 0,
    activityId: mapping?.activityId ?? 99,
    ...(mapping ? (mapping.activityName ? { activityName: mapping.activityName } : {}) : { activityName: msg.appName ?? 'syslog' }),
    time: msg.time ?? ctx.receivedAt,
    severityId: mapping?.severityId ?? (msg.severityName ? syslogSeverity.severity_id : 1),
    metadata: {
      product: { name: msg.appName ?? 'syslog' },
      uid: ctx.eventUid,
      tenant_uid: ctx.tenantId,
      log_name: msg.facilityName ?? 'syslog',
      log_provider: msg.appName,
      event_code: msg.msgId,
      original_time: msg.timeText,
    },
    original: record,
    attributes,
    unmapped: buildUnmapped(
      {
        syslog_format: msg.format,
        facility: msg.facility,
        facility_name: msg.facilityName,
        syslog_severity: msg.severity,
        syslog_severity_name: msg.severityName,
        app_name: msg.appName,
        proc_id: msg.procId,
        msg_id: msg.msgId,
        structured_data: msg.structuredData,
        parse_error: parsed.ok ? undefined : parsed.reason,
      },
      mapping?.details,
    ),
  });
  return { ok: true, event };
}
