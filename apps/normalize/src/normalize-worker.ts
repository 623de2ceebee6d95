import { parentPort } from 'node:worker_threads';
import { systemClock } from '@soc/contracts';
import { mapperFor, validateOcsf } from '@soc/ocsf';
import { type RawItem, createBatchNormalizer } from './normalize-batch';

/**
 * Worker-thread entry: normalizes batches posted by WorkerPoolEngine, so mapping and schema
 * validation use a core of their own while the main thread serves HTTP and the bus.
 */
const normalize = createBatchNormalizer({ mapperFor, validate: validateOcsf, clock: systemClock });

parentPort?.on('message', (msg: { id: number; items: RawItem[] }) => {
  try {
    parentPort?.postMessage({ id: msg.id, result: normalize(msg.items) });
  } catch (err) {
    parentPort?.postMessage({ id: msg.id, error: (err as Error).stack ?? String(err) });
  }
});
