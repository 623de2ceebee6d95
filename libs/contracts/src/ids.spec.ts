import { deterministicId, deterministicIdSeries, uuidv7 } from './ids';

describe('ids', () => {
  it('uuidv7 encodes the timestamp in its first 48 bits and sorts by time', () => {
    const a = uuidv7(Date.UTC(2026, 0, 1));
    const b = uuidv7(Date.UTC(2026, 0, 2));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(a.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 0, 1));
    expect(a < b).toBe(true);
  });

  it('deterministicId is stable and separates parts unambiguously', () => {
    expect(deterministicId('t', 'b', 1)).toBe(deterministicId('t', 'b', 1));
    expect(deterministicId('ab', 'c')).not.toBe(deterministicId('a', 'bc'));
  });

  it('deterministicIdSeries gives stable, distinct ids per series and position, shaped like deterministicId', () => {
    const a = deterministicIdSeries('t', 'batch-1', 'r');
    const ids = [0, 1, 255, 0xffffffff].map(a);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(deterministicIdSeries('t', 'batch-1', 'r')(7)).toBe(a(7));
    expect(deterministicIdSeries('t', 'batch-2', 'r')(7)).not.toBe(a(7));
    expect(() => a(-1)).toThrow(RangeError);
    expect(() => a(2 ** 32)).toThrow(RangeError);
  });
});
