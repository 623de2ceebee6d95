import { ManualClock } from '@soc/contracts';
import { SocError } from '@soc/errors';
import { Admission, type AdmissionLimits } from './admission';

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What an enter() promise came to so far: still waiting, admitted, or refused with a code. */
function track(p: Promise<void>): { state: () => string } {
  let state = 'waiting';
  p.then(
    () => (state = 'admitted'),
    (err: unknown) => (state = err instanceof SocError ? err.code : String(err)),
  );
  return { state: () => state };
}

describe('Admission', () => {
  let lag: number;
  let clock: ManualClock;
  const open = (limits: Partial<AdmissionLimits> = {}): Admission =>
    new Admission({ maxInFlight: 4, maxLag: 100, lagTtlMs: 0, retryAfterSeconds: 2, maxWaitMs: 2_000, pollMs: 2, ...limits }, async () => lag, clock);

  beforeEach(() => {
    lag = 0;
    clock = new ManualClock(Date.UTC(2026, 10, 1));
  });

  it('admits at once while the backlog is under the limit', async () => {
    const a = open();
    await a.enter();
    await a.enter();
    expect(a.current).toMatchObject({ inFlight: 2, waiting: 0 });
    a.leave();
    a.leave();
    expect(a.current.inFlight).toBe(0);
  });

  it('answers 429 at once over the limit when waiting is off', async () => {
    const a = open({ maxWaitMs: 0 });
    lag = 101;
    await expect(a.enter()).rejects.toMatchObject({ code: 'SOC_ERR_OVERLOADED', httpStatus: 429 });
    expect(a.current.inFlight).toBe(0);
  });

  it('holds a request over the limit until the backlog drains, then admits it', async () => {
    const a = open();
    lag = 101;
    const req = track(a.enter());
    await settle(30);
    expect(req.state()).toBe('waiting');
    expect(a.current).toMatchObject({ inFlight: 1, waiting: 1 });
    lag = 100;
    await settle(30);
    expect(req.state()).toBe('admitted');
    expect(a.current).toMatchObject({ inFlight: 1, waiting: 0 });
  });

  it('answers 429 with the backlog when the wait runs out, and frees the slot', async () => {
    const a = open({ maxWaitMs: 40 });
    lag = 500;
    const err = await a.enter().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SOC_ERR_OVERLOADED', httpStatus: 429 });
    expect((err as Error).message).toContain('500');
    expect(a.current).toMatchObject({ inFlight: 0, waiting: 0 });
  });

  it('admits waiters in arrival order, one at a time while an admitted one is still appending', async () => {
    const a = open({ lagTtlMs: 60_000 });
    lag = 101;
    const first = track(a.enter());
    const second = track(a.enter());
    await settle(20);
    lag = 0;
    await settle(30);
    // The first is appending (not left yet): its records are not in the backlog, so the second waits.
    expect([first.state(), second.state()]).toEqual(['admitted', 'waiting']);
    // A newcomer while someone waits queues behind, even though the backlog is under the limit.
    const third = track(a.enter());
    await settle(30);
    expect(third.state()).toBe('waiting');
    a.leave();
    await settle(30);
    expect([second.state(), third.state()]).toEqual(['admitted', 'waiting']);
    a.leave();
    await settle(30);
    expect(third.state()).toBe('admitted');
  });

  it('does not let a slow admitted request hold the queue longer than the lag TTL', async () => {
    const a = open({ lagTtlMs: 1_000 });
    lag = 101;
    const slow = track(a.enter()); // will be admitted and never leave (a slow upload)
    const next = track(a.enter());
    lag = 0;
    await settle(30);
    expect([slow.state(), next.state()]).toEqual(['admitted', 'waiting']);
    clock.advance(1_000);
    await settle(30);
    expect(next.state()).toBe('admitted');
  });

  it('counts waiting requests against the in-flight limit (503 beyond it)', async () => {
    const a = open({ maxInFlight: 2 });
    lag = 101;
    const one = track(a.enter());
    const two = track(a.enter());
    await expect(a.enter()).rejects.toMatchObject({ code: 'SOC_ERR_UNAVAILABLE', httpStatus: 503 });
    await settle(5);
    expect([one.state(), two.state()]).toEqual(['waiting', 'waiting']);
    a.close();
  });

  it('drops a waiter whose client went away, with 503, and frees its slot', async () => {
    const a = open();
    lag = 101;
    const gone = new AbortController();
    const req = track(a.enter(gone.signal));
    await settle(10);
    gone.abort();
    await settle(5);
    expect(req.state()).toBe('SOC_ERR_UNAVAILABLE');
    expect(a.current).toMatchObject({ inFlight: 0, waiting: 0 });
  });

  it('refuses every waiter with 503 on close, and new requests after it', async () => {
    const a = open();
    lag = 101;
    const one = track(a.enter());
    const two = track(a.enter());
    await settle(10);
    a.close();
    await settle(5);
    expect([one.state(), two.state()]).toEqual(['SOC_ERR_UNAVAILABLE', 'SOC_ERR_UNAVAILABLE']);
    expect(a.current.inFlight).toBe(0);
    await expect(a.enter()).rejects.toMatchObject({ code: 'SOC_ERR_UNAVAILABLE' });
  });

  it('refuses a request whose lag read outlived close() or its client, instead of queueing it', async () => {
    let release: () => void = () => undefined;
    const a = new Admission({ maxInFlight: 4, maxLag: 100, lagTtlMs: 0, retryAfterSeconds: 2, maxWaitMs: 2_000, pollMs: 2 }, () => new Promise<number>((r) => (release = () => r(101))), clock);
    const gone = new AbortController();
    const hungUp = a.enter(gone.signal).catch((e: unknown) => e);
    gone.abort();
    release();
    expect(await hungUp).toMatchObject({ code: 'SOC_ERR_UNAVAILABLE' });
    const shuttingDown = a.enter().catch((e: unknown) => e);
    a.close();
    release();
    expect(await shuttingDown).toMatchObject({ code: 'SOC_ERR_UNAVAILABLE', message: 'ingest is shutting down' });
    expect(a.current).toMatchObject({ inFlight: 0, waiting: 0 });
  });

  it('refuses waiters with the error when the backlog cannot be read', async () => {
    let fail = false;
    const a = new Admission({ maxInFlight: 4, maxLag: 100, lagTtlMs: 0, retryAfterSeconds: 2, maxWaitMs: 2_000, pollMs: 2 }, async () => {
      if (fail) throw new Error('bus closed');
      return 101;
    }, clock);
    const req = a.enter().catch((e: unknown) => e);
    await settle(10);
    fail = true;
    expect(((await req) as Error).message).toBe('bus closed');
    expect(a.current).toMatchObject({ inFlight: 0, waiting: 0 });
  });
});
