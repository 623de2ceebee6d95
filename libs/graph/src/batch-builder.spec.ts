import { AlertEntity } from '@soc/contracts';
import { GraphBatchBuilder } from './batch-builder';
import { checkBatch } from './check-batch';
import type { EntityRef } from './entity-graph';
import { MAX_EVIDENCE_REFS } from './limits';
import { ENTITY_TYPES } from './vocabulary';

const user = (v: string): EntityRef => ({ type: 'user', value: v });
const host = (v: string): EntityRef => ({ type: 'host', value: v });

describe('GraphBatchBuilder', () => {
  it('folds observations into one row per entity and edge: counts, first/last seen, newest evidence', () => {
    const b = new GraphBatchBuilder();
    for (let i = 0; i < 20; i++) b.observe({ time: 1000 + i * (i % 2 === 0 ? 1 : -1), evidence: `event:e${i}`, entities: [], edges: [{ from: user('alice'), rel: 'logged_on', to: host('ws-1') }] });
    b.observe({ time: 5000, evidence: 'alert:a1', entities: [user('alice'), user('alice')], edges: [] });
    b.observe(undefined);
    const batch = b.build();
    checkBatch(batch);
    expect(b.size).toBe(21);
    expect(batch.edges).toHaveLength(1);
    expect(batch.edges[0]).toMatchObject({ count: 20, firstSeen: 1000 - 19, lastSeen: 1000 + 18 });
    expect(batch.edges[0]?.evidence).toEqual(['event:e18', 'event:e16', 'event:e14', 'event:e12', 'event:e10', 'event:e8', 'event:e6', 'event:e4']);
    expect(batch.edges[0]?.evidence).toHaveLength(MAX_EVIDENCE_REFS);
    expect(batch.entities.map((e) => [e.type, e.value, e.count, e.lastSeen, e.evidence[0]])).toEqual([
      ['user', 'alice', 21, 5000, 'alert:a1'],
      ['host', 'ws-1', 20, 1018, 'event:e18'],
    ]);
  });

  it('counts an observation once per entity and edge however often it repeats them', () => {
    const b = new GraphBatchBuilder();
    const e = { from: user('bob'), rel: 'logged_on' as const, to: host('srv') };
    b.observe({ time: 1, evidence: 'event:x', entities: [user('bob')], edges: [e, e] });
    expect(b.build().edges[0]?.count).toBe(1);
    expect(b.build().entities.find((x) => x.value === 'bob')?.count).toBe(1);
  });
});

describe('vocabulary', () => {
  it('has a node kind for every entity kind an alert can name', () => {
    const alertTypes = AlertEntity.properties.type.anyOf.map((t: { const: string }) => t.const);
    expect(alertTypes.filter((t: string) => !(ENTITY_TYPES as readonly string[]).includes(t))).toEqual([]);
  });
});
