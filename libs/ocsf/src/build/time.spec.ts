import { parseTimestamp, utcMs } from './time';

describe('parseTimestamp fast path (YYYY-MM-DDTHH:MM:SS[.f]Z)', () => {
  it.each([
    ['2026-03-02T08:00:36Z', Date.UTC(2026, 2, 2, 8, 0, 36)],
    ['2026-03-02T08:00:36.5Z', Date.UTC(2026, 2, 2, 8, 0, 36, 500)],
    ['2026-03-02T08:00:36.57Z', Date.UTC(2026, 2, 2, 8, 0, 36, 570)],
    ['2026-03-02T08:00:36.875704Z', Date.UTC(2026, 2, 2, 8, 0, 36, 875)],
    ['2026-03-02T08:00:36.999999999Z', Date.UTC(2026, 2, 2, 8, 0, 36, 999)],
    // Shapes the fast path leaves to the general parser give the same answers as before.
    ['2026-03-02T08:00:36,25Z', Date.UTC(2026, 2, 2, 8, 0, 36, 250)],
    ['2026-03-02T08:00:36 Z', Date.UTC(2026, 2, 2, 8, 0, 36)],
    ['2026-03-02 08:00:36.1z', Date.UTC(2026, 2, 2, 8, 0, 36, 100)],
    ['2026-02-30T00:00:00Z', Date.UTC(2026, 1, 30)],
  ])('%s', (text, expected) => expect(parseTimestamp(text)).toBe(expected));

  it('rejects malformed near-misses', () => {
    expect(parseTimestamp('2026-03-02T08:00:36.Z')).toBeUndefined();
    expect(parseTimestamp('2026-03-02T08:0a:36Z')).toBeUndefined();
    expect(parseTimestamp('2026-03-02T08:00:36.12x4Z')).toBeUndefined();
  });
});

describe('parseTimestamp bounds', () => {
  it('treats times a JavaScript Date cannot hold as absent, so no consumer breaks on them', () => {
    expect(parseTimestamp(1e25)).toBeUndefined();
    expect(parseTimestamp('12345678901234567890123')).toBeUndefined();
    expect(parseTimestamp('275760-09-14T00:00:00Z')).toBeUndefined();
    expect(parseTimestamp(1_700_000_000)).toBe(1_700_000_000_000);
  });
});

describe('parseTimestamp fast path without zone (YYYY-MM-DD[T ]HH:MM:SS[.f][z])', () => {
  it.each([
    ['2026-01-05 06:00:24.561', Date.UTC(2026, 0, 5, 6, 0, 24, 561)],
    ['2026-01-05T06:00:24', Date.UTC(2026, 0, 5, 6, 0, 24)],
    ['2026-01-05 06:00:24Z', Date.UTC(2026, 0, 5, 6, 0, 24)],
    ['2026-01-05T06:00:24.5z', Date.UTC(2026, 0, 5, 6, 0, 24, 500)],
    ['2024-02-29 23:59:59.9999999', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
    ['2026-13-01 00:00:00', Date.UTC(2026, 12, 1)],
    ['0050-01-01 00:00:00', Date.UTC(50, 0, 1)],
    // Past 9 fraction digits these shapes keep the general path's floor(0.<f> * 1000), which rounds up here.
    ['2026-01-05 06:00:24.2999999999999999999', Date.UTC(2026, 0, 5, 6, 0, 24, 300)],
    ['2026-01-05T06:00:24.2999999999999999999Z', Date.UTC(2026, 0, 5, 6, 0, 24, 299)],
  ])('%s', (text, expected) => expect(parseTimestamp(text)).toBe(expected));

  it('leaves other shapes to the general parser', () => {
    expect(parseTimestamp('2026-01-05 06:00:24.')).toBeUndefined();
    expect(parseTimestamp('2026-01-05 06:00:24+01:00')).toBe(Date.UTC(2026, 0, 5, 5, 0, 24));
    expect(parseTimestamp('2026-01-05 06:00:24 UTC')).toBe(Date.UTC(2026, 0, 5, 6, 0, 24));
    expect(parseTimestamp('2026-01-05X06:00:24')).toBeUndefined();
  });
});

describe('utcMs', () => {
  it('equals Date.UTC for every field in 0..99 (months and years included) and years 0..9999', () => {
    // A fixed pseudo-random sample (LCG) so a failure is reproducible.
    let seed = 12345;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const mismatches: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const [y, mo, d, h, mi, se, ms] = [next(10_000), next(100), next(100), next(100), next(100), next(100), next(1000)] as const;
      if (utcMs(y, mo, d, h, mi, se, ms) !== Date.UTC(y, mo - 1, d, h, mi, se, ms)) mismatches.push([y, mo, d, h, mi, se, ms].join(','));
    }
    expect(mismatches).toEqual([]);
  });
});
