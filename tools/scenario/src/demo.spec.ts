import { ManualClock } from '@soc/contracts';
import { demoStream, type DemoBatch } from './demo';

describe('demoStream', () => {
  it('yields wall-clock batches, with records moved to wall time, and loops with a new seed', () => {
    const now = Date.UTC(2026, 2, 2, 14, 0, 0);
    const stream = demoStream({ seed: 3, speedup: 600, clock: new ManualClock(now), users: 10, loopHours: 1, batchMs: 1000 });
    const batches: DemoBatch[] = [];
    for (const b of stream) {
      batches.push(b);
      if (b.loop === 1) break;
    }
    // One scenario hour at 600x is 6 wall seconds.
    const first = batches.filter((b) => b.loop === 0);
    expect(first.length).toBeGreaterThan(1);
    expect(first.every((b) => b.dueAt > now && b.dueAt <= now + 6_000)).toBe(true);
    expect((batches.at(-1) as DemoBatch).dueAt).toBeGreaterThan(now + 6_000);
    const okta = first.flatMap((b) => (b.bySource.okta ?? []) as { published: string }[]);
    expect(okta.length).toBeGreaterThan(0);
    for (const r of okta) {
      const t = Date.parse(r.published);
      expect(t).toBeGreaterThanOrEqual(now);
      expect(t).toBeLessThan(now + 6_000);
    }
    const auditd = first.flatMap((b) => (b.bySource.auditd ?? []) as string[]);
    expect(auditd.every((l) => Number(l.match(/msg=audit\((\d+)\./)?.[1]) * 1000 < now + 6_000)).toBe(true);
  });
});
