const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|z|[+-]\d{2}:?\d{2}|UTC)?$/;

/**
 * Parses a source timestamp into ms since epoch, or `undefined` when it is not one.
 * Accepts ISO 8601 / RFC 3339 with any fraction length (Windows SystemTime has 7 or 9
 * digits, e.g. `2019-05-14T22:36:33.1234567Z`), `YYYY-MM-DD HH:MM:SS[.fff]` without zone
 * (taken as UTC: NXLog and evtx exports are UTC), and epoch numbers or numeric strings in
 * s, ms, µs or ns (decided by magnitude).
 */
export function parseTimestamp(value: unknown): number | undefined {
  const t = parseAnyTimestamp(value);
  // Beyond ±8.64e15 ms JavaScript has no Date: such a value is garbage, not a time, and would
  // break every consumer that formats it. Treat it as absent (the caller falls back).
  return t !== undefined && Math.abs(t) <= MAX_DATE_MS ? t : undefined;
}

/** The largest magnitude a JavaScript Date can hold (ECMA-262 time value range). */
export const MAX_DATE_MS = 8.64e15;

function parseAnyTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  const fast = fastUtcIso(s);
  if (fast !== undefined) return fast;
  if (/^\d+(\.\d+)?$/.test(s)) return fromEpoch(Number(s));
  const m = ISO_LIKE.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, frac, zone] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se), ms);
  if (Number.isNaN(utc)) return undefined;
  return utc - zoneOffsetMs(zone);
}

/** Digit value of the char at `i`, or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = digit(s, i);
    if (d < 0) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The common shapes `YYYY-MM-DDTHH:MM:SS[.f+]Z` (every Windows, CloudTrail and Okta record has
 * one) and `YYYY-MM-DD[T ]HH:MM:SS[.f]` without zone or with `z` (Sysmon UtcTime, NXLog) without
 * the regex; `undefined` for anything else, which takes the general path. Same result as the
 * general path: fraction truncated to ms, calendar overflow as Date.UTC.
 */
function fastUtcIso(s: string): number | undefined {
  const n = s.length;
  if (n < 19 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const sep = s.charCodeAt(10);
  if (sep !== 84 /* T */ && sep !== 32) return undefined;
  const last = s.charCodeAt(n - 1);
  const zone = last === 90 /* Z */ || last === 122 /* z */ ? 1 : 0;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const se = digits(s, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0) return undefined;
  const end = n - zone;
  let ms = 0;
  if (end > 19) {
    // A fraction: `.` then at least one digit up to the end or the zone; its first three digits are the ms.
    if (s.charCodeAt(19) !== 46 || end < 21) return undefined;
    // The general path computes floor(0.<fraction> * 1000); past 9 digits that can round up,
    // so long fractions of the shapes added later go there (the `T...Z` shape always took the first three).
    if (end - 20 > 9 && !(sep === 84 && last === 90)) return undefined;
    for (let i = 20; i < end; i++) if (digit(s, i) < 0) return undefined;
    ms = (digit(s, 20) * 100) + (end > 21 ? digit(s, 21) * 10 : 0) + (end > 22 ? digit(s, 22) : 0);
  }
  return utcMs(y, mo, d, h, mi, se, ms);
}

/**
 * `Date.UTC(y, mo - 1, d, h, mi, se, ms)` by arithmetic (days from the civil date, H. Hinnant's
 * algorithm), a few times cheaper than the builtin. It is linear in every field but month and
 * year, so day/hour/minute/second overflow lands where Date.UTC puts it; a month outside 1..12
 * or a year below 100 (which Date.UTC reads as 19xx) is left to the builtin.
 */
export function utcMs(y: number, mo: number, d: number, h: number, mi: number, se: number, ms: number): number {
  if (mo < 1 || mo > 12 || y < 100) return Date.UTC(y, mo - 1, d, h, mi, se, ms);
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) * 86_400_000 + h * 3_600_000 + mi * 60_000 + se * 1000 + ms;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'z' || zone === 'UTC') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

function fromEpoch(n: number): number | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  if (n < 1e11) return Math.round(n * 1000); // seconds (until year 5138)
  if (n < 1e14) return Math.round(n); // milliseconds
  if (n < 1e17) return Math.round(n / 1000); // microseconds
  return Math.round(n / 1e6); // nanoseconds
}

/** Parses `value`, falling back to `fallback` (e.g. the ingest time) when absent or invalid. */
export function timestampOr(value: unknown, fallback: number): number {
  return parseTimestamp(value) ?? fallback;
}
