/**
 * Every literal the rules test on one field (lowercased), so that one pass over the field's
 * lowercased text finds exactly the literals it passes: equalities in a hash map; suffixes
 * that end a path (`\certutil.exe`) by the text's last path segment; other prefixes and
 * suffixes by their first or last 3 characters; substrings by one 4-character gram of theirs
 * (shorter ones by their first character), the text's grams rolled over once with a bitset
 * skipping most lookups. Every candidate literal is verified before its items are reported,
 * so an item is reported only when one of its literals really holds.
 */
import type { IndexLiteral } from './item-compile';
import { SubstringFilter } from './substring-filter';

// A char-class scan in the regex engine is the fastest way to tell an ASCII string.
const NON_ASCII = /[\u0080-\uffff]/;
// Globals read once: inside jest's vm context every global lookup goes through the sandbox (~10x slower).
const imul = Math.imul;

/** Receives the items of every literal that holds. */
export interface LiteralSink<T> {
  hit(items: readonly T[]): void;
}

/** A literal and the items filed under it; `offset` is where its gram sits (substrings). */
interface Group<T> {
  readonly text: string;
  readonly offset: number;
  readonly items: T[];
}

const GRAM = 4;
const GRAM_MASK = 0xfffffff;
const BITS_SHIFT = 14; // 2^18 bits in the prefilter
const AFFIX_KEY = 3;

/** Key of the 4 characters from `start` (7 bits each; other characters fold, which only adds lookups). */
function gramAt(s: string, start: number): number {
  let k = 0;
  for (let i = start; i < start + GRAM; i++) k = ((k << 7) | (s.charCodeAt(i) & 127)) & GRAM_MASK;
  return k;
}

function gramBit(k: number): number {
  return imul(k, 0x9e3779b1) >>> BITS_SHIFT;
}

function fileGroup<K, T>(map: Map<K, Group<T>[]>, key: K, text: string, offset: number, item: T): void {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  let g = list.find((x) => x.text === text && x.offset === offset);
  if (!g) {
    g = { text, offset, items: [] };
    list.push(g);
  }
  if (!g.items.includes(item)) g.items.push(item);
}

/** Position after the last path separator of a literal, or -1 when it has none. */
function segmentStart(text: string, sep: string): number {
  const i = text.lastIndexOf(sep);
  return i < 0 ? -1 : i + 1;
}

/** The literals of one field and their items. Build with `add`, then `seal`, then `probe`. */
export class LiteralIndex<T> {
  private readonly equals = new Map<string, T[]>();
  /** Suffixes ending a `\` path, by their last segment; likewise `/`. */
  private readonly backslashSegments = new Map<string, Group<T>[]>();
  private readonly slashSegments = new Map<string, Group<T>[]>();
  /** Other suffixes and prefixes: by their last/first 3 characters, shorter ones whole. */
  private readonly suffixes = new Map<string, Group<T>[]>();
  private readonly prefixes = new Map<string, Group<T>[]>();
  private readonly shortSuffixes = new Map<string, T[]>();
  private readonly shortPrefixes = new Map<string, T[]>();
  private readonly grams = new Map<number, Group<T>[]>();
  private readonly bits = new Uint32Array(1 << (32 - BITS_SHIFT - 5));
  private readonly byChar = new Map<number, Group<T>[]>();
  private readonly charMarks = new Uint8Array(65536);
  private readonly pending: { text: string; item: T }[] = [];
  private hasAffix = false;
  /** Skip-scan prefilter for `probeRaw`, when the index holds substrings only. */
  private filter: SubstringFilter | undefined;
  /** Length of the shortest literal: a shorter text passes none (only `equals` of '' could, and '' is never filed). */
  minLength = Infinity;

  /** Files `item` under a literal test (text lowercased, not empty). */
  add(lit: IndexLiteral, item: T): void {
    const text = lit.text;
    this.minLength = Math.min(this.minLength, text.length);
    if (lit.kind === 'equals') {
      const list = this.equals.get(text);
      if (!list) this.equals.set(text, [item]);
      else if (!list.includes(item)) list.push(item);
    } else if (lit.kind === 'endswith') {
      this.addSuffix(text, item);
    } else if (lit.kind === 'startswith') {
      this.hasAffix = true;
      if (text.length < AFFIX_KEY) pushItem(this.shortPrefixes, text, item);
      else fileGroup(this.prefixes, text.slice(0, AFFIX_KEY), text, 0, item);
    } else if (text.length < GRAM) {
      fileGroup(this.byChar, text.charCodeAt(0), text, 0, item);
      this.charMarks[text.charCodeAt(0)] = 1;
    } else {
      this.pending.push({ text, item });
    }
  }

  private addSuffix(text: string, item: T): void {
    this.hasAffix = true;
    const b = segmentStart(text, '\\');
    const f = segmentStart(text, '/');
    if (b >= 0 && b >= f) fileGroup(this.backslashSegments, text.slice(b), text, 0, item);
    else if (f >= 0) fileGroup(this.slashSegments, text.slice(f), text, 0, item);
    else if (text.length < AFFIX_KEY) pushItem(this.shortSuffixes, text, item);
    else fileGroup(this.suffixes, text.slice(text.length - AFFIX_KEY), text, 0, item);
  }

  /** Files the substrings, each under the gram of its that the fewest substrings of this field share. */
  seal(): void {
    const freq = new Map<number, number>();
    for (const { text } of this.pending) for (let i = 0; i + GRAM <= text.length; i++) freq.set(gramAt(text, i), (freq.get(gramAt(text, i)) ?? 0) + 1);
    for (const { text, item } of this.pending) {
      let best = 0;
      let bestCount = Infinity;
      for (let i = 0; i + GRAM <= text.length; i++) {
        const n = freq.get(gramAt(text, i)) ?? 0;
        if (n < bestCount) {
          best = i;
          bestCount = n;
        }
      }
      const g = gramAt(text, best);
      fileGroup(this.grams, g, text, best, item);
      const h = gramBit(g);
      this.bits[h >>> 5] = (this.bits[h >>> 5] ?? 0) | (1 << (h & 31));
    }
    if (this.equals.size === 0 && !this.hasAffix) {
      const needles = [...this.pending.map((p) => p.text), ...[...this.byChar.values()].flat().map((g) => g.text)];
      if (SubstringFilter.usable(needles)) this.filter = new SubstringFilter(needles);
    }
    this.pending.length = 0;
  }

  /** Reports to `sink` the items of every literal the lowercased text `s` passes (an item may come more than once). */
  probe(s: string, sink: LiteralSink<T>): void {
    if (s.length < this.minLength) return;
    const eq = this.equals.get(s);
    if (eq) sink.hit(eq);
    if (this.hasAffix) this.probeAffixes(s, sink);
    if (this.grams.size > 0 && s.length >= GRAM) this.probeGrams(s, sink);
    if (this.byChar.size > 0) this.probeChars(s, sink);
  }

  /**
   * `probe(s.toLowerCase())` for an index of substrings only, without lowercasing texts that
   * hold none of them: ASCII letters are folded while the grams roll, and the text is lowercased
   * only on a prefilter hit or at its first non-ASCII character (whose lowercase could be ASCII).
   */
  probeRaw(s: string, sink: LiteralSink<T>): void {
    if (s.length < this.minLength) return;
    const filter = this.filter;
    if (filter === undefined) {
      if (this.equals.size > 0 || this.hasAffix || this.mayHold(s)) this.probe(s.toLowerCase(), sink);
    } else if (NON_ASCII.test(s) || filter.mayHold(s)) {
      this.probe(s.toLowerCase(), sink);
    }
  }

  /** False only when the lowercased text cannot hold any substring of the index (see probeRaw). */
  private mayHold(s: string): boolean {
    const bits = this.bits;
    const marks = this.charMarks;
    const grams = this.grams;
    let k = 0;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c >= 128) return true;
      if (c >= 65 && c <= 90) c += 32;
      if (marks[c] === 1) return true;
      k = ((k << 7) | c) & GRAM_MASK;
      if (i >= GRAM - 1) {
        const h = gramBit(k);
        if (((bits[h >>> 5] as number) & (1 << (h & 31))) !== 0 && grams.has(k)) return true;
      }
    }
    return false;
  }

  private probeAffixes(s: string, sink: LiteralSink<T>): void {
    if (this.backslashSegments.size > 0) verifySuffix(this.backslashSegments.get(s.slice(s.lastIndexOf('\\') + 1)), s, sink);
    if (this.slashSegments.size > 0) verifySuffix(this.slashSegments.get(s.slice(s.lastIndexOf('/') + 1)), s, sink);
    if (s.length >= AFFIX_KEY) {
      if (this.suffixes.size > 0) verifySuffix(this.suffixes.get(s.slice(s.length - AFFIX_KEY)), s, sink);
      if (this.prefixes.size > 0) verifyPrefix(this.prefixes.get(s.slice(0, AFFIX_KEY)), s, sink);
    }
    for (let n = 1; n < AFFIX_KEY && n <= s.length; n++) {
      if (this.shortSuffixes.size > 0) hitIf(this.shortSuffixes.get(s.slice(s.length - n)), sink);
      if (this.shortPrefixes.size > 0) hitIf(this.shortPrefixes.get(s.slice(0, n)), sink);
    }
  }

  private probeGrams(s: string, sink: LiteralSink<T>): void {
    const bits = this.bits;
    let k = gramAt(s, 0);
    for (let i = 0; ; i++) {
      const h = gramBit(k);
      if (((bits[h >>> 5] as number) & (1 << (h & 31))) !== 0) {
        const list = this.grams.get(k);
        if (list) verifyAt(list, s, i, sink);
      }
      const next = i + GRAM;
      if (next >= s.length) return;
      k = ((k << 7) | (s.charCodeAt(next) & 127)) & GRAM_MASK;
    }
  }

  private probeChars(s: string, sink: LiteralSink<T>): void {
    const marks = this.charMarks;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (marks[c] === 1) verifyAt(this.byChar.get(c) as Group<T>[], s, i, sink);
    }
  }
}

function pushItem<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (!list) map.set(key, [item]);
  else if (!list.includes(item)) list.push(item);
}

function hitIf<T>(items: readonly T[] | undefined, sink: LiteralSink<T>): void {
  if (items) sink.hit(items);
}

function verifySuffix<T>(groups: readonly Group<T>[] | undefined, s: string, sink: LiteralSink<T>): void {
  if (!groups) return;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as Group<T>;
    if (s.endsWith(g.text)) sink.hit(g.items);
  }
}

function verifyPrefix<T>(groups: readonly Group<T>[] | undefined, s: string, sink: LiteralSink<T>): void {
  if (!groups) return;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as Group<T>;
    if (s.startsWith(g.text)) sink.hit(g.items);
  }
}

/** Substring groups whose gram (or first character) was found at `at`. */
function verifyAt<T>(groups: readonly Group<T>[], s: string, at: number, sink: LiteralSink<T>): void {
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as Group<T>;
    if (at >= g.offset && s.startsWith(g.text, at - g.offset)) sink.hit(g.items);
  }
}
