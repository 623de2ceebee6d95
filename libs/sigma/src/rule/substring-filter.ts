/**
 * "May this text hold one of these substrings?" for keyword search, where every string of
 * every event is searched: a Wu-Manber scan over ASCII-folded text, which looks at one pair of
 * characters per step and skips up to (shortest substring - 1) characters at a time, so most
 * texts are dismissed without being lowercased or read whole. It answers for the lowercased
 * text of an ASCII string; a string with other characters must be lowercased and searched
 * (their lowercase can be ASCII, or change length).
 */

const BLOCK = 2;
const MAX_WINDOW = 64;

function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function blockAt(s: string, end: number): number {
  return (fold(s.charCodeAt(end - 1)) << 7) | fold(s.charCodeAt(end));
}

function foldedStartsWith(s: string, at: number, lit: string): boolean {
  if (at + lit.length > s.length) return false;
  for (let k = 0; k < lit.length; k++) if (fold(s.charCodeAt(at + k)) !== lit.charCodeAt(k)) return false;
  return true;
}

/** A Wu-Manber prefilter over lowercased ASCII substrings of at least BLOCK characters. */
export class SubstringFilter {
  private readonly window: number;
  private readonly shift: Uint8Array;
  private readonly ends = new Map<number, string[]>();

  /** `needles`: lowercased; non-ASCII ones are left out (only a non-ASCII text can hold them). */
  constructor(needles: readonly string[]) {
    const ascii = needles.filter((n) => !/[\u0080-\uffff]/.test(n));
    this.window = Math.min(MAX_WINDOW, ...ascii.map((n) => n.length));
    const m = this.window;
    this.shift = new Uint8Array(1 << 14).fill(Math.max(0, m - BLOCK + 1));
    for (const n of ascii) {
      for (let j = BLOCK - 1; j < m; j++) {
        const b = blockAt(n, j);
        this.shift[b] = Math.min(this.shift[b] as number, m - 1 - j);
      }
      const last = blockAt(n, m - 1);
      const list = this.ends.get(last);
      if (list) list.push(n);
      else this.ends.set(last, [n]);
    }
  }

  /** True when the filter applies: every needle has at least BLOCK characters. */
  static usable(needles: readonly string[]): boolean {
    return needles.length > 0 && needles.every((n) => n.length >= BLOCK);
  }

  /** False only when the lowercased ASCII text `s` holds none of the needles. */
  mayHold(s: string): boolean {
    const m = this.window;
    const shift = this.shift;
    for (let pos = m - 1; pos < s.length; ) {
      const b = blockAt(s, pos);
      const sh = shift[b] as number;
      if (sh > 0) {
        pos += sh;
        continue;
      }
      const list = this.ends.get(b);
      if (list) for (let i = 0; i < list.length; i++) if (foldedStartsWith(s, pos - m + 1, list[i] as string)) return true;
      pos++;
    }
    return false;
  }
}
