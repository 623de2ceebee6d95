import { type Envelope, DeadLetterEnvelope, RawEventEnvelope, dlqTopic } from '@soc/contracts';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Delivery, OutgoingMessage } from './bus';
import { consumeValidated } from './consume-validated';

const at = '2026-01-01T00:00:00.000Z';
const valid = (i: number): Envelope => ({
  id: `e${i}`,
  tenantId: 'acme',
  type: 'ingest.event.received',
  schemaVersion: 1,
  occurredAt: at,
  ingestedAt: at,
  traceId: `t${i}`,
  payload: { source: 'okta', format: 'json', data: { i }, channel: 'http', batchId: 'b1', index: i },
});
const delivery = (offset: number, value: unknown): Delivery => ({ topic: 'events.raw', partition: 1, offset, key: 'acme:x', value });

describe('consumeValidated', () => {
  it('dead-letters invalid messages with the reason and hands the rest on in order', async () => {
    const published: Array<{ topic: string; messages: readonly OutgoingMessage[] }> = [];
    const handled: number[] = [];
    const consumer = consumeValidated({
      schema: RawEventEnvelope,
      stage: 'normalize',
      deadLetter: { publish: async (topic, messages) => void published.push({ topic, messages }) },
      handler: async (batch) => void handled.push(...batch.map((d) => d.offset)),
    });
    const badDate = { ...valid(2), occurredAt: 'yesterday' };
    await consumer.handler([delivery(0, valid(0)), delivery(1, { nonsense: true }), delivery(2, badDate), delivery(3, valid(3)), delivery(4, 42)]);

    expect(handled).toEqual([0, 3]);
    expect(consumer.stats()).toEqual({ valid: 2, invalid: 3 });
    expect(published).toHaveLength(1);
    expect(published[0]?.topic).toBe(dlqTopic('events.raw'));
    const dead = published[0]?.messages.map((m) => m.value) ?? [];
    const check = TypeCompiler.Compile(DeadLetterEnvelope);
    for (const d of dead) expect(check.Check(d)).toBe(true);
    expect(dead[0]?.tenantId).toBe('unattributed');
    expect(dead[1]?.tenantId).toBe('acme');
    expect(dead[1]?.payload).toMatchObject({ stage: 'normalize', topic: 'events.raw', code: 'SOC_ERR_MESSAGE_INVALID', source: 'okta', original: badDate });
    expect(String((dead[1]?.payload as { reason: string }).reason)).toContain('/occurredAt');
  });

  it('gives a redelivered invalid message the same dead-letter id, and counts only settled batches', async () => {
    const ids: string[] = [];
    let fail = true;
    const consumer = consumeValidated({
      schema: RawEventEnvelope,
      stage: 'lake',
      deadLetter: { publish: async (_t, messages) => void ids.push(...messages.map((m) => m.value?.id ?? '')) },
      handler: async () => {
        if (fail) throw new Error('sink down');
      },
    });
    const batch = [delivery(7, { bad: 1 }), delivery(8, valid(8))];
    await expect(consumer.handler(batch)).rejects.toThrow('sink down');
    expect(consumer.stats()).toEqual({ valid: 0, invalid: 0 });
    fail = false;
    await consumer.handler(batch);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    expect(consumer.stats()).toEqual({ valid: 1, invalid: 1 });
  });

  it('truncates a huge original and says so', async () => {
    const out: OutgoingMessage[] = [];
    const consumer = consumeValidated({
      schema: RawEventEnvelope,
      stage: 'normalize',
      maxOriginalBytes: 100,
      deadLetter: { publish: async (_t, m) => void out.push(...m) },
      handler: async () => undefined,
    });
    await consumer.handler([delivery(0, { blob: 'x'.repeat(10_000) })]);
    expect(out[0]?.value?.payload).toMatchObject({ originalTruncated: true });
    expect(String((out[0]?.value?.payload as { original: string }).original)).toHaveLength(100);
  });
});
