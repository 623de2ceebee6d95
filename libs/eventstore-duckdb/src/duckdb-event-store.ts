import type { AggregateQuery, AggregateResult, Checkpoint, EncodedAppendResult, EventStore, LakeMessage, SearchQuery, SearchResult, StoredEvent } from '@soc/eventstore';
import { DuckDbLake } from './duckdb-lake';
import type { DuckDbEventStoreOptions } from './duckdb-options';
import { LakeWorkerClient } from './duckdb-worker-client';

/**
 * The embedded event lake on DuckDB (see README). By default DuckDB and the per-event
 * indexing run on a worker thread, so the calling thread pays one `JSON.stringify` per event
 * for `append` and nothing per message for `appendEncoded`;
 * `offThread: false` runs everything on the calling thread. Both pass the same contract.
 * Durability: a commit is in DuckDB's WAL before `append` resolves, so it survives SIGKILL.
 */
export class DuckDbEventStore implements EventStore {
  private constructor(private readonly impl: EventStore) {}

  /** Opens (creating if needed) the store at `path`. */
  static async open(opts: DuckDbEventStoreOptions): Promise<DuckDbEventStore> {
    const impl = opts.offThread === false ? await DuckDbLake.open(opts) : await LakeWorkerClient.start(opts);
    return new DuckDbEventStore(impl);
  }

  append(events: readonly StoredEvent[], checkpoints: readonly Checkpoint[] = []): Promise<void> {
    return this.impl.append(events, checkpoints);
  }

  appendEncoded(messages: readonly LakeMessage[], checkpoints: readonly Checkpoint[] = []): Promise<EncodedAppendResult> {
    return this.impl.appendEncoded(messages, checkpoints);
  }

  checkpoint(consumer: string, topic: string, partition: number): Promise<number | undefined> {
    return this.impl.checkpoint(consumer, topic, partition);
  }

  search(tenantId: string, query: SearchQuery): Promise<SearchResult> {
    return this.impl.search(tenantId, query);
  }

  aggregate(tenantId: string, query: AggregateQuery): Promise<AggregateResult> {
    return this.impl.aggregate(tenantId, query);
  }

  close(): Promise<void> {
    return this.impl.close();
  }
}
