import { deterministicId, uuidv7 } from './ids';

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
});
