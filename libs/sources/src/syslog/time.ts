const MONTHS: Record<string, number> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};
const DAY_MS = 86_400_000;

// RFC 3339 as used by RFC 5424 (and rsyslog's high-precision file format).
const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/i;
/** `Mmm dd hh:mm:ss` (day space-padded), the RFC 3164 / classic /var/log stamp. */
export const BSD_TIME_RE = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?/;

/** Parses an RFC 3339 timestamp to ms since epoch; undefined if malformed or out of range. */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339_RE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  const ms = frac ? Math.floor(Number(frac.padEnd(3, '0').slice(0, 3))) : 0;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (!validFields(base, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))) return undefined;
  return base - offsetMinutes(tz ?? 'Z') * 60_000;
}

function offsetMinutes(tz: string): number {
  if (tz === 'Z' || tz === 'z') return 0;
  const sign = tz.startsWith('-') ? -1 : 1;
  const digits = tz.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** How to resolve a year-less RFC 3164 stamp. */
export interface BsdTimeContext {
  /** ms since epoch the message was received (or any "now"): picks the year. */
  referenceTime: number;
  /** Offset of the sender's local time from UTC in minutes (default 0: the stamp is UTC). */
  utcOffsetMinutes?: number;
}

/**
 * Resolves a `Mmm dd hh:mm:ss` match to ms since epoch: the latest year that does not put the
 * stamp more than a day after the reference time (so a December line read in January lands in
 * the previous year, and a little clock skew over New Year lands in the next).
 */
export function resolveBsdTime(m: RegExpExecArray, ctx: BsdTimeContext): number | undefined {
  const [, mon, d, h, mi, s, frac] = m;
  const month = MONTHS[mon ?? ''];
  if (month === undefined) return undefined;
  const ms = frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0;
  const offset = (ctx.utcOffsetMinutes ?? 0) * 60_000;
  const refYear = new Date(ctx.referenceTime).getUTCFullYear();
  for (const year of [refYear + 1, refYear, refYear - 1, refYear - 2]) {
    const t = Date.UTC(year, month, Number(d), Number(h), Number(mi), Number(s), ms);
    // Feb 29 only exists in leap years: try an earlier one rather than rolling over to Mar 1.
    if (!validFields(t, month, Number(d), Number(h), Number(mi), Number(s))) continue;
    const utc = t - offset;
    if (utc <= ctx.referenceTime + DAY_MS) return utc;
  }
  return undefined;
}

function validFields(t: number, month: number, day: number, h: number, mi: number, s: number): boolean {
  if (Number.isNaN(t) || h > 23 || mi > 59 || s > 60) return false;
  const d = new Date(t);
  return d.getUTCMonth() === month && d.getUTCDate() === day;
}
