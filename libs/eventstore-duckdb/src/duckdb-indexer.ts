import * as eventstore from '@soc/eventstore';
import { SHAPE_ARRAY, SHAPE_OBJECT, SHAPE_SCALAR, type ShapeNode, type ShapeTree } from './duckdb-shapes';

// Bound once: compiled CommonJS reads an imported name through a getter on every use, which
// showed up as a tenth of the walk's cost in profiles.
const { MAX_FLATTEN_DEPTH, UNINDEXED_KEY, ipLeafHex, isIpKey } = eventstore;
const OBJECT = SHAPE_OBJECT;
const ARRAY = SHAPE_ARRAY;
const SCALAR = SHAPE_SCALAR;

/** What one event adds to its row besides the event JSON. */
export interface EventIndex {
  /** `{"<dotted path>":["<32-hex>",...]}` of IP leaves, or null when there are none. */
  ips: string | null;
}

/**
 * One walk per event, so it does the least that queries need: mark shapes in the registry (a
 * Map lookup per node with keys V8 has already hashed, no path strings built) and convert IP
 * leaves under IP keys. Everything else a filter or free text needs is read from the stored
 * event by DuckDB.
 */
export class EventIndexer {
  private ipPaths: string[] = [];
  private ipHex: string[] = [];
  private top = '';

  constructor(private readonly shapes: ShapeTree) {}

  index(event: Record<string, unknown>): EventIndex {
    this.ipPaths = [];
    this.ipHex = [];
    this.walkObject(event, this.shapes.root, 0);
    return { ips: this.ipPaths.length === 0 ? null : this.ipsJson() };
  }

  private walkObject(node: Record<string, unknown>, shape: ShapeNode | undefined, depth: number): void {
    for (const k in node) {
      const v = node[k];
      if (v === null || v === undefined) continue;
      if (depth === 0) {
        if (k === UNINDEXED_KEY) continue;
        this.top = k;
      }
      this.walk(v, shape === undefined ? undefined : this.shapes.child(shape, k), k, depth + 1);
    }
  }

  private walk(node: unknown, shape: ShapeNode | undefined, key: string, depth: number): void {
    if (depth > MAX_FLATTEN_DEPTH) return;
    switch (typeof node) {
      case 'string':
        this.leaf(shape);
        if (shape !== undefined && isIpKey(key, this.top)) this.ip(node, shape);
        return;
      case 'number':
      case 'bigint':
      case 'boolean':
        this.leaf(shape);
        return;
      case 'object':
        if (node === null) return;
        if (Array.isArray(node)) {
          if (shape !== undefined) this.shapes.mark(shape, ARRAY);
          const element = shape === undefined ? undefined : this.shapes.element(shape);
          for (const item of node) if (item !== null && item !== undefined) this.walk(item, element, key, depth + 1);
          return;
        }
        if (shape !== undefined) this.shapes.mark(shape, OBJECT);
        this.walkObject(node as Record<string, unknown>, shape, depth);
        return;
      default:
        return;
    }
  }

  private leaf(shape: ShapeNode | undefined): void {
    if (shape !== undefined && (shape.flags & SCALAR) === 0) this.shapes.mark(shape, SCALAR);
  }

  private ip(text: string, shape: ShapeNode): void {
    const hex = ipLeafHex(text);
    if (hex === undefined) return;
    this.ipPaths.push(shape.dotted);
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
