import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { SocError } from '@soc/errors';
import { DbErrorCodes } from '../../errors';
import type { WorkerError, WorkerQueryResult, WorkerReply, WorkerRequest } from './protocol';
import { PGLITE_WORKER_SOURCE } from './worker-source';

type Parser = (value: string, typeId?: number) => unknown;

/** The query options drizzle's pglite driver passes. */
export interface PgliteQueryOptions {
  readonly rowMode?: 'object' | 'array';
  readonly parsers?: Readonly<Record<number, Parser>>;
}

/** The transaction handle drizzle's pglite driver receives. */
export interface PgliteWorkerTransaction {
  query(text: string, params?: readonly unknown[], options?: PgliteQueryOptions): Promise<WorkerQueryResult>;
  exec(text: string): Promise<void>;
  readonly closed: boolean;
}

/** A compiled `WebAssembly.Module` (the workspace's TS lib has no WebAssembly typings). */
type WasmModule = object;
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }).WebAssembly;

let compiled: Promise<{ pgliteWasmModule: WasmModule; initdbWasmModule: WasmModule }> | undefined;

/**
 * Compile PGlite's WebAssembly once per process and hand the modules to each worker: V8
 * shares compiled code across threads, so reopening a store skips compilation and warm-up.
 */
function compiledModules(pglitePath: string): NonNullable<typeof compiled> {
  compiled ??= (async () => {
    const dir = path.dirname(pglitePath);
    const [pglite, initdb] = await Promise.all([
      readFile(path.join(dir, 'pglite.wasm')).then((b) => wasm.compile(b)),
      readFile(path.join(dir, 'initdb.wasm')).then((b) => wasm.compile(b)),
    ]);
    return { pgliteWasmModule: pglite, initdbWasmModule: initdb };
  })();
  compiled.catch(() => {
    compiled = undefined;
  });
  return compiled;
}

function toError(e: WorkerError): Error {
  // Shaped like PGlite's DatabaseError: SQLSTATE on `code`, the other fields alongside.
  return Object.assign(new Error(e.message), e.fields);
}

/** Parsers cannot cross threads; drizzle's only ask to keep a type's text as is, which the worker does by OID. */
function rawOids(parsers: Readonly<Record<number, Parser>> | undefined): number[] {
  if (!parsers) return [];
  return Object.entries(parsers).map(([oid, parse]) => {
    if (parse('2026-01-01 00:00:00+00') !== '2026-01-01 00:00:00+00') {
      throw new Error(`only pass-through parsers can run in the PGlite worker (type ${oid})`);
    }
    return Number(oid);
  });
}

/**
 * A PGlite instance in a worker thread, with the subset of PGlite's client API drizzle uses.
 * Why a worker: PGlite executes Postgres in WebAssembly on the calling thread, so a heavy
 * query would stall every request on the event loop; in a worker it does not. (It also lets
 * PGlite's loader use dynamic `import()`, which jest's module sandbox refuses.)
 * PGlite is one session, so statements are serialized here: a transaction holds the session
 * from BEGIN to COMMIT and other callers queue behind it.
 */
export class PgliteWorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WorkerQueryResult | null) => void; reject: (e: Error) => void }>();
  private queue: Promise<unknown> = Promise.resolve();
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`PGlite worker exited with code ${code}`)));
  }

  /** Start the worker and open (or initialise) the data directory. */
  static async start(pglitePath: string, dataDir: string): Promise<PgliteWorkerClient> {
    const modules = await compiledModules(pglitePath);
    const worker = new Worker(PGLITE_WORKER_SOURCE, { eval: true, workerData: { pglitePath, dataDir, ...modules } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (reply: WorkerReply): void => {
        worker.off('error', reject);
        if ('initError' in reply) {
          void worker.terminate();
          reject(toError(reply.initError));
        } else resolve();
      };
      worker.once('message', onMessage);
      worker.once('error', reject);
    });
    return new PgliteWorkerClient(worker);
  }

  query(text: string, params?: readonly unknown[], options?: PgliteQueryOptions): Promise<WorkerQueryResult> {
    return this.exclusive(() => this.rawQuery(text, params, options));
  }

  exec(text: string): Promise<void> {
    return this.exclusive(async () => {
      await this.send({ id: 0, op: 'exec', text });
    });
  }

  /** Run `fn` between BEGIN and COMMIT (ROLLBACK if it throws), holding the session throughout. */
  transaction<T>(fn: (tx: PgliteWorkerTransaction) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.send({ id: 0, op: 'exec', text: 'BEGIN' });
      const tx = {
        closed: false,
        query: (text: string, params?: readonly unknown[], options?: PgliteQueryOptions) =>
          this.rawQuery(text, params, options),
        exec: async (text: string) => {
          await this.send({ id: 0, op: 'exec', text });
        },
      };
      try {
        const result = await fn(tx);
        await this.send({ id: 0, op: 'exec', text: 'COMMIT' });
        return result;
      } catch (err) {
        await this.send({ id: 0, op: 'exec', text: 'ROLLBACK' }).catch(() => undefined);
        throw err;
      } finally {
        tx.closed = true;
      }
    });
  }

  /** Close PGlite (flushing to disk) and stop the worker. */
  async close(): Promise<void> {
    await this.exclusive(async () => {
      await this.send({ id: 0, op: 'close' });
    });
    this.failure = new SocError(DbErrorCodes.CLOSED, 'the state database is closed', { httpStatus: 503 });
    await this.worker.terminate();
  }

  private async rawQuery(text: string, params?: readonly unknown[], options?: PgliteQueryOptions): Promise<WorkerQueryResult> {
    const result = await this.send({
      id: 0,
      op: 'query',
      text,
      params: params ? [...params] : [],
      rowMode: options?.rowMode ?? 'object',
      rawOids: rawOids(options?.parsers),
    });
    return result as WorkerQueryResult;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private send(req: WorkerRequest): Promise<WorkerQueryResult | null> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id });
    });
  }

  private onReply(reply: WorkerReply): void {
    if (!('ok' in reply)) return;
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(toError(reply.error));
  }

  private fail(err: Error): void {
    this.failure ??= new SocError(DbErrorCodes.WORKER_FAILED, `PGlite worker failed: ${err.message}`, {
      httpStatus: 503,
      cause: err,
    });
    for (const waiter of this.pending.values()) waiter.reject(this.failure);
    this.pending.clear();
  }
}
