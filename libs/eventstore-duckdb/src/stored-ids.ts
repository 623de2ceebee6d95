/**
 * A Bloom filter over the ids in the events table: a superset, so an id it does not contain is
 * certainly not stored, and only ids it may contain are looked up in DuckDB.
 *
 * Why: the lake deduplicates by id (a redelivered or retried event carries the same id). The
 * lookup is bounded by the batch's time span, but with late or out-of-order events that span
 * covers most row groups, and its cost grows with the rows in that span: 5 to 10 ms of CPU per
 * 2,000-id batch at 60k rows. Almost every id of a batch is new, so the filter answers nearly
 * all of them in memory. In bench:pipeline (300k events, pipeline only, 2 alternating pairs)
 * it measured 11,179 / 11,639 -> 11,694 / 12,055 events/s.
 *
 * Sizing: 32 bits and 12 probes per id give about 1 false positive in a million ids per full
 * segment; a lookup checks every segment, so the rate grows with their number (log2 of the
 * table over 65,536): measured 3 to 7 in a million at 1 million ids (5 segments), so a lookup
 * for about 1% of 2,000-id batches. A power-of-two size makes each probe a mask, not a division. Memory is 4
 * bytes per id of capacity, and capacity doubles, so 4 to 8 bytes per stored id (67 MB at 10
 * million); the filter is built at open by one streamed scan of the id column.
 */
const BITS_PER_ID = 32;
const PROBES = 12;
const FIRST_SEGMENT_IDS = 1 << 16;
/** Probes are masked int32 values, so a segment stays at 2^31 bits at most. */
const MAX_SEGMENT_IDS = 2 ** 31 / BITS_PER_ID;

class Segment {
  readonly words: Uint32Array;
  private readonly mask: number;
  count = 0;

  constructor(readonly capacity: number) {
    const bits = capacity * BITS_PER_ID;
    this.mask = bits - 1;
    this.words = new Uint32Array(bits >>> 5);
  }

  add(a: number, b: number): void {
    for (let i = 0; i < PROBES; i++) {
      const at = (a + Math.imul(i, b)) & this.mask;
      this.words[at >>> 5] = (this.words[at >>> 5] as number) | (1 << (at & 31));
    }
    this.count++;
  }

  has(a: number, b: number): boolean {
    for (let i = 0; i < PROBES; i++) {
      const at = (a + Math.imul(i, b)) & this.mask;
      if (((this.words[at >>> 5] as number) & (1 << (at & 31))) === 0) return false;
    }
    return true;
  }
}

// The two hashes of the last `hash()` call: module state rather than a returned pair, so the
// hot path allocates nothing.
let h1 = 0;
let h2 = 0;

/** Two independent 32-bit hashes of a string (FNV-1a and a multiply-xorshift), for double hashing. */
function hash(s: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  h1 = a;
  // An even step would probe only half the bit positions of a power-of-two segment.
  h2 = b | 1;
}

export class StoredIds {
  private readonly segments: Segment[] = [new Segment(FIRST_SEGMENT_IDS)];

  add(id: string): void {
    let last = this.segments[this.segments.length - 1] as Segment;
    if (last.count >= last.capacity) {
      last = new Segment(Math.min(last.capacity * 2, MAX_SEGMENT_IDS));
      this.segments.push(last);
    }
    hash(id);
    last.add(h1, h2);
  }

  /** False: certainly not stored. True: stored, or (rarely) a false positive. */
  mayContain(id: string): boolean {
    hash(id);
    for (const s of this.segments) if (s.has(h1, h2)) return true;
    return false;
  }

  /** Ids added. */
  get size(): number {
    return this.segments.reduce((n, s) => n + s.count, 0);
  }

  /** Bytes of filter memory. */
  get bytes(): number {
    return this.segments.reduce((n, s) => n + s.words.byteLength, 0);
  }
}
