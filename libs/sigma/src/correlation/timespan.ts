/**
 * Sigma correlation `timespan`: "number + letter (in lowercase)" with s, m, h, d (spec v2.1.0).
 * `w` is accepted too, as pySigma does, because a week is a fixed duration; pySigma's `M` and `y`
 * are not fixed durations and are refused.
 */
const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Milliseconds of a timespan such as `90m`, or undefined when it is not of that form or not positive. */
export function parseTimespanMs(text: string): number | undefined {
  const unit = UNIT_MS[text.slice(-1)];
  const digits = text.slice(0, -1);
  if (unit === undefined || digits.length === 0 || digits.length > 9) return undefined;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const n = Number(digits);
  return n > 0 ? n * unit : undefined;
}
