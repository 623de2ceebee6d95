import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { type SourceName, TEXT_SOURCES } from '@soc/contracts';
import { payloadTooLarge, unsupportedMediaType, validation } from '@soc/errors';
import type { ContentKind } from '@soc/sources';

const gunzipAsync = promisify(gunzip);

/** Media types ingest reads, by what they mean for record splitting. */
export const MEDIA_TYPES: Readonly<Record<string, ContentKind>> = {
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/x-jsonlines': 'ndjson',
  'text/plain': 'text',
};

/** Which record layout a request body has, from its Content-Type and the source. */
export function contentKindOf(source: SourceName, contentTypeHeader: string | undefined): ContentKind {
  const mediaType = (contentTypeHeader ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const kind = MEDIA_TYPES[mediaType];
  if (!kind) {
    throw unsupportedMediaType(`Content-Type '${mediaType || '(none)'}' is not accepted; use application/json, application/x-ndjson${TEXT_SOURCES.has(source) ? ' or text/plain' : ''}`);
  }
  if (kind === 'text' && !TEXT_SOURCES.has(source)) {
    throw unsupportedMediaType(`source '${source}' takes JSON records; text/plain is only for ${[...TEXT_SOURCES].join(', ')}`);
  }
  return kind;
}

/**
 * Undoes Content-Encoding. The decompressed size is capped separately from the wire size so
 * a small gzip bomb cannot expand into gigabytes in memory.
 */
export async function decodeBody(raw: Buffer, encodingHeader: string | undefined, maxDecodedBytes: number): Promise<Buffer> {
  const encoding = (encodingHeader ?? 'identity').trim().toLowerCase();
  if (raw.length === 0) throw validation('request body is empty');
  if (encoding === 'identity') return raw;
  if (encoding !== 'gzip' && encoding !== 'x-gzip') throw unsupportedMediaType(`Content-Encoding '${encoding}' is not supported; use gzip or none`);
  try {
    return await gunzipAsync(raw, { maxOutputLength: maxDecodedBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw payloadTooLarge(`decompressed body exceeds ${maxDecodedBytes} bytes`);
    }
    throw validation('body is not valid gzip');
  }
}
