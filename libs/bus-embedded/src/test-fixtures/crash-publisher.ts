// Child process for the crash-durability spec: publishes numbered messages from several
// concurrent publishers until killed, printing `ack <first> <last>` after each publish resolves.
import { EmbeddedBus } from '../embedded-bus';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: crash-publisher <dir>');
  const bus = await EmbeddedBus.open({ dir, partitions: 3, segmentBytes: 256 * 1024 });
  const size = 50;
  let next = 0;
  const publisher = async (): Promise<void> => {
    for (;;) {
      const first = next;
      next += size;
      const messages = Array.from({ length: size }, (_, i) => ({
        key: `k${(first + i) % 11}`,
        value: { id: `m${first + i}`, tenantId: 't', type: 'test', schemaVersion: 1, occurredAt: '', ingestedAt: '', traceId: 'x', payload: { seq: first + i } },
      }));
      await bus.publish('crash', messages);
      process.stdout.write(`ack ${first} ${first + size - 1}\n`);
    }
  };
  await Promise.all([publisher(), publisher(), publisher(), publisher()]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
