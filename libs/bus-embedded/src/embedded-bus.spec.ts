import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BusErrorCodes, consumeValidated } from '@soc/bus';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { DeadLetterEnvelope, RawEventEnvelope, dlqTopic } from '@soc/contracts';
import { isSocError } from '@soc/errors';
import { EmbeddedBus } from './embedded-bus';
import { seqMessage } from './test-fixtures/capture-logger';
import { readAll } from './test-fixtures/read-all';

describe('EmbeddedBus', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), 'soc-bus-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('delivers a stored body that is not JSON as text, so validation dead-letters it instead of stalling', async () => {
    const bus = await EmbeddedBus.open({ dir, partitions: 1 });
    await bus.publish('events.raw', [{ key: 'k', encoded: '{broken' }]);
    const dead: unknown[] = [];
    let handled = 0;
    const consumer = consumeValidated({
      schema: RawEventEnvelope,
      stage: 'normalize',
      deadLetter: { publish: async (_t, m) => void dead.push(...m.map((x) => x.value)) },
      handler: async (b) => void (handled += b.length),
    });
    const sub = await bus.subscribe({ topic: 'events.raw', group: 'g', handler: consumer.handler, retryDelayMs: 10 });
    for (let i = 0; i < 100 && dead.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await sub.stop();
    expect(handled).toBe(0);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ payload: { stage: 'normalize', code: 'SOC_ERR_MESSAGE_INVALID', original: '{broken' } });
    expect(await sub.lag()).toBe(0);
    await bus.close();
  });

  it('refuses a second bus on a directory that is in use', async () => {
    const bus = await EmbeddedBus.open({ dir });
    const err = await EmbeddedBus.open({ dir }).catch((e: unknown) => e);
    expect(isSocError(err, BusErrorCodes.LOG_LOCKED)).toBe(true);
    await bus.close();
    await (await EmbeddedBus.open({ dir })).close();
  });

  it('rejects bad names and unserializable messages with stable codes', async () => {
    const bus = await EmbeddedBus.open({ dir });
    const badTopic = await bus.publish('../etc', [seqMessage('k', 1)]).catch((e: unknown) => e);
    expect(isSocError(badTopic, BusErrorCodes.NAME_INVALID)).toBe(true);
    const badValue = await bus.publish('t', [{ key: 'k', value: undefined as never }]).catch((e: unknown) => e);
    expect(isSocError(badValue, BusErrorCodes.MESSAGE_INVALID)).toBe(true);
    const dup = await bus.subscribe({ topic: 't', group: 'g', handler: async () => undefined });
    const conflict = await bus.subscribe({ topic: 't', group: 'g', handler: async () => undefined }).catch((e: unknown) => e);
    expect(isSocError(conflict, BusErrorCodes.SUBSCRIPTION_CONFLICT)).toBe(true);
    await dup.stop();
    await bus.close();
  });

  it('routes invalid messages to the dead-letter topic and lets close finish an in-flight batch that publishes', async () => {
    const bus = await EmbeddedBus.open({ dir, partitions: 2 });
    await bus.publish('events.raw', [seqMessage('a', 1), seqMessage('b', 2)]);
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    const consumer = consumeValidated({
      schema: RawEventEnvelope,
      stage: 'normalize',
      deadLetter: bus,
      handler: async () => undefined,
    });
    await bus.subscribe({
      topic: 'events.raw',
      group: 'normalize',
      maxBatchSize: 1,
      handler: async (batch) => {
        entered();
        await new Promise((r) => setTimeout(r, 50));
        await consumer.handler(batch);
      },
    });
    await inHandler;
    await bus.close();
    const reopened = await EmbeddedBus.open({ dir });
    // The in-flight batch finished during close, dead letter included.
    const first = await readAll(reopened, dlqTopic('events.raw'));
    expect(first.length).toBeGreaterThanOrEqual(1);
    expect(consumer.stats().invalid).toBeGreaterThanOrEqual(1);
    // The group resumes where it committed; every invalid message ends up dead-lettered, with a
    // deterministic id per source offset, so a redelivery duplicates nothing downstream.
    const sub = await reopened.subscribe({ topic: 'events.raw', group: 'normalize', handler: consumer.handler });
    while ((await sub.lag()) > 0) await new Promise((r) => setTimeout(r, 5));
    await sub.stop();
    const dead = await readAll(reopened, dlqTopic('events.raw'), 'audit');
    const check = TypeCompiler.Compile(DeadLetterEnvelope);
    expect(dead.every((d) => check.Check(d.value))).toBe(true);
    const bySeq = new Map<number, Set<string>>();
    for (const d of dead) {
      const v = d.value as { id: string; payload: { code: string; original: { payload: { seq: number } } } };
      expect(v.payload.code).toBe('SOC_ERR_MESSAGE_INVALID');
      const ids = bySeq.get(v.payload.original.payload.seq) ?? new Set<string>();
      ids.add(v.id);
      bySeq.set(v.payload.original.payload.seq, ids);
    }
    expect([...bySeq.keys()].sort()).toEqual([1, 2]);
    expect([...bySeq.values()].every((ids) => ids.size === 1)).toBe(true);
    await reopened.close();
  });
});
