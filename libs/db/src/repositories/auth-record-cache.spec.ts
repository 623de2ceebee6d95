import { ManualClock } from '@soc/contracts';
import type { ApiKeyAuthRecord } from '../system/system-operations';
import { AuthRecordCache } from './auth-record-cache';

const record = (id: string): ApiKeyAuthRecord => ({
  id,
  tenantId: 'acme',
  secretHash: 'a'.repeat(64),
  scopes: ['read'],
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
  userId: null,
  roles: ['admin'],
  userDisabledAt: null,
});

/** A store whose answer the test changes, counting how often it is asked. */
function store(initial: ApiKeyAuthRecord | null) {
  const s = { current: initial, loads: 0, load: async (_prefix: string) => (s.loads++, s.current) };
  return s;
}

/** A cache with the given TTL on a manual clock, in front of a store holding record `k1`. */
function setup(ttlMs: number) {
  const clock = new ManualClock(1_000_000);
  return { clock, cache: new AuthRecordCache(clock, ttlMs), db: store(record('k1')) };
}

describe('AuthRecordCache', () => {
  it('answers from memory within the TTL and asks the store again after it', async () => {
    const { clock, cache, db } = setup(1000);
    expect(await cache.lookup('p', db.load)).toEqual(record('k1'));
    db.current = record('k2');
    clock.advance(999);
    expect((await cache.lookup('p', db.load))?.id).toBe('k1');
    expect(db.loads).toBe(1);
    clock.advance(1);
    expect((await cache.lookup('p', db.load))?.id).toBe('k2');
    expect(db.loads).toBe(2);
  });

  it('asks the store again when the clock goes backwards, and never caches an unknown prefix', async () => {
    const { clock, cache, db } = setup(1000);
    await cache.lookup('p', db.load);
    clock.advance(-10);
    await cache.lookup('p', db.load);
    expect(db.loads).toBe(2);
    const none = store(null);
    expect(await cache.lookup('q', none.load)).toBeNull();
    expect(await cache.lookup('q', none.load)).toBeNull();
    expect(none.loads).toBe(2);
  });

  it('drops everything on invalidate, and does not store a lookup that was in flight across it', async () => {
    const { cache, db } = setup(60_000);
    db.current = record('old');
    await cache.lookup('p', db.load);
    cache.invalidate();
    db.current = record('new');
    expect((await cache.lookup('p', db.load))?.id).toBe('new');

    let release: () => void = () => undefined;
    const slow = (_prefix: string) => new Promise<ApiKeyAuthRecord>((r) => (release = () => r(record('stale'))));
    cache.invalidate();
    const inFlight = cache.lookup('p', slow);
    cache.invalidate();
    release();
    expect((await inFlight)?.id).toBe('stale');
    db.current = record('fresh');
    expect((await cache.lookup('p', db.load))?.id).toBe('fresh');
  });

  it('with a TTL of 0 asks the store every time', async () => {
    const { cache, db } = setup(0);
    await cache.lookup('p', db.load);
    await cache.lookup('p', db.load);
    expect(db.loads).toBe(2);
  });

  it('remembers a last-used stamp written by the caller', async () => {
    const { cache, db } = setup(1000);
    await cache.lookup('p', db.load);
    cache.noteUsed('p', new Date(1_000_000));
    expect((await cache.lookup('p', db.load))?.lastUsedAt).toEqual(new Date(1_000_000));
  });
});
