/**
 * The shape registry: every path ever seen in stored events, with what it held (object, array,
 * scalar). It replaces a per-row flattened field map: a filter on `observables.value` is
 * compiled into the JSON paths that can hold it (`$."observables"[*]."value"`) and evaluated
 * on the stored event, so array semantics ("any element matches") come from the paths
 * alone and each row stores its content once. A path never seen compiles to "no values"
 * without touching any row.
 */

/** What a path held in at least one stored event. */
export const SHAPE_OBJECT = 1;
export const SHAPE_ARRAY = 2;
export const SHAPE_SCALAR = 4;
const KIND_NAMES: Record<number, string> = { [SHAPE_OBJECT]: 'o', [SHAPE_ARRAY]: 'a', [SHAPE_SCALAR]: 's' };
const KIND_FLAGS: Record<string, number> = { o: SHAPE_OBJECT, a: SHAPE_ARRAY, s: SHAPE_SCALAR };

/** Key of the node standing for "every element of the array above". */
const ELEMENT = '[]';

/**
 * Distinct paths the registry keeps. Beyond it, new paths (e.g. ids used as keys in free-form
 * `unmapped` data) are not filterable; their values stay in the stored event and free text.
 */
export const MAX_SHAPES = 100_000;

/** One path in the registry; children keyed by object key, `element` for array items. */
export class ShapeNode {
  flags = 0;
  children: Map<string, ShapeNode> | undefined;
  element: ShapeNode | undefined;
  private dottedPath: string | undefined;

  constructor(
    readonly parent: ShapeNode | undefined,
    readonly key: string,
  ) {}

  /** Dotted path with array levels dropped: the path filters and IP entries are keyed by. */
  get dotted(): string {
    if (this.dottedPath === undefined) {
      const up = this.parent?.dotted ?? '';
      this.dottedPath = this.key === ELEMENT ? up : up === '' ? this.key : `${up}.${this.key}`;
    }
    return this.dottedPath;
  }

  /** Segments from the root, `[]` for array levels; the persisted form. */
  segments(): string[] {
    return this.parent === undefined ? [] : [...this.parent.segments(), this.key];
  }
}

/** A JSON path that can hold values of a filtered field, and what it held. */
export interface ShapeVariant {
  /** DuckDB JSON path, keys quoted, `[*]` for array levels. */
  jsonPath: string;
  /** True when the path goes through an array (json_extract returns a list). */
  wildcard: boolean;
  flags: number;
}

/** A registry entry as persisted: JSON array of segments, and kind letter. */
export interface ShapeRow {
  path: string;
  kind: string;
}

/** In-memory shape registry; marks new shapes so the writer persists them with their batch. */
export class ShapeTree {
  readonly root = new ShapeNode(undefined, '');
  private size = 0;
  private unsaved: ShapeRow[] = [];
  /** Every key seen, as it stands in the stored JSON text (escaped) and lowercased. */
  private readonly keyTexts = new Set<string>();

  /** Child node for `key`, created when new (undefined once the registry is full). */
  child(node: ShapeNode, key: string): ShapeNode | undefined {
    let map = node.children;
    if (map === undefined) map = node.children = new Map();
    const found = map.get(key);
    if (found !== undefined || this.size >= MAX_SHAPES) return found;
    const created = new ShapeNode(node, key);
    map.set(key, created);
    this.size++;
    this.keyTexts.add(JSON.stringify(key).slice(1, -1).toLowerCase());
    return created;
  }

  /**
   * Whether some stored key may contain `text` (escaped and lowercased like the stored JSON):
   * false lets free text skip cutting keys out of each candidate row. A full registry no longer
   * knows every key, so it answers true.
   */
  keyMayContain(text: string): boolean {
    if (this.size >= MAX_SHAPES) return true;
    for (const k of this.keyTexts) if (k.includes(text)) return true;
    return false;
  }

  /** Array element node of an array path. */
  element(node: ShapeNode): ShapeNode | undefined {
    if (node.element !== undefined || this.size >= MAX_SHAPES) return node.element;
    this.size++;
    return (node.element = new ShapeNode(node, ELEMENT));
  }

  /** Records that `node` held a value of `flag`'s kind; new facts are queued for persistence. */
  mark(node: ShapeNode, flag: number): void {
    if ((node.flags & flag) !== 0) return;
    node.flags |= flag;
    this.unsaved.push({ path: JSON.stringify(node.segments()), kind: KIND_NAMES[flag] ?? 's' });
  }

  /** Shapes not yet committed; the writer inserts them in its next transaction. */
  pending(): readonly ShapeRow[] {
    return this.unsaved;
  }

  /** Drops the first `n` pending rows once their transaction committed. */
  saved(n: number): void {
    this.unsaved = this.unsaved.slice(n);
  }

  /** Rebuilds the registry from persisted rows (at open). */
  load(rows: readonly ShapeRow[]): void {
    for (const r of rows) {
      let node: ShapeNode | undefined = this.root;
      for (const seg of JSON.parse(r.path) as string[]) {
        if (node === undefined) break;
        node = seg === ELEMENT ? this.element(node) : this.child(node, seg);
      }
      if (node !== undefined) node.flags |= KIND_FLAGS[r.kind] ?? 0;
    }
    this.unsaved = [];
  }

  /**
   * Every stored JSON path a dotted filter path can reach, through any array levels seen. A
   * stored key may itself contain dots (`unmapped."id.orig_h"`), so consecutive segments are
   * also tried joined as one key, as the flattened paths of other adapters would match them.
   */
  variants(dotted: string): ShapeVariant[] {
    const segs = dotted.split('.');
    const out: ShapeVariant[] = [];
    const visit = (node: ShapeNode, at: number, jsonPath: string, wildcard: boolean): void => {
      if (at === segs.length) {
        if ((node.flags & (SHAPE_OBJECT | SHAPE_SCALAR)) !== 0) out.push({ jsonPath, wildcard, flags: node.flags });
        if ((node.flags & SHAPE_ARRAY) !== 0 && node.element) visit(node.element, at, `${jsonPath}[*]`, true);
        return;
      }
      if ((node.flags & SHAPE_ARRAY) !== 0 && node.element) visit(node.element, at, `${jsonPath}[*]`, true);
      let key = '';
      for (let end = at; end < segs.length; end++) {
        key = end === at ? (segs[at] as string) : `${key}.${segs[end] as string}`;
        const child = node.children?.get(key);
        if (child) visit(child, end + 1, `${jsonPath}."${key}"`, wildcard);
      }
    };
    visit(this.root, 0, '$', false);
    return out;
  }
}
