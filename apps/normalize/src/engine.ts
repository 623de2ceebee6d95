import { Worker } from 'node:worker_threads';
import { type BatchResult, type NormalizeFunctions, type RawItem, createBatchNormalizer } from './normalize-batch';

/**
 * Raw records and mapped events die young, thousands per batch: a 64 MB young generation (V8's
 * default is a few MB) keeps the scavenger from promoting them, which measured about +20%
 * normalize throughput (npm run bench:stages, medians of 3 and 7 runs).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 64 };

/** Where batches are normalized: on the calling thread or in a pool of worker threads. */
export interface NormalizeEngine {
  process(items: readonly RawItem[]): Promise<BatchResult>;
  close(): Promise<void>;
}

/** Normalizes on the calling thread (tests, and deployments that scale by process instead). */
export function inlineEngine(fns: NormalizeFunctions): NormalizeEngine {
  const normalize = createBatchNormalizer(fns);
  return { process: async (items) => normalize(items), close: async () => undefined };
}

interface Pending {
  resolve: (r: BatchResult) => void;
  reject: (e: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  busy: number;
  pending: Map<number, Pending>;
}

// In development the worker entry is TypeScript: register tsx in the thread before loading it.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.entry.endsWith('.ts')) require(workerData.tsx).register();
require(workerData.entry);`;

/**
 * Normalizes in `size` worker threads, each batch going to the least busy one. A batch's
 * promise settles when its worker answers; a worker that dies fails its batches (the bus
 * redelivers them) and is replaced.
 */
export class WorkerPoolEngine implements NormalizeEngine {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly size: number) {
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  process(items: readonly RawItem[]): Promise<BatchResult> {
    if (this.closed) return Promise.reject(new Error('normalize worker pool is closed'));
    const w = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    w.busy++;
    return new Promise<BatchResult>((resolve, reject) => {
      w.pending.set(id, { resolve, reject });
      w.worker.postMessage({ id, items });
    }).finally(() => w.busy--);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private spawn(): PoolWorker {
    const entry = require.resolve('./normalize-worker');
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { entry, tsx: require.resolve('tsx/cjs/api') }, resourceLimits: WORKER_LIMITS });
    const pw: PoolWorker = { worker, busy: 0, pending: new Map() };
    worker.on('message', (msg: { id: number; result?: BatchResult; error?: string }) => {
      const p = pw.pending.get(msg.id);
      pw.pending.delete(msg.id);
      if (msg.result) p?.resolve(msg.result);
      else p?.reject(new Error(`normalize worker failed: ${msg.error ?? 'no result'}`));
    });
    worker.on('error', (err) => this.fail(pw, err));
    worker.on('exit', (code) => {
      if (this.closed) return;
      this.fail(pw, new Error(`normalize worker exited with code ${code}`));
      const i = this.workers.indexOf(pw);
      if (i >= 0) this.workers[i] = this.spawn();
    });
    return pw;
  }

  private fail(pw: PoolWorker, err: Error): void {
    for (const p of pw.pending.values()) p.reject(err);
    pw.pending.clear();
  }
}
