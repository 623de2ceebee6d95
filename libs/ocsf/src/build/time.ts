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
 * The common shape `YYYY-MM-DDTHH:MM:SS[.f+]Z` without the regex (every Windows, CloudTrail
 * and Okta record has one); `undefined` for anything else, which takes the general path.
 * Same result as the general path: fraction truncated to ms, calendar overflow as Date.UTC.
 */
function fastUtcIso(s: string): number | undefined {
  const n = s.length;
  if (n < 20 || s.charCodeAt(n - 1) !== 90 /* Z */ || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84) return undefined;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const se = digits(s, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0) return undefined;
  let ms = 0;
  if (n > 20) {
    // A fraction: `.` then at least one digit up to the Z; its first three digits are the ms.
    if (s.charCodeAt(19) !== 46 || n < 22) return undefined;
    for (let i = 20; i < n - 1; i++) if (digit(s, i) < 0) return undefined;
    ms = (digit(s, 20) * 100) + (n - 1 > 21 ? digit(s, 21) * 10 : 0) + (n - 1 > 22 ? digit(s, 22) : 0);
  }
  const utc = Date.UTC(y, mo - 1, d, h, mi, se, ms);
  return Number.isNaN(utc) ? undefined : utc;
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
