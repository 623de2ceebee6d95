import { EventIndexer } from './duckdb-indexer';
import { SHAPE_ARRAY, SHAPE_OBJECT, SHAPE_SCALAR, ShapeTree } from './duckdb-shapes';

const paths = (t: ShapeTree, dotted: string): string[] => t.variants(dotted).map((v) => v.jsonPath);

describe('EventIndexer and ShapeTree', () => {
  it('gives IP forms under IP keys only and records shapes, raw_data left out', () => {
    const tree = new ShapeTree();
    const idx = new EventIndexer(tree).index({
      raw_data: 'SECRET 10.9.9.9', message: 'Hello 10.0.0.9', count: 3, ok: false, gone: null,
      src_endpoint: { ip: '10.0.0.1' }, observables: [{ type_id: 2, value: '2001:db8::1' }, { value: 'wks-1' }], answers: [{ rdata: '1.2.3.4' }],
    });
    expect(JSON.parse(idx.ips ?? '{}')).toEqual({ 'src_endpoint.ip': ['00000000000000000000ffff0a000001'], 'observables.value': ['20010db8000000000000000000000001'] });
    expect(paths(tree, 'observables.value')).toEqual(['$."observables"[*]."value"']);
    expect(paths(tree, 'src_endpoint.ip')).toEqual(['$."src_endpoint"."ip"']);
    expect(paths(tree, 'raw_data')).toEqual([]);
    expect(paths(tree, 'never.seen')).toEqual([]);
    expect(new EventIndexer(tree).index({ message: 'x' }).ips).toBeNull();
  });

  it('gives every variant of a path that was an array in some events and an object in others', () => {
    const tree = new ShapeTree();
    const ix = new EventIndexer(tree);
    ix.index({ unmapped: { tags: [{ name: 'a' }], list: ['x', 'y'] } });
    ix.index({ unmapped: { tags: { name: 'b' }, list: 'z', nested: [[1, 2], [3]] } });
    expect(paths(tree, 'unmapped.tags.name').sort()).toEqual(['$."unmapped"."tags"."name"', '$."unmapped"."tags"[*]."name"']);
    expect(paths(tree, 'unmapped.list').sort()).toEqual(['$."unmapped"."list"', '$."unmapped"."list"[*]']);
    expect(paths(tree, 'unmapped.nested')).toEqual(['$."unmapped"."nested"[*][*]']);
    expect(tree.variants('unmapped.tags')).toEqual([{ jsonPath: '$."unmapped"."tags"', wildcard: false, flags: SHAPE_OBJECT | SHAPE_ARRAY }, { jsonPath: '$."unmapped"."tags"[*]', wildcard: true, flags: SHAPE_OBJECT }]);
  });

  it('queues new shapes once, survives keys named like Object.prototype members, and reloads what it saved', () => {
    const tree = new ShapeTree();
    const ix = new EventIndexer(tree);
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
    new EventIndexer(tree).index({ unmapped: { 'id.orig_h': '10.0.0.1', id: { resp_h: 'x' } } });
    expect(paths(tree, 'unmapped.id.orig_h')).toEqual(['$."unmapped"."id.orig_h"']);
    expect(paths(tree, 'unmapped.id.resp_h')).toEqual(['$."unmapped"."id"."resp_h"']);
  });
});
