/**
 * Many substrings at once (a rule listing hundreds of hashes or emojis): each needle is filed
 * under its rarest 4-character gram (shorter needles under their first character), and the
 * text is scanned once, checking at each position only the needles filed under the gram found
 * there. Used instead of one `includes` per needle when the list is long.
 */

/** Below this many needles, one `includes` per needle is faster than a scan. */
export const CONTAINS_SET_MIN = 24;
const GRAM = 4;

function gramKey(s: string, at: number): number {
  return ((s.charCodeAt(at) * 31 + s.charCodeAt(at + 1)) * 31 + s.charCodeAt(at + 2)) * 31 + s.charCodeAt(at + 3);
}

interface Filed {
  readonly needle: string;
  /** Where the gram sits in the needle. */
  readonly offset: number;
}

function file(map: Map<number, Filed[]>, key: number, f: Filed): void {
  const list = map.get(key);
  if (list) list.push(f);
  else map.set(key, [f]);
}

function rarestOffset(n: string, freq: ReadonlyMap<number, number>): number {
  let best = 0;
  let bestCount = Infinity;
  for (let i = 0; i + GRAM <= n.length; i++) {
    const c = freq.get(gramKey(n, i)) ?? 0;
    if (c < bestCount) {
      best = i;
      bestCount = c;
    }
  }
  return best;
}

function anyAt(list: readonly Filed[] | undefined, s: string, at: number): boolean {
  if (!list) return false;
  for (let j = 0; j < list.length; j++) {
    const f = list[j] as Filed;
    if (at >= f.offset && s.startsWith(f.needle, at - f.offset)) return true;
  }
  return false;
}

/** A test "does the text contain any of the needles", scanning the text once. */
export function containsAnyTest(needles: readonly string[]): (s: string) => boolean {
  if (needles.some((n) => n.length === 0)) return () => true;
  const freq = new Map<number, number>();
  for (const n of needles) for (let i = 0; i + GRAM <= n.length; i++) freq.set(gramKey(n, i), (freq.get(gramKey(n, i)) ?? 0) + 1);
  const byGram = new Map<number, Filed[]>();
  const byChar = new Map<number, Filed[]>();
  const shortFirst = new Uint8Array(65536);
  for (const n of needles) {
    if (n.length >= GRAM) {
      const offset = rarestOffset(n, freq);
      file(byGram, gramKey(n, offset), { needle: n, offset });
    } else {
      shortFirst[n.charCodeAt(0)] = 1;
      file(byChar, n.charCodeAt(0), { needle: n, offset: 0 });
    }
  }
  const hasShort = byChar.size > 0;
  // One byte per low 16 bits of the gram keys filed: most positions are dismissed without a Map lookup.
  const gramMarks = new Uint8Array(1 << 16);
  for (const k of byGram.keys()) gramMarks[k & 0xffff] = 1;
  return (s) => {
    for (let i = 0; i < s.length; i++) {
      if (hasShort && shortFirst[s.charCodeAt(i)] === 1 && anyAt(byChar.get(s.charCodeAt(i)), s, i)) return true;
      if (i + GRAM <= s.length) {
        const k = gramKey(s, i);
        if (gramMarks[k & 0xffff] === 1 && anyAt(byGram.get(k), s, i)) return true;
      }
    }
    return false;
  };
}
