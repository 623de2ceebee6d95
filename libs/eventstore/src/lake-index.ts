import { MAX_FLATTEN_DEPTH, UNINDEXED_KEY } from './flatten';
import { ipLeafHex, isIpKey } from './ip-leaf';

/** What the lake needs of an event besides its JSON: IP leaves and a fingerprint of its structure. */
export interface LakeIndex {
  /** `{"<dotted path>":["<32-hex>",...]}` of IP leaves under IP keys, or null when there are none. */
  ips: string | null;
  /**
   * Fingerprint of the event's paths and what each held (object, array, scalar): two events
   * with the same fingerprint teach a shape registry the same facts, so a lake walks the
   * structure of only the first event of each fingerprint. 2 x 32-bit hashes plus the token
   * count; a collision would hide one event's new paths from filters, at odds of about 2^-64.
   */
  shape: string;
}

// Tokens mixed into the fingerprint for what a node held; keys mix in their own hashes.
const T_OBJECT = 0x4f424a;
const T_ARRAY = 0x415252;
const T_SCALAR = 0x53434c;
const T_END = 0x454e44;

/** Two independent 32-bit hashes per key, computed once per distinct key (bounded cache). */
const KEY_HASH_CACHE_MAX = 50_000;
/**
 * Leaf texts under IP keys and their IP form (null: not an address). Telemetry repeats the
 * same few addresses and host names endlessly, and the address parse (Node's isIP regexes)
 * cost a third of the walk; starts over when full.
 */
const IP_CACHE_MAX = 20_000;

/**
 * One walk of an OCSF event that yields its LakeIndex. It mirrors the walk a lake does to
 * register shapes (same skipped top-level key, depth cap, array levels), so the fingerprint
 * changes whenever that walk would register something different. Instances are reusable and
 * not thread-safe (one per worker).
 */
export class LakeIndexer {
  private readonly keyHashes = new Map<string, readonly [number, number]>();
  private readonly ipForms = new Map<string, string | null>();
  private h1 = 0;
  private h2 = 0;
  private tokens = 0;
  private top = '';
  private readonly path: string[] = [];
  private ipPaths: string[] = [];
  private ipHex: string[] = [];

  index(event: Record<string, unknown>): LakeIndex {
    this.h1 = 0x811c9dc5;
    this.h2 = 0x9747b28c;
    this.tokens = 0;
    this.ipPaths = [];
    this.ipHex = [];
    this.walkObject(event, 0);
    return { ips: this.ipPaths.length === 0 ? null : this.ipsJson(), shape: `${(this.h1 >>> 0).toString(36)}.${(this.h2 >>> 0).toString(36)}.${this.tokens.toString(36)}` };
  }

  private mix(a: number, b: number): void {
    this.h1 = Math.imul(this.h1 ^ a, 0x01000193);
    this.h2 = Math.imul((this.h2 ^ (this.h2 >>> 15)) + b, 0x5bd1e995);
    this.tokens++;
  }

  private token(t: number): void {
    this.mix(t, t);
  }

  private walkObject(node: Record<string, unknown>, depth: number): void {
    for (const k in node) {
      const v = node[k];
      if (v === null || v === undefined) continue;
      if (depth === 0) {
        if (k === UNINDEXED_KEY) continue;
        this.top = k;
      }
      const [a, b] = this.keyHash(k);
      this.mix(a, b);
      this.path.push(k);
      this.walk(v, k, depth + 1);
      this.path.pop();
    }
    this.token(T_END);
  }

  private walk(node: unknown, key: string, depth: number): void {
    if (depth > MAX_FLATTEN_DEPTH) return;
    switch (typeof node) {
      case 'string':
        this.token(T_SCALAR);
        if (isIpKey(key, this.top)) this.ip(node);
        return;
      case 'number':
      case 'bigint':
      case 'boolean':
        this.token(T_SCALAR);
        return;
      case 'object':
        if (node === null) return;
        if (Array.isArray(node)) {
          this.token(T_ARRAY);
          for (const item of node) if (item !== null && item !== undefined) this.walk(item, key, depth + 1);
          this.token(T_END);
          return;
        }
        this.token(T_OBJECT);
        this.walkObject(node as Record<string, unknown>, depth);
        return;
      default:
        return;
    }
  }

  private keyHash(k: string): readonly [number, number] {
    const found = this.keyHashes.get(k);
    if (found !== undefined) return found;
    let a = 0x811c9dc5;
    let b = k.length;
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
    }
    const h = [a, b] as const;
    if (this.keyHashes.size < KEY_HASH_CACHE_MAX) this.keyHashes.set(k, h);
    return h;
  }

  private ip(text: string): void {
    let hex = this.ipForms.get(text);
    if (hex === undefined) {
      hex = ipLeafHex(text) ?? null;
      if (this.ipForms.size >= IP_CACHE_MAX) this.ipForms.clear();
      this.ipForms.set(text, hex);
    }
    if (hex === null) return;
    this.ipPaths.push(this.path.join('.'));
    this.ipHex.push(hex);
  }

  private ipsJson(): string {
    const byPath = new Map<string, string[]>();
    for (let i = 0; i < this.ipPaths.length; i++) {
      const p = this.ipPaths[i] as string;
      const list = byPath.get(p);
      if (list) list.push(this.ipHex[i] as string);
      else byPath.set(p, [this.ipHex[i] as string]);
    }
    let out = '{';
    for (const [p, hexes] of byPath) out += `${out.length > 1 ? ',' : ''}${JSON.stringify(p)}:["${hexes.join('","')}"]`;
    return `${out}}`;
  }
}
