import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  assertStoredEvents,
  storeClosed,
  type AggregateQuery,
  type AggregateResult,
  type Checkpoint,
  type EncodedAppendResult,
  type EventStore,
  LakeIndexer,
  type LakeMessage,
  rowOf,
  type SearchQuery,
  type SearchResult,
  type StoredEvent,
} from '@soc/eventstore';
import type { DuckDbEventStoreOptions } from './duckdb-options';
import { fromWire, type LakeReply, type LakeRequest } from './duckdb-wire';

/**
 * Every parsed event dies young, and thousands are alive per batch: a 64 MB young generation
 * (V8's default is a few MB) stops the scavenger promoting them, which measured about +8% lake
 * throughput (npm run bench:stages, medians of 3 and 4 runs).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 64 };

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type RequestBody = LakeRequest extends infer R ? (R extends LakeRequest ? Omit<R, 'id'> : never) : never;

/**
 * Starts the worker on the entry file. Sources run as TypeScript through tsx (`npm start`,
 * the image, jest), and a worker does not reliably inherit the parent's loader hooks (the tsx
 * CLI passes them outside execArgv; Node's worker loads its entry through the ESM loader), so
 * a `.ts` entry is required from a small CommonJS bootstrap after registering tsx's hook.
 */
function spawnWorker(workerData: unknown): Worker {
  const ts = __filename.endsWith('.ts');
  const entry = join(__dirname, `duckdb-worker-main${ts ? '.ts' : '.js'}`);
  if (!ts) return new Worker(entry, { workerData, resourceLimits: WORKER_LIMITS });
  const boot = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`;
  return new Worker(boot, { eval: true, workerData, resourceLimits: WORKER_LIMITS });
}

/** The event store as a client of the lake worker (duckdb-worker-main.ts). */
export class LakeWorkerClient implements EventStore {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private failure: Error | undefined;
  private readonly indexer = new LakeIndexer();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (r: LakeReply) => this.settle(r));
    worker.on('error', (err: Error) => this.fail(err));
    worker.on('exit', () => this.fail(storeClosed()));
  }

  /** Starts the worker and resolves once it has opened the store (or rejects with why it could not). */
  static start(opts: DuckDbEventStoreOptions): Promise<LakeWorkerClient> {
    const { offThread: _offThread, ...data } = opts;
    const worker = spawnWorker(data);
    const client = new LakeWorkerClient(worker);
    client.track(0);
    return new Promise((resolve, reject) => {
      client.pending.set(0, {
        resolve: () => resolve(client),
        reject: (err) => {
          void worker.terminate();
          reject(err);
        },
      });
    });
  }

  async append(events: readonly StoredEvent[], checkpoints: readonly Checkpoint[] = []): Promise<void> {
    this.assertOpen();
    assertStoredEvents(events, checkpoints);
    // The object stays here: the worker needs only the JSON, and cloning it would cost more.
    const rows = events.map((e) => {
      const { object: _object, ...row } = rowOf(e, this.indexer);
      return row;
    });
    await this.call({ op: 'append', rows, checkpoints });
  }

  async appendEncoded(messages: readonly LakeMessage[], checkpoints: readonly Checkpoint[] = []): Promise<EncodedAppendResult> {
    this.assertOpen();
    return (await this.call({ op: 'appendEncoded', messages, checkpoints })) as EncodedAppendResult;
  }

  async checkpoint(consumer: string, topic: string, partition: number): Promise<number | undefined> {
    this.assertOpen();
    return (await this.call({ op: 'checkpoint', consumer, topic, partition })) as number | undefined;
  }

  async search(tenantId: string, query: SearchQuery): Promise<SearchResult> {
    this.assertOpen();
    return (await this.call({ op: 'search', tenantId, query })) as SearchResult;
  }

  async aggregate(tenantId: string, query: AggregateQuery): Promise<AggregateResult> {
    this.assertOpen();
    return (await this.call({ op: 'aggregate', tenantId, query })) as AggregateResult;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (!this.failure) await this.call({ op: 'close' });
    } finally {
      await this.worker.terminate();
    }
  }

  private call(body: RequestBody): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const reply = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.track(id);
    this.worker.postMessage({ ...body, id });
    return reply;
  }

  /**
   * The worker keeps the process alive only while a request is in flight, like a socket with a
   * pending reply: an idle open store does not hold the process open, an awaited append does.
   */
  private track(id: number): void {
    if (id === 0 || this.pending.size === 1) this.worker.ref();
  }

  private settle(r: LakeReply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    if (this.pending.size === 0) this.worker.unref();
    if (r.ok) p.resolve(r.value);
    else p.reject(fromWire(r.error));
  }

  /** The worker died: every request in flight and every later one fails with the reason. */
  private fail(err: Error): void {
    this.failure ??= err;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
    this.worker.unref();
  }

  private assertOpen(): void {
    if (this.closed) throw storeClosed();
  }
}
