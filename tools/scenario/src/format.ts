/** Timestamp and identifier spellings used by the native log formats. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** ISO 8601 with milliseconds, e.g. 2026-03-02T14:00:00.123Z (Okta, Entra). */
export function isoMs(ms: number): string {
  return new Date(ms).toISOString();
}

/** ISO 8601 without fraction, e.g. 2026-03-02T14:00:00Z (CloudTrail eventTime). */
export function isoSec(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/**
 * Windows SystemTime with 7 fractional digits' worth of precision shown as microseconds;
 * the sub-millisecond digits come from `jitter` so records in the same ms still differ.
 */
export function winSystemTime(ms: number, jitter: number): string {
  return new Date(ms).toISOString().slice(0, 23) + pad(jitter % 1000, 3) + 'Z';
}

/** Sysmon UtcTime, e.g. 2026-03-02 14:00:00.123. */
export function sysmonUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
}

/** Epoch seconds with fractional part as Zeek writes `ts`. */
export function epochSeconds(ms: number, jitter: number): number {
  return Number(`${Math.floor(ms / 1000)}.${pad(ms % 1000, 3)}${pad(jitter % 1000, 3)}`);
}

/** auditd record timestamp `1604994496.155`. */
export function auditTs(ms: number): string {
  return `${Math.floor(ms / 1000)}.${pad(ms % 1000, 3)}`;
}

/** RFC 3164 timestamp `Mar  2 14:00:00` (UTC, as a log host set to UTC writes it). */
export function rfc3164Time(ms: number): string {
  const d = new Date(ms);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${MONTHS[d.getUTCMonth()]} ${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** RFC 5424 timestamp with microseconds `2026-03-02T14:00:00.123456+00:00`. */
export function rfc5424Time(ms: number, jitter: number): string {
  return new Date(ms).toISOString().slice(0, 23) + pad(jitter % 1000, 3) + '+00:00';
}

/** Uppercase GUID without braces as evtx_dump prints Sysmon GUIDs. */
export function guidUpper(hex32: string): string {
  const h = hex32.toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** `0x1f4c65f` style hex as Windows prints logon ids and pids in Security events. */
export function hex0x(n: number): string {
  return '0x' + (n >>> 0).toString(16);
}

/** UTF-16LE base64, the encoding `powershell -EncodedCommand` expects. */
export function psEncode(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** Hex of an ASCII string, as auditd prints PROCTITLE with NUL-separated argv. */
export function proctitleHex(argv: readonly string[]): string {
  return Buffer.from(argv.join('\u0000'), 'utf8').toString('hex').toUpperCase();
}
