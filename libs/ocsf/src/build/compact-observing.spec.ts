import { TEXT_SOURCES, type SourceName } from '@soc/contracts';
import { generateScenario } from '@soc/scenario';
import { splitRecords } from '@soc/sources';
import { mapperFor } from '../mappers/registry';
import { compact } from './compact';
import { compactObserving, compactObservingInto, deriveObservables } from './observables';

/** Attribute sets as mappers hand them over: every scenario event minus what assembleEvent adds, plus empties. */
function attributeSets(): Record<string, unknown>[] {
  const scenario = generateScenario({ seed: 5, start: new Date(Date.UTC(2026, 2, 3, 9)), hours: 1, users: 8 });
  const bySource = new Map<SourceName, string[]>();
  for (const r of scenario.records) bySource.set(r.source, [...(bySource.get(r.source) ?? []), typeof r.record === 'string' ? r.record : JSON.stringify(r.record)]);
  const out: Record<string, unknown>[] = [];
  for (const [source, lines] of bySource) {
    const split = splitRecords(source, lines.join('\n'), { contentType: TEXT_SOURCES.has(source) ? 'text' : 'ndjson', maxRecordBytes: 1 << 20, maxRecords: 1e6 });
    for (const rec of split.records) {
      const res = mapperFor(source).map(rec.data, { tenantId: 't', eventUid: 'e', receivedAt: 0 });
      if (!res.ok) continue;
      const { observables: _o, raw_data: _r, ...attributes } = res.event;
      out.push({ ...attributes, extra: { user: { name: '', uid: null }, process: { name: 'a', file: { path: undefined } } }, list: [null, '', [], {}, 'x'] });
    }
  }
  return out;
}

describe('compactObserving', () => {
  it('equals compact() then deriveObservables() on every scenario attribute set', () => {
    const sets = attributeSets();
    expect(sets.length).toBeGreaterThan(300);
    for (const attrs of sets) {
      const fused = compactObserving(attrs);
      const pruned = compact(attrs);
      expect(fused.attributes).toEqual(pruned);
      expect(fused.observables).toEqual(deriveObservables(pruned));
    }
  });

  it('compactObservingInto writes the same attributes, in the same order, and finds the same observables', () => {
    for (const attrs of attributeSets()) {
      const fused = compactObserving(attrs);
      const target: Record<string, unknown> = {};
      const observables = compactObservingInto(target, attrs);
      expect(JSON.stringify(target)).toBe(JSON.stringify(fused.attributes));
      expect(target).toEqual(fused.attributes);
      expect(observables).toEqual(fused.observables);
    }
  });

  it('drops empties, stops observing past depth 6 and under free-form attributes', () => {
    const deep = { a: { b: { c: { d: { e: { user: { name: 'deep' } } } } } } };
    const attrs = { user: { name: 'bob', uid: '' }, unmapped: { user: { name: 'x' } }, deep, empty: {}, nothing: [null, ''] };
    const { attributes, observables } = compactObserving(attrs);
    expect(attributes).toEqual({ user: { name: 'bob' }, unmapped: { user: { name: 'x' } }, deep });
    expect(observables).toEqual([{ name: 'user.name', type_id: 4, type: 'User Name', value: 'bob' }]);
    expect(attributes['deep']).toBe(deep);
  });
});
