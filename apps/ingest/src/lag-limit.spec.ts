import { ManualClock } from '@soc/contracts';
import { SocError } from '@soc/errors';
import { Admission } from './admission';
import { DelayTargetLagLimit } from './lag-limit';

describe('DelayTargetLagLimit', () => {
  let clock: ManualClock;
  let delay: number | undefined;
  const open = (): DelayTargetLagLimit => new DelayTargetLagLimit({ maxLag: 6000, minLag: 1000, targetDelayMs: 1000, adjustEveryMs: 1000 }, () => delay, clock);
  /** The limit after each of `n` adjustment periods. */
  const steps = (limit: DelayTargetLagLimit, n: number): number[] =>
    Array.from({ length: n }, () => {
      clock.advance(1000);
      return limit.current();
    });

  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 10, 22));
    delay = undefined;
  });

  it('starts at the maximum and holds it while the lake reports nothing', () => {
    const limit = open();
    expect(limit.current()).toBe(6000);
    expect(steps(limit, 3)).toEqual([6000, 6000, 6000]);
  });

  it('shrinks by a fifth per period while over target, down to the minimum', () => {
    const limit = open();
    delay = 2500;
    expect(steps(limit, 9)).toEqual([4800, 3840, 3072, 2457, 1965, 1572, 1257, 1005, 1000]);
  });

  it('holds between half the target and the target, and grows back by a twentieth of the maximum below it', () => {
    const limit = open();
    delay = 5000;
    steps(limit, 2);
    expect(limit.current()).toBe(3840);
    delay = 700;
    expect(steps(limit, 2)).toEqual([3840, 3840]);
    delay = 200;
    expect(steps(limit, 9)).toEqual([4140, 4440, 4740, 5040, 5340, 5640, 5940, 6000, 6000]);
  });

  it('moves at most once per period however often it is read', () => {
    const limit = open();
    delay = 5000;
    clock.advance(1000);
    expect([limit.current(), limit.current(), limit.current()]).toEqual([4800, 4800, 4800]);
    clock.advance(999);
    expect(limit.current()).toBe(4800);
    clock.advance(1);
    expect(limit.current()).toBe(3840);
  });

  it('refuses a minimum outside 1..maxLag', () => {
    expect(() => new DelayTargetLagLimit({ maxLag: 10, minLag: 11, targetDelayMs: 1, adjustEveryMs: 1 }, () => 0, clock)).toThrow(RangeError);
    expect(() => new DelayTargetLagLimit({ maxLag: 10, minLag: 0, targetDelayMs: 1, adjustEveryMs: 1 }, () => 0, clock)).toThrow(RangeError);
  });

  it('is the limit admission refuses by once the delay has pulled it down', async () => {
    const limit = new DelayTargetLagLimit({ maxLag: 100, minLag: 10, targetDelayMs: 1000, adjustEveryMs: 1000 }, () => delay, clock);
    let lag = 90;
    const admission = new Admission({ maxInFlight: 4, maxLag: 100, lagTtlMs: 0, retryAfterSeconds: 1, maxWaitMs: 0 }, async () => lag, clock, limit);
    await admission.enter();
    admission.leave();
    delay = 3000;
    clock.advance(1000);
    const refused = await admission.enter().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(SocError);
    expect((refused as SocError).message).toMatch(/backlog of 90 messages exceeds 80/);
    lag = 80;
    await admission.enter();
    expect(admission.current).toMatchObject({ inFlight: 1, limit: 80 });
  });
});
