import { randomBytes } from 'node:crypto';
import type { Envelope } from '@soc/contracts';
import { isSocError } from '@soc/errors';
import { type Bus, type Delivery, type OutgoingMessage, MAX_HEADER_BYTES } from './bus';
import { BusErrorCodes } from './bus-errors';

/** What an adapter's spec provides so the shared contract suite can drive it. */
export interface BusContractHarness {
  /** Opens a bus over the same storage every time: a reopen must see earlier data and commits. */
  open(): Promise<Bus>;
  /** Creates a topic with `partitions` partitions before first use; adapters that create topics lazily omit it. */
  createTopic?(topic: string, partitions: number): Promise<void>;
  /** Releases the storage after the suite. */
  cleanup(): Promise<void>;
}

const PARTITIONS = 3;

function envelope(tenantId: string, seq: number): Envelope<{ seq: number }> {
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  return { id: `m-${seq}`, tenantId, type: 'test.message.sent', schemaVersion: 1, occurredAt: at, ingestedAt: at, traceId: `t-${seq}`, payload: { seq } };
}

function messages(count: number, keys: readonly string[], start = 0): OutgoingMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = start + i;
    const key = keys[seq % keys.length] ?? 'k';
    return { key, value: envelope(key, seq) };
  });
}

const seqOf = (d: Delivery): number => (d.value as { payload: { seq: number } }).payload.seq;

async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What each contract case gets: the current bus (replaced by reopen) and fresh topics. */
interface ContractContext {
  bus: Bus;
  newTopic(): Promise<string>;
  /** Opens a new bus over the same storage (the old one must be closed first). */
  reopen(): Promise<void>;
}

const cases: ReadonlyArray<[string, (ctx: ContractContext) => Promise<void>]> = [
  [
    'delivers every message, in key order within a partition',
    async (ctx) => {
      const topic = await ctx.newTopic();
      const keys = ['tenant-a:host-1', 'tenant-a:host-2', 'tenant-b:user-7', 'tenant-c:ip-9', 'tenant-d:x'];
      for (let i = 0; i < 4; i++) await ctx.bus.publish(topic, messages(50, keys, i * 50));
      const got: Delivery[] = [];
      const sub = await ctx.bus.subscribe({ topic, group: 'order', maxBatchSize: 17, handler: async (b) => void got.push(...b) });
      await waitFor('200 deliveries', () => got.length >= 200);
      await sub.stop();
      expect(new Set(got.map(seqOf)).size).toBe(200);
      const partitionOfKey = new Map<string, number>();
      const lastSeq = new Map<string, number>();
      const lastOffset = new Map<number, number>();
      for (const d of got) {
        expect(partitionOfKey.get(d.key) ?? d.partition).toBe(d.partition);
        partitionOfKey.set(d.key, d.partition);
        expect(seqOf(d)).toBeGreaterThan(lastSeq.get(d.key) ?? -1);
        lastSeq.set(d.key, seqOf(d));
        expect(d.offset).toBeGreaterThan(lastOffset.get(d.partition) ?? -1);
        lastOffset.set(d.partition, d.offset);
        expect(d.topic).toBe(topic);
      }
    },
  ],
  [
    'gives every group every message',
    async (ctx) => {
      const topic = await ctx.newTopic();
      await ctx.bus.publish(topic, messages(60, ['a', 'b', 'c', 'd']));
      const seen = { g1: new Set<number>(), g2: new Set<number>() };
      const subs = await Promise.all(
        (['g1', 'g2'] as const).map((g) =>
          ctx.bus.subscribe({ topic, group: g, handler: async (b) => b.forEach((d) => seen[g].add(seqOf(d))) }),
        ),
      );
      await waitFor('both groups', () => seen.g1.size === 60 && seen.g2.size === 60);
      await Promise.all(subs.map((s) => s.stop()));
    },
  ],
  [
    'redelivers a batch whose handler rejected',
    async (ctx) => {
      const topic = await ctx.newTopic();
      await ctx.bus.publish(topic, messages(10, ['only-key']));
      let failures = 0;
      const delivered: number[] = [];
      const sub = await ctx.bus.subscribe({
        topic,
        group: 'retry',
        retryDelayMs: 50,
        handler: async (b) => {
          if (failures < 2) {
            failures++;
            throw new Error('transient');
          }
          delivered.push(...b.map(seqOf));
        },
      });
      await waitFor('redelivery', () => delivered.length >= 10);
      await sub.stop();
      expect(failures).toBe(2);
      expect(delivered.slice(0, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    },
  ],
  [
    'keeps committed offsets across close and reopen',
    async (ctx) => {
      const topic = await ctx.newTopic();
      await ctx.bus.publish(topic, messages(20, ['a', 'b', 'c']));
      const first: number[] = [];
      const sub1 = await ctx.bus.subscribe({ topic, group: 'durable', handler: async (b) => void first.push(...b.map(seqOf)) });
      await waitFor('first pass', async () => first.length >= 20 && (await sub1.lag()) === 0);
      await sub1.stop();
      await ctx.bus.close();
      await ctx.reopen();
      await ctx.bus.publish(topic, messages(5, ['a', 'b', 'c'], 20));
      const second: number[] = [];
      const sub2 = await ctx.bus.subscribe({ topic, group: 'durable', handler: async (b) => void second.push(...b.map(seqOf)) });
      await waitFor('second pass', async () => second.length >= 5 && (await sub2.lag()) === 0);
      await sub2.stop();
      expect(second.sort((x, y) => x - y)).toEqual([20, 21, 22, 23, 24]);
    },
  ],
  [
    'starts where resumeFrom says',
    async (ctx) => {
      const topic = await ctx.newTopic();
      await ctx.bus.publish(topic, messages(12, ['single']));
      const got: Delivery[] = [];
      const sub = await ctx.bus.subscribe({
        topic,
        group: 'resume',
        resumeFrom: async () => 7,
        handler: async (b) => void got.push(...b),
      });
      await waitFor('resumed deliveries', () => got.length >= 5);
      await sub.stop();
      expect(got.map((d) => d.offset)).toEqual([7, 8, 9, 10, 11]);
      expect(got.map(seqOf)).toEqual([7, 8, 9, 10, 11]);
    },
  ],
  [
    'reports lag until the group has committed everything',
    async (ctx) => {
      const topic = await ctx.newTopic();
      await ctx.bus.publish(topic, messages(30, ['a', 'b', 'c', 'd', 'e']));
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let count = 0;
      const sub = await ctx.bus.subscribe({
        topic,
        group: 'lag',
        handler: async (b) => {
          await gate;
          count += b.length;
        },
      });
      expect(await sub.lag()).toBe(30);
      release();
      await waitFor('lag 0', async () => count >= 30 && (await sub.lag()) === 0);
      await sub.stop();
    },
  ],
  [
    'carries headers beside the value, after a reopen too, and refuses oversized ones',
    async (ctx) => {
      const topic = await ctx.newTopic();
      const tagged = messages(6, ['h-1', 'h-2']).map((m, i) => (i % 2 === 0 ? { ...m, headers: { 'soc-test': `n=${i};ü`, other: '' } } : m));
      await ctx.bus.publish(topic, tagged);
      const read = async (group: string): Promise<Map<number, Delivery>> => {
        const got = new Map<number, Delivery>();
        const sub = await ctx.bus.subscribe({ topic, group, decode: 'text', handler: async (b) => b.forEach((d) => got.set(seqOf({ ...d, value: JSON.parse(d.value as string) }), d)) });
        await waitFor('6 deliveries', () => got.size >= 6);
        await sub.stop();
        return got;
      };
      const check = (got: Map<number, Delivery>): void => {
        for (let i = 0; i < 6; i++) {
          const d = got.get(i) as Delivery;
          if (i % 2 === 0) expect(d.headers).toEqual({ 'soc-test': `n=${i};ü`, other: '' });
          else expect(d.headers).toBeUndefined();
        }
      };
      check(await read('headers-live'));
      await ctx.bus.close();
      await ctx.reopen();
      check(await read('headers-reopened'));
      const huge = { ...messages(1, ['h-3'])[0], headers: { big: 'x'.repeat(MAX_HEADER_BYTES + 1) } } as OutgoingMessage;
      const err = await ctx.bus.publish(topic, [huge]).catch((e: unknown) => e);
      expect(isSocError(err, BusErrorCodes.MESSAGE_INVALID)).toBe(true);
    },
  ],
  [
    'rejects publish after close with SOC_ERR_BUS_CLOSED',
    async (ctx) => {
      const topic = await ctx.newTopic();
      await ctx.bus.close();
      const err = await ctx.bus.publish(topic, messages(1, ['a'])).catch((e: unknown) => e);
      await ctx.reopen();
      expect(isSocError(err, BusErrorCodes.CLOSED)).toBe(true);
    },
  ],
];

/**
 * The contract every Bus adapter must pass. Call it at the top level of an adapter's spec
 * file; it registers a jest `describe` block, so it needs jest globals only when invoked.
 */
export function describeBusContract(name: string, makeHarness: () => Promise<BusContractHarness>): void {
  describe(`Bus contract: ${name}`, () => {
    let harness: BusContractHarness;
    const ctx: ContractContext = {
      bus: undefined as unknown as Bus,
      newTopic: async () => {
        const topic = `contract-${randomBytes(5).toString('hex')}`;
        await harness.createTopic?.(topic, PARTITIONS);
        return topic;
      },
      reopen: async () => {
        ctx.bus = await harness.open();
      },
    };
    beforeAll(async () => {
      harness = await makeHarness();
      ctx.bus = await harness.open();
    });
    afterAll(async () => {
      await ctx.bus.close();
      await harness.cleanup();
    });
    for (const [title, run] of cases) it(title, () => run(ctx));
  });
}
