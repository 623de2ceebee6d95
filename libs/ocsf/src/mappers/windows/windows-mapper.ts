import type { MapContext, MapResult, OcsfEvent, SourceMapper } from '../../mapper';
import { assembleEvent } from '../../build/event';
import { SEVERITY } from '../../build/severity';
import type { SeverityId } from '../../build/severity';
import { parseTimestamp } from '../../build/time';
import { validateOcsf } from '../../validate';
import { deviceOf } from './fields';
import type { Handler, Mapped } from './handler';
import { readWindowsRecord } from './record';
import type { WinRecord } from './record';
import { SECURITY_ACCOUNT_HANDLERS } from './security-account';
import { SECURITY_AUTH_HANDLERS } from './security-auth';
import { SECURITY_SYSTEM_HANDLERS } from './security-system';
import { SYSMON_HANDLERS } from './sysmon';

const SECURITY: Record<number, Handler> = { ...SECURITY_AUTH_HANDLERS, ...SECURITY_ACCOUNT_HANDLERS, ...SECURITY_SYSTEM_HANDLERS };

const SYSMON_CHANNEL = 'microsoft-windows-sysmon/operational';

/** Lower-cased channel names: a handful of distinct channels, so memoised (bounded). */
const LOWER = new Map<string, string>();
function lowerChannel(channel: string): string {
  let lower = LOWER.get(channel);
  if (lower === undefined) {
    lower = channel.toLowerCase();
    if (LOWER.size >= 1024) LOWER.clear();
    LOWER.set(channel, lower);
  }
  return lower;
}

function handlerFor(rec: WinRecord): Handler | undefined {
  const channel = lowerChannel(rec.channel);
  if (channel === 'security') return SECURITY[rec.eventId];
  if (channel === SYSMON_CHANNEL) return SYSMON_HANDLERS[rec.eventId];
  return undefined;
}

/** Windows event Level: 1 critical, 2 error, 3 warning, 0/4/5 informational. */
function severityOf(level: string | undefined): SeverityId {
  switch (level) {
    case '1':
      return SEVERITY.Critical;
    case '2':
      return SEVERITY.Medium;
    case '3':
      return SEVERITY.Low;
    default:
      return SEVERITY.Informational;
  }
}

/** Events with no OCSF class of their own: base event, activity Other, named after the source. */
function baseEvent(rec: WinRecord): Mapped {
  return {
    classUid: 0,
    activityId: 99,
    activityName: `${rec.channel} ${rec.eventId}`,
    attributes: { device: deviceOf(rec) },
  };
}

/**
 * Everything the source said, under its native names, so Sigma-style rules keep working:
 * every EventData field plus EventID, Channel, Provider_Name and Computer. The record's own
 * `data` object becomes the bag (it is built fresh per record, and copying it per event
 * was measurable); a second call for the same record (degraded to the base event) only adds
 * `extra`.
 */
function unmappedOf(rec: WinRecord, extra?: Record<string, unknown>): Record<string, unknown> {
  const bag = rec.data;
  bag['EventID'] = rec.eventId;
  bag['Channel'] = rec.channel;
  if (rec.provider !== undefined) bag['Provider_Name'] = rec.provider;
  if (rec.computer !== undefined) bag['Computer'] = rec.computer;
  if (rec.recordId !== undefined) bag['EventRecordID'] = rec.recordId;
  if (extra) for (const k in extra) if (extra[k] !== undefined && extra[k] !== null) bag[k] = extra[k];
  return bag;
}

/** The first candidate time that parses, and the first one given as text (kept as `original_time`). */
function timesOf(rec: WinRecord, fallback: number): { time: number; original: string | undefined } {
  let time: number | undefined;
  let original: string | undefined;
  for (const t of rec.times) {
    if (time === undefined) time = parseTimestamp(t);
    if (original === undefined && typeof t === 'string') original = t;
  }
  return { time: time ?? fallback, original };
}

function assemble(rec: WinRecord, mapped: Mapped, record: unknown, ctx: MapContext, extra?: Record<string, unknown>): OcsfEvent {
  const { time, original } = timesOf(rec, ctx.receivedAt);
  const attributes = mapped.attributes;
  if (rec.message) attributes['message'] = rec.message;
  // One literal of a fixed shape (no spread): an empty activityName is no override.
  return assembleEvent({
    classUid: mapped.classUid,
    activityId: mapped.activityId,
    activityName: mapped.activityName || undefined,
    time,
    severityId: severityOf(rec.level),
    metadata: {
      product: lowerChannel(rec.channel).includes('sysmon') ? SYSMON_PRODUCT() : EVENT_LOG_PRODUCT(),
      uid: ctx.eventUid,
      original_time: original,
      log_name: rec.channel,
      log_provider: rec.provider,
      event_code: String(rec.eventId),
      original_event_uid: rec.recordId,
      tenant_uid: ctx.tenantId,
      log_format: rec.layout,
    },
    original: record,
    originalText: ctx.rawText,
    unmapped: unmappedOf(rec, extra),
    attributes,
  });
}

// Fresh objects per event: events are handed to other code that may enrich them in place.
const SYSMON_PRODUCT = () => ({ name: 'Sysmon', vendor_name: 'Microsoft' });
const EVENT_LOG_PRODUCT = () => ({ name: 'Windows Event Log', vendor_name: 'Microsoft' });

/** Options of {@link createWindowsMapper}. */
export interface WindowsMapperOptions {
  /**
   * Validate each class-mapped event and degrade it to the Base Event when invalid (with
   * the reasons in `unmapped.soc_mapping_errors`). On in production; tests turn it off to
   * see handler bugs as invalid events instead of silent degradation.
   */
  degradeInvalid: boolean;
}

/**
 * Maps Windows event log records (evtx_dump, NXLog-flattened or Winlogbeat JSON) to OCSF
 * 1.8.0: Security logon/account/process/object/WFP events and Sysmon events get their
 * OCSF class; any other Windows event becomes a Base Event with all fields in `unmapped`,
 * so valid Windows JSON is never rejected. Only non-Windows input is refused.
 */
export function createWindowsMapper(options: WindowsMapperOptions): SourceMapper {
  return {
    source: 'windows',
    map(record: unknown, ctx: MapContext): MapResult {
      const rec = readWindowsRecord(record);
      if (!rec) {
        return { ok: false, code: 'SOC_ERR_RECORD_UNMAPPABLE', reason: 'not a Windows event: no EventID/Channel in evtx, NXLog or Winlogbeat layout' };
      }
      const mapped = handlerFor(rec)?.(rec);
      if (!mapped) return { ok: true, event: assemble(rec, baseEvent(rec), record, ctx) };
      const event = assemble(rec, mapped, record, ctx);
      if (!options.degradeInvalid) return { ok: true, event };
      const check = validateOcsf(event);
      if (check.valid) return { ok: true, event };
      return { ok: true, event: assemble(rec, baseEvent(rec), record, ctx, { soc_mapping_errors: check.errors }) };
    },
  };
}

/** The production Windows mapper (invalid class mappings degrade to the Base Event). */
export const windowsMapper: SourceMapper = createWindowsMapper({ degradeInvalid: true });
