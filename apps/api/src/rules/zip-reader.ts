import { crc32, inflateRawSync } from 'node:zlib';
import { zipInvalid, zipLimit } from './zip-errors';

/** Limits that keep a hostile archive from exhausting memory. */
export interface ZipLimits {
  /** Most central-directory entries (directories included). */
  readonly maxEntries: number;
  /** Most bytes all selected entries may inflate to, together. */
  readonly maxTotalBytes: number;
  /** Most bytes one entry may inflate to. */
  readonly maxEntryBytes: number;
  /** Highest uncompressed/compressed ratio of one entry; text rarely passes 20, bombs reach 1000+. */
  readonly maxRatio: number;
}

/** Defaults sized for a SigmaHQ checkout (about 3,500 rule files, 20 MiB of YAML). */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 20_000, maxTotalBytes: 128 * 1024 * 1024, maxEntryBytes: 1024 * 1024, maxRatio: 200 };

/** One extracted file. */
export interface ZipEntry {
  readonly path: string;
  readonly data: Buffer;
}

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;

interface CentralEntry {
  readonly path: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - EOCD_MIN - MAX_COMMENT);
  for (let i = buf.length - EOCD_MIN; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG && i + EOCD_MIN + buf.readUInt16LE(i + 20) === buf.length) return i;
  }
  throw zipInvalid('no-end-record', 'not a ZIP archive: no end of central directory record');
}

function readCentralDirectory(buf: Buffer, limits: ZipLimits): CentralEntry[] {
  const eocd = findEocd(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw zipInvalid('zip64', 'ZIP64 archives are not supported');
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 8) !== count) throw zipInvalid('multi-disk', 'split archives are not supported');
  if (count > limits.maxEntries) throw zipLimit('entries', limits.maxEntries, `the archive has ${count} entries; at most ${limits.maxEntries} are accepted`);
  if (cdOffset + cdSize > eocd) throw zipInvalid('bad-central-directory', 'central directory lies outside the archive');
  const out: CentralEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CDH_SIG) throw zipInvalid('bad-central-directory', `central directory entry ${i} is corrupt`);
    const nameLen = buf.readUInt16LE(p + 28);
    const end = p + 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (end > eocd) throw zipInvalid('bad-central-directory', `central directory entry ${i} is truncated`);
    out.push({
      path: buf.toString('utf8', p + 46, p + 46 + nameLen),
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      crc: buf.readUInt32LE(p + 16),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    });
    p = end;
  }
  return out;
}

function entryData(buf: Buffer, e: CentralEntry, limits: ZipLimits): Buffer {
  if (e.flags & 0x1) throw zipInvalid('encrypted', 'encrypted entries are not supported', e.path);
  if (e.size > limits.maxEntryBytes) throw zipLimit('entry-size', limits.maxEntryBytes, `an entry inflates to ${e.size} bytes`, e.path);
  if (e.size > Math.max(1024, e.compressedSize * limits.maxRatio)) {
    throw zipLimit('ratio', limits.maxRatio, 'an entry compresses suspiciously well (zip bomb?)', e.path);
  }
  const h = e.localOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== LFH_SIG) throw zipInvalid('bad-local-header', 'local file header is missing', e.path);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const raw = buf.subarray(start, start + e.compressedSize);
  if (raw.length !== e.compressedSize) throw zipInvalid('truncated', 'entry data is truncated', e.path);
  let data: Buffer;
  if (e.method === 0) data = raw;
  else if (e.method === 8) {
    try {
      // The declared size bounds the output: a lying header cannot inflate past it.
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
    } catch {
      throw zipInvalid('bad-deflate', 'entry does not inflate to its declared size', e.path);
    }
  } else throw zipInvalid('unsupported-method', `compression method ${e.method} is not supported (stored and deflate are)`, e.path);
  if (data.length !== e.size) throw zipInvalid('size-mismatch', 'entry size differs from its header', e.path);
  if (crc32(data) >>> 0 !== e.crc >>> 0) throw zipInvalid('bad-crc', 'entry fails its CRC-32 check', e.path);
  return data;
}

/**
 * Extract the entries `select` accepts from an in-memory ZIP (stored or deflate entries only).
 * Sizes are checked from the central directory before anything is inflated, then again against
 * the inflated output, so neither a lying header nor a bomb gets past the limits.
 */
export function readZip(buf: Buffer, select: (path: string) => boolean, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const entries = readCentralDirectory(buf, limits).filter((e) => !e.path.endsWith('/') && select(e.path));
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > limits.maxTotalBytes) throw zipLimit('total-size', limits.maxTotalBytes, `the selected entries inflate to more than ${limits.maxTotalBytes} bytes`);
  }
  return entries.map((e) => ({ path: e.path, data: entryData(buf, e, limits) }));
}
