import { AppliedOffsets } from './applied-offsets';

describe('AppliedOffsets', () => {
  it('keeps the next offset per partition, restores saved positions and resumes from them', async () => {
    const o = new AppliedOffsets();
    o.restore({ 'alerts/0': 7 });
    o.applied([{ topic: 'alerts', partition: 1, offset: 3 }, { topic: 'alerts', partition: 1, offset: 4 }]);
    expect(o.positions()).toEqual({ 'alerts/0': 7, 'alerts/1': 5 });
    expect(await o.resumeFrom('alerts', 0)).toBe(7);
    expect(await o.resumeFrom('alerts', 2)).toBeUndefined();
    const copy = o.positions();
    o.applied([{ topic: 'alerts', partition: 0, offset: 9 }]);
    expect(copy['alerts/0']).toBe(7);
  });

  it('runs jobs one at a time in call order, and a failed job does not stop the next', async () => {
    const o = new AppliedOffsets();
    const log: string[] = [];
    const job = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) => setTimeout(() => (log.push(name), fail ? reject(new Error(name)) : resolve(name)), ms));
    const runs = [o.serialized(job('slow', 30)), o.serialized(job('bad', 1, true)), o.serialized(job('fast', 1))];
    const settled = await Promise.allSettled(runs);
    expect(log).toEqual(['slow', 'bad', 'fast']);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
