import { ShapeWalker } from './duckdb-indexer';
import { SHAPE_ARRAY, SHAPE_OBJECT, SHAPE_SCALAR, ShapeTree } from './duckdb-shapes';

const paths = (t: ShapeTree, dotted: string): string[] => t.variants(dotted).map((v) => v.jsonPath);

/** A walker that walks every event (a fresh fingerprint each time). */
function walker(tree: ShapeTree): { index(e: Record<string, unknown>): void } {
  const w = new ShapeWalker(tree);
  let n = 0;
  return { index: (e) => w.walk(e, String(n++)) };
}

describe('ShapeWalker and ShapeTree', () => {
  it('records shapes, raw_data left out', () => {
    const tree = new ShapeTree();
    walker(tree).index({
      raw_data: 'SECRET 10.9.9.9', message: 'Hello 10.0.0.9', count: 3, ok: false, gone: null,
      src_endpoint: { ip: '10.0.0.1' }, observables: [{ type_id: 2, value: '2001:db8::1' }, { value: 'wks-1' }], answers: [{ rdata: '1.2.3.4' }],
    });
    expect(paths(tree, 'observables.value')).toEqual(['$."observables"[*]."value"']);
    expect(paths(tree, 'src_endpoint.ip')).toEqual(['$."src_endpoint"."ip"']);
    expect(paths(tree, 'raw_data')).toEqual([]);
    expect(paths(tree, 'never.seen')).toEqual([]);
  });

  it('walks an event only for a fingerprint it has not walked', () => {
    const tree = new ShapeTree();
    const w = new ShapeWalker(tree);
    expect(w.needs('fp-1')).toBe(true);
    w.walk({ a: 1 }, 'fp-1');
    expect(w.needs('fp-1')).toBe(false);
    expect(w.needs('fp-2')).toBe(true);
    expect(paths(tree, 'a')).toEqual(['$."a"']);
  });

  it('gives every variant of a path that was an array in some events and an object in others', () => {
    const tree = new ShapeTree();
    const ix = walker(tree);
    ix.index({ unmapped: { tags: [{ name: 'a' }], list: ['x', 'y'] } });
    ix.index({ unmapped: { tags: { name: 'b' }, list: 'z', nested: [[1, 2], [3]] } });
    expect(paths(tree, 'unmapped.tags.name').sort()).toEqual(['$."unmapped"."tags"."name"', '$."unmapped"."tags"[*]."name"']);
    expect(paths(tree, 'unmapped.list').sort()).toEqual(['$."unmapped"."list"', '$."unmapped"."list"[*]']);
    expect(paths(tree, 'unmapped.nested')).toEqual(['$."unmapped"."nested"[*][*]']);
    expect(tree.variants('unmapped.tags')).toEqual([{ jsonPath: '$."unmapped"."tags"', wildcard: false, flags: SHAPE_OBJECT | SHAPE_ARRAY }, { jsonPath: '$."unmapped"."tags"[*]', wildcard: true, flags: SHAPE_OBJECT }]);
  });

  it('queues new shapes once, survives keys named like Object.prototype members, and reloads what it saved', () => {
    const tree = new ShapeTree();
    const ix = walker(tree);
    ix.index({ unmapped: { constructor: 'c', toString: 'x', 'we"ird.key': 1 } });
    ix.index({ unmapped: { constructor: 'c' } });
    const rows = [...tree.pending()];
    expect(rows.filter((r) => r.path === '["unmapped","constructor"]')).toEqual([{ path: '["unmapped","constructor"]', kind: 's' }]);
    tree.saved(rows.length);
    expect(tree.pending()).toEqual([]);
    const again = new ShapeTree();
    again.load(rows);
    expect(paths(again, 'unmapped.constructor')).toEqual(['$."unmapped"."constructor"']);
    expect(again.variants('unmapped.constructor')[0]?.flags).toBe(SHAPE_SCALAR);
    expect(again.pending()).toEqual([]);
  });
});

describe('ShapeTree keys with dots', () => {
  it('matches a stored key containing dots by joining filter segments', () => {
    const tree = new ShapeTree();
    walker(tree).index({ unmapped: { 'id.orig_h': '10.0.0.1', id: { resp_h: 'x' } } });
    expect(paths(tree, 'unmapped.id.orig_h')).toEqual(['$."unmapped"."id.orig_h"']);
    expect(paths(tree, 'unmapped.id.resp_h')).toEqual(['$."unmapped"."id"."resp_h"']);
  });
});
