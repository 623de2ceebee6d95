/**
 * Transformation modifiers that turn one plain value into other values: the UTF-16 family,
 * base64, base64offset and windash (modifiers appendix). They run once, at compile time.
 */
import type { ModifierName } from './model';

/** UTF-16 encodings of the appendix; `wide` is `utf16le`, `utf16` is little-endian with a BOM. */
export function utf16Bytes(text: string, mod: ModifierName): Buffer {
  const le = Buffer.from(text, 'utf16le');
  if (mod === 'utf16le' || mod === 'wide') return le;
  if (mod === 'utf16') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  // utf16be: swap each pair of the little-endian encoding.
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0;
    be[i + 1] = le[i] ?? 0;
  }
  return be;
}

/** Bytes as a string of code points 0-255, the form an encoded value is matched in. */
export function bytesAsText(bytes: Buffer): string {
  return bytes.toString('latin1');
}

/** `base64`: the standard, padded encoding of the bytes. */
export function base64(bytes: Buffer): string {
  return bytes.toString('base64');
}

const OFFSET_START = [0, 2, 3] as const;
const OFFSET_END = [0, -3, -2] as const;

/**
 * `base64offset`: the three encodings of the value as it would appear at byte offsets 0, 1
 * and 2 of a longer encoded text, keeping only the characters that do not depend on the
 * surrounding bytes (the same slices as the reference implementation). Empty slices (a value
 * too short to leave a stable part) are dropped, since they would match any text.
 */
export function base64Offsets(bytes: Buffer): string[] {
  const out: string[] = [];
  if (bytes.length === 0) return out;
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift, 0x20), bytes]).toString('base64');
    const start = OFFSET_START[shift] ?? 0;
    const end = OFFSET_END[(bytes.length + shift) % 3] ?? 0;
    const slice = end === 0 ? encoded.slice(start) : encoded.slice(start, end);
    if (slice !== '') out.push(slice);
  }
  return out;
}

/** The dashes `windash` interchanges: hyphen-minus, slash, en dash, em dash, horizontal bar. */
export const WINDASH_CHARS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;
/** A dash or slash that starts a command-line flag: not after a word character, before one. */
const FLAG_DASH = /\B[-/]\b/g;

/**
 * `windash`: every combination of the five dash characters at each position where a flag
 * starts (`-x` / `/x`); a dash inside a word (`param-name`) is left alone.
 */
export function windashVariants(value: string): string[] {
  const positions: number[] = [];
  for (const m of value.matchAll(FLAG_DASH)) positions.push(m.index);
  let variants = [''];
  let from = 0;
  for (const pos of positions) {
    const chunk = value.slice(from, pos);
    const next: string[] = [];
    for (const v of variants) for (const d of WINDASH_CHARS) next.push(v + chunk + d);
    variants = next;
    from = pos + 1;
  }
  const tail = value.slice(from);
  return variants.map((v) => v + tail);
}
