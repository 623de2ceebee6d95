import { ipLeafHex, isIpKey } from './ip-leaf';

/** Suffix of the derived key holding the hex form of IP-valued leaves (never a valid path char). */
export const IP_KEY_SUFFIX = '#ip';
/** Nesting below this depth is not indexed for filters (it stays in the stored event). */
export const MAX_FLATTEN_DEPTH = 16;
/**
 * Top-level key never indexed: `raw_data` is the whole original record as one string (often
 * 1-3 KB) and stays in the stored event only. Mappers keep every original field in `unmapped`
 * or a mapped field, so filters and free text over those still find what the record said.
 */
export const UNINDEXED_KEY = 'raw_data';

/** What an adapter stores beside the event so every adapter answers filters identically. */
export interface FlatEvent {
  /** Dotted path (array indices dropped) -> every scalar leaf value there, as text. */
  fields: Record<string, string[]>;
  /** Lowercased scalar values, newline-separated: the free-text search haystack (raw_data excluded). */
  text: string;
}

/** Scalar leaf as text, or undefined for null/undefined/objects/functions. */
export function scalarText(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return undefined;
  }
}

/**
 * Interned dotted paths: events of one source repeat the same paths, and a path built by
 * concatenation per leaf had to be flattened and hashed again for every map lookup. A node
 * per (parent path, key) hands out the same string each time, hash already computed.
 * Bounded, since free-form `unmapped` keys could otherwise grow it forever.
 */
class PathNode {
  private children: Map<string, PathNode> | undefined;
  ipPath: string | undefined;
  constructor(readonly path: string) {}

  child(key: string): PathNode {
    const found = this.children?.get(key);
    if (found !== undefined) return found;
    const node = new PathNode(this.path === '' ? key : `${this.path}.${key}`);
    if (pathNodes < MAX_PATH_NODES) {
      (this.children ??= new Map()).set(key, node);
      pathNodes++;
    }
    return node;
  }
}
const MAX_PATH_NODES = 50_000;
let pathNodes = 0;
const ROOT = new PathNode('');

class Flattener {
  // No prototype: keys such as `constructor` or `__proto__` in unmapped data stay plain keys.
  readonly fields: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  readonly texts: string[] = [];
  private top = '';

  private add(key: string, value: string): void {
    const list = this.fields[key];
    if (list === undefined) this.fields[key] = [value];
    else list.push(value);
  }

  walkObject(node: Record<string, unknown>, path: PathNode, depth: number): void {
    for (const k in node) {
      const v = node[k];
      if (v === null || v === undefined) continue;
      if (depth === 0) {
        if (k === UNINDEXED_KEY) continue;
        this.top = k;
      }
      this.walk(v, path.child(k), k, depth + 1);
    }
  }

  walk(node: unknown, path: PathNode, key: string, depth: number): void {
    if (depth > MAX_FLATTEN_DEPTH) return;
    if (typeof node === 'object') {
      if (node === null) return;
      if (Array.isArray(node)) {
        for (const item of node) if (item !== null && item !== undefined) this.walk(item, path, key, depth + 1);
      } else this.walkObject(node as Record<string, unknown>, path, depth);
      return;
    }
    const text = scalarText(node);
    if (text === undefined) return;
    this.add(path.path, text);
    this.texts.push(text);
    if (typeof node === 'string' && isIpKey(key, this.top)) {
      const hex = ipLeafHex(text);
      if (hex !== undefined) this.add((path.ipPath ??= path.path + IP_KEY_SUFFIX), hex);
    }
  }
}

/**
 * Flattens an OCSF event into path -> values. Arrays are transparent (`observables[1].value`
 * lands under `observables.value`), which is what gives "any element matches" semantics.
 * `raw_data` is skipped (see {@link UNINDEXED_KEY}); IP forms are added only under IP keys
 * (see `isIpKey`). The haystack is lowercased once, joined, rather than per leaf.
 */
export function flattenEvent(event: Record<string, unknown>): FlatEvent {
  const f = new Flattener();
  f.walkObject(event, ROOT, 0);
  return { fields: f.fields, text: f.texts.join('\n').toLowerCase() };
}
