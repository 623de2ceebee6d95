import { Deduper, MAX_SOURCE_ALERTS } from './dedupe';

const MIN = 60_000;
const ents = [{ type: 'host', value: 'ws-1' }, { type: 'user', value: 'alice' }] as const;

describe('Deduper', () => {
  it('folds repeats within the window into one alert with a count and first/last seen', () => {
    const d = new Deduper(15 * MIN);
    const a = d.offer('t', 'r1', ents, 'e1', 0, 0);
    const b = d.offer('t', 'r1', ents, 'e2', 10 * MIN, 11 * MIN);
    const c = d.offer('t', 'r1', ents, 'e3', 25 * MIN, 25 * MIN);
    expect(a.duplicate).toBe(false);
    expect([b.duplicate, c.duplicate]).toEqual([true, true]);
    expect(c.group).toEqual({ alertId: a.group.alertId, firstEnvelopeId: 'e1', envelopeIds: ['e1', 'e2', 'e3'], count: 3, firstSeen: 0, lastSeen: 25 * MIN });
  });

  it('starts a new alert after a gap longer than the window, and folds a late repeat', () => {
    const d = new Deduper(15 * MIN);
    const a = d.offer('t', 'r1', ents, 'e1', 60 * MIN, 60 * MIN);
    const late = d.offer('t', 'r1', ents, 'e0', 50 * MIN, 50 * MIN);
    expect(late.duplicate).toBe(true);
    expect(late.group.firstSeen).toBe(50 * MIN);
    const after = d.offer('t', 'r1', ents, 'e2', 76 * MIN, 76 * MIN);
    expect(after.duplicate).toBe(false);
    expect(after.group.alertId).not.toBe(a.group.alertId);
  });

  it('remembers the first MAX_SOURCE_ALERTS envelope ids of a flood and keeps counting', () => {
    const d = new Deduper(15 * MIN);
    let last = d.offer('t', 'r1', ents, 'e0', 0, 0);
    for (let i = 1; i < 3 * MAX_SOURCE_ALERTS; i++) last = d.offer('t', 'r1', ents, `e${i}`, i * 1000, i * 1000);
    expect(last.group.count).toBe(3 * MAX_SOURCE_ALERTS);
    expect(last.group.envelopeIds).toEqual(Array.from({ length: MAX_SOURCE_ALERTS }, (_, i) => `e${i}`));
  });

  it('keeps other rules and other entity sets apart', () => {
    const d = new Deduper(15 * MIN);
    d.offer('t', 'r1', ents, 'e1', 0, 0);
    expect(d.offer('t', 'r2', ents, 'e2', 0, 0).duplicate).toBe(false);
    expect(d.offer('t', 'r1', ents.slice(0, 1), 'e3', 0, 0).duplicate).toBe(false);
  });

  it('drops groups idle past the window on sweep', () => {
    const d = new Deduper(15 * MIN);
    d.offer('t', 'r1', ents, 'e1', 0, 0);
    d.sweep(15 * MIN);
    expect(d.size).toBe(1);
    d.sweep(16 * MIN);
    expect(d.size).toBe(0);
  });
});
