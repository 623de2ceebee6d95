const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|z|[+-]\d{2}:?\d{2}|UTC)?$/;

/**
 * Parses a source timestamp into ms since epoch, or `undefined` when it is not one.
 * Accepts ISO 8601 / RFC 3339 with any fraction length (Windows SystemTime has 7 or 9
 * digits, e.g. `2019-05-14T22:36:33.1234567Z`), `YYYY-MM-DD HH:MM:SS[.fff]` without zone
 * (taken as UTC: NXLog and evtx exports are UTC), and epoch numbers or numeric strings in
 * s, ms, µs or ns (decided by magnitude).
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return fromEpoch(Number(s));
  const m = ISO_LIKE.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, frac, zone] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se), ms);
  if (Number.isNaN(utc)) return undefined;
  return utc - zoneOffsetMs(zone);
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
