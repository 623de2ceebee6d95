import * as eventstore from '@soc/eventstore';
import { SHAPE_ARRAY, SHAPE_OBJECT, SHAPE_SCALAR, type ShapeNode, type ShapeTree } from './duckdb-shapes';

// Bound once: compiled CommonJS reads an imported name through a getter on every use, which
// showed up as a tenth of the walk's cost in profiles.
const { MAX_FLATTEN_DEPTH, UNINDEXED_KEY } = eventstore;
const OBJECT = SHAPE_OBJECT;
const ARRAY = SHAPE_ARRAY;
const SCALAR = SHAPE_SCALAR;

/** Fingerprints remembered as walked; past this the set starts over (a re-walk costs only time). */
const MAX_KNOWN_SHAPES = 100_000;

/**
 * Teaches the shape registry the paths of stored events. Events arrive with a fingerprint of
 * their structure (LakeIndex.shape, computed by the producer or by rowOf); only the first event
 * of each fingerprint is walked, since the others would mark nothing new. The walk is a Map
 * lookup per node with keys V8 has already hashed; no path strings are built. It must visit what
 * LakeIndexer fingerprints (same skipped key, depth cap and array levels).
 */
export class ShapeWalker {
  private readonly known = new Set<string>();

  constructor(private readonly shapes: ShapeTree) {}

  /** Whether an event of this fingerprint still has to be walked. */
  needs(fingerprint: string): boolean {
    return !this.known.has(fingerprint);
  }

  /** Walks one event and remembers its fingerprint as done. */
  walk(event: Record<string, unknown>, fingerprint: string): void {
    this.walkObject(event, this.shapes.root, 0);
    if (this.known.size >= MAX_KNOWN_SHAPES) this.known.clear();
    this.known.add(fingerprint);
  }

  private walkObject(node: Record<string, unknown>, shape: ShapeNode | undefined, depth: number): void {
    for (const k in node) {
      const v = node[k];
      if (v === null || v === undefined) continue;
      if (depth === 0 && k === UNINDEXED_KEY) continue;
      this.walkValue(v, shape === undefined ? undefined : this.shapes.child(shape, k), depth + 1);
    }
  }

  private walkValue(node: unknown, shape: ShapeNode | undefined, depth: number): void {
    if (depth > MAX_FLATTEN_DEPTH || shape === undefined) return;
    switch (typeof node) {
      case 'string':
      case 'number':
      case 'bigint':
      case 'boolean':
        if ((shape.flags & SCALAR) === 0) this.shapes.mark(shape, SCALAR);
        return;
      case 'object':
        if (node === null) return;
        if (Array.isArray(node)) {
          this.shapes.mark(shape, ARRAY);
          const element = this.shapes.element(shape);
          for (const item of node) if (item !== null && item !== undefined) this.walkValue(item, element, depth + 1);
          return;
        }
        this.shapes.mark(shape, OBJECT);
        this.walkObject(node as Record<string, unknown>, shape, depth);
        return;
      default:
        return;
    }
  }
}
