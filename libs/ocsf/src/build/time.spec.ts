import { parseTimestamp } from './time';

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
