const FACILITIES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp',
  'ntp', 'security', 'console', 'solaris-cron', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5',
  'local6', 'local7',
] as const;
const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

/** Facility and severity decoded from a syslog PRI value (facility * 8 + severity). */
export interface DecodedPri {
  pri: number;
  facility: number;
  facilityName: string;
  severity: number;
  severityName: string;
}

/** Decodes `<PRI>` digits; undefined when outside 0..191 or not 1-3 digits without a leading zero. */
export function decodePri(digits: string): DecodedPri | undefined {
  if (!/^(0|[1-9]\d{0,2})$/.test(digits)) return undefined;
  const pri = Number(digits);
  if (pri > 191) return undefined;
  const facility = pri >> 3;
  const severity = pri & 7;
  return { pri, facility, facilityName: FACILITIES[facility] ?? `facility${facility}`, severity, severityName: SEVERITIES[severity] ?? 'debug' };
}
