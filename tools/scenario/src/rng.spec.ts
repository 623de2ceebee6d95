import { Rng, hash32 } from './rng';

describe('Rng', () => {
  it('repeats a stream for the same key and differs across keys', () => {
    const a = Rng.of(1, 'x');
    const b = Rng.of(1, 'x');
    const c = Rng.of(1, 'y');
    const sa = Array.from({ length: 50 }, () => a.nextU32());
    expect(Array.from({ length: 50 }, () => b.nextU32())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c.nextU32())).not.toEqual(sa);
    expect(hash32('abc')).toBe(hash32('abc'));
  });

  it('is roughly uniform and keeps helpers in range', () => {
    const r = new Rng(12345);
    const buckets = new Array(10).fill(0) as number[];
    for (let i = 0; i < 100_000; i++) {
      const k = Math.floor(r.next() * 10);
      buckets[k] = (buckets[k] ?? 0) + 1;
    }
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 1000; i++) {
      const v = r.int(3, 7);
      expect(v >= 3 && v <= 7).toBe(true);
    }
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const mean = Array.from({ length: 5000 }, () => r.poisson(6)).reduce((s, x) => s + x, 0) / 5000;
    expect(Math.abs(mean - 6)).toBeLessThan(0.3);
  });
});
