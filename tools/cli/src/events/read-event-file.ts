/**
 * Reads one event file as a stream: gzip is recognised by its magic bytes (not the name), text
 * is decoded as UTF-8 across chunk boundaries, and the layout (NDJSON, JSON array, objects one
 * after another) is sniffed from the first line. Events reach the sink synchronously per chunk.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { unreadablePath } from '../errors';
import { FormatSniffer, type TextLayout } from './format-sniffer';
import { RecordDecoder } from './record-decoder';
import type { EventSink } from './types';

const CHUNK_BYTES = 1024 * 1024;

/** What reading one file found out about it. */
export interface FileReadInfo {
  readonly gzip: boolean;
  /** Undefined for an empty file. */
  readonly layout: TextLayout | undefined;
}

async function isGzip(fh: FileHandle): Promise<boolean> {
  const head = Buffer.alloc(2);
  const { bytesRead } = await fh.read(head, 0, 2, 0);
  return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

function isZlibError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

async function openText(file: string): Promise<{ stream: Readable; gzip: boolean }> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    throw unreadablePath(file, e);
  }
  let gzip: boolean;
  try {
    gzip = await isGzip(fh);
  } catch (e) {
    await fh.close();
    throw unreadablePath(file, e);
  }
  const raw = fh.createReadStream({ start: 0, highWaterMark: CHUNK_BYTES });
  if (!gzip) {
    raw.setEncoding('utf8');
    return { stream: raw, gzip };
  }
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  // Errors of either stream surface on the gunzip stream, which the caller iterates.
  const out = pipeline(raw, gunzip, () => undefined);
  out.setEncoding('utf8');
  return { stream: out, gzip };
}

/**
 * Reads every event of `file` into `sink`. Malformed records (and a corrupt or truncated gzip
 * stream, after the events before it) are reported to the sink; reading goes on. A file that
 * is not JSON at all is reported once as skipped, and not read to its end.
 *
 * @throws HuntError kind `unreadable-path` when the file cannot be opened or read.
 */
export async function readEventFile(file: string, sink: EventSink): Promise<FileReadInfo> {
  const { stream, gzip } = await openText(file);
  const sniffer = new FormatSniffer(new RecordDecoder(file, sink));
  try {
    for await (const chunk of stream) {
      sniffer.push(chunk as string);
      if (sniffer.layout === 'not-json') break;
    }
  } catch (e) {
    if (!isZlibError(e)) throw unreadablePath(file, e);
    sniffer.abort();
    sink.malformed(file, sniffer.line, `gzip stream is corrupt or truncated (${(e as { code: string }).code}); the rest of the file is skipped`);
    return { gzip, layout: sniffer.layout };
  }
  sniffer.end();
  if (sniffer.layout === 'not-json') sink.skipped(file, `not JSON (first line: ${JSON.stringify(sniffer.firstLine ?? '')})`);
  return { gzip, layout: sniffer.layout };
}
