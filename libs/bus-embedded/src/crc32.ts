import * as zlib from 'node:zlib';

let table: Uint32Array | undefined;

function tableCrc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = (table[(crc ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// zlib.crc32 (native, Node >= 20.15) is an order of magnitude faster; the table version keeps
// older runtimes working with the same on-disk checksums (both are CRC-32/ISO-HDLC).
const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** CRC-32 (IEEE) of `data`, as stored in each record frame. */
export const crc32: (data: Uint8Array) => number = native ? (d) => native(d) >>> 0 : tableCrc32;

/** The portable implementation, exported so a test can check it matches the native one. */
export const crc32Portable = tableCrc32;
