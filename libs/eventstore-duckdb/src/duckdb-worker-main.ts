// Entry of the lake worker thread (started by DuckDbEventStore): owns the DuckDB instance and
// serves the calling thread's requests in arrival order.
import { parentPort, workerData } from 'node:worker_threads';
import { DuckDbLake } from './duckdb-lake';
import type { DuckDbEventStoreOptions } from './duckdb-options';
import { toWire, type LakeReply, type LakeRequest } from './duckdb-wire';

function serve(lake: DuckDbLake, req: LakeRequest): Promise<unknown> {
  switch (req.op) {
    case 'append':
      // Started synchronously, so appends enter the writer's queue in message order.
      return lake.appendRows(req.rows, req.checkpoints);
    case 'appendEncoded':
      // The messages are parsed here, not on the calling thread: that thread also serves HTTP
      // and the bus, and was the busiest thread of the pipeline.
      return lake.appendEncoded(req.messages, req.checkpoints);
    case 'checkpoint':
      return lake.checkpoint(req.consumer, req.topic, req.partition);
    case 'search':
      return lake.search(req.tenantId, req.query);
    case 'aggregate':
      return lake.aggregate(req.tenantId, req.query);
    case 'close':
      return lake.close();
  }
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('duckdb-worker-main must run as a worker thread');
  const reply = (r: LakeReply): void => port.postMessage(r);
  let lake: DuckDbLake;
  try {
    lake = await DuckDbLake.open(workerData as DuckDbEventStoreOptions);
  } catch (err) {
    reply({ id: 0, ok: false, error: toWire(err) });
    return;
  }
  port.on('message', (req: LakeRequest) => {
    let run: Promise<unknown>;
    try {
      run = serve(lake, req);
    } catch (err) {
      run = Promise.reject(err);
    }
    run.then(
      (value) => {
        reply({ id: req.id, ok: true, value });
        if (req.op === 'close') port.close();
      },
      (err: unknown) => reply({ id: req.id, ok: false, error: toWire(err) }),
    );
  });
  reply({ id: 0, ok: true, value: 'ready' });
}

void main();
