import type { Delivery } from '@soc/bus';
import type { EmbeddedBus } from '../embedded-bus';

/** Consumes a whole topic with a fresh group and returns every delivery (spec helper). */
export async function readAll(bus: EmbeddedBus, topic: string, group = 'read-all', maxBatchSize = 500): Promise<Delivery[]> {
  const got: Delivery[] = [];
  const sub = await bus.subscribe({ topic, group, maxBatchSize, handler: async (b) => void got.push(...b) });
  const deadline = Date.now() + 15_000;
  while ((await sub.lag()) > 0) {
    if (Date.now() > deadline) throw new Error('readAll timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
  await sub.stop();
  return got;
}
