import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SOURCE_NAMES, TEXT_SOURCES, type SourceName, isSourceName } from '@soc/contracts';
import { lineBatches } from './batches';
import type { IngestClient } from './ingest-client';

export interface ReplayStats {
  files: number;
  batches: number;
  accepted: number;
  rejected: number;
  seconds: number;
}

export interface ReplayOptions {
  client: IngestClient;
  files: readonly string[];
  /** Source for every file; when absent it is taken from the file name (`okta.ndjson`, `auditd.log`). */
  source?: SourceName;
  batchLines: number;
  concurrency: number;
  onRejected?: (file: string, line: number, code: string, reason: string) => void;
}

/** The source a file name implies (`aws-cloudtrail.ndjson`, `zeek.log.gz`), if any. */
export function sourceFromFileName(file: string): SourceName | undefined {
  const stem = basename(file).replace(/\.gz$/, '').replace(/\.(ndjson|jsonl|json|log|txt)$/, '');
  return isSourceName(stem) ? stem : SOURCE_NAMES.find((s) => stem.startsWith(`${s}-`) || stem.startsWith(`${s}.`));
}

function contentTypeFor(file: string, source: SourceName): 'application/json' | 'application/x-ndjson' | 'text/plain' {
  const name = file.replace(/\.gz$/, '');
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.log') || name.endsWith('.txt')) return TEXT_SOURCES.has(source) ? 'text/plain' : 'application/x-ndjson';
  return 'application/x-ndjson';
}

/** Replays files into the ingest API with bounded concurrency; resolves with totals. */
export async function replayFiles(opts: ReplayOptions): Promise<ReplayStats> {
  const started = process.hrtime.bigint();
  const stats: ReplayStats = { files: 0, batches: 0, accepted: 0, rejected: 0, seconds: 0 };
  const inFlight = new Set<Promise<void>>();
  const submit = async (source: SourceName, file: string, body: string, contentType: string, seed: string, firstLine: number): Promise<void> => {
    while (inFlight.size >= opts.concurrency) await Promise.race(inFlight);
    const p = opts.client.send(source, body, contentType, seed).then((r) => {
      stats.batches++;
      stats.accepted += r.accepted;
      stats.rejected += r.rejected;
      for (const e of r.errors) opts.onRejected?.(file, firstLine + e.line - 1, e.code, e.reason);
    });
    const tracked = p.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  for (const file of opts.files) {
    const source = opts.source ?? sourceFromFileName(file);
    if (!source) throw new Error(`cannot tell the source of ${file}: pass --source (one of ${SOURCE_NAMES.join(', ')})`);
    await stat(file);
    stats.files++;
    const contentType = contentTypeFor(file, source);
    if (contentType === 'application/json') {
      // A JSON document (array, Records file, concatenated objects) is posted whole; the server splits it.
      const raw = await readFile(file);
      await submit(source, file, (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'), contentType, `${file}:0`, 1);
      continue;
    }
    for await (const b of lineBatches(file, opts.batchLines, source === 'auditd')) {
      await submit(source, file, b.body, contentType, `${file}:${b.firstLine}`, b.firstLine);
    }
  }
  await Promise.all(inFlight);
  stats.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return stats;
}
