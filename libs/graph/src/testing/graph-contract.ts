import type { EdgeUpsert, EntityGraph, EntityRef, EntityUpsert, GraphBatch, Neighbourhood } from '../entity-graph';
import { MAX_EVIDENCE_REFS } from '../limits';
import type { RelationshipType } from '../vocabulary';

/** What an adapter's spec provides: a graph over a store where both tenants exist and hold no graph data. */
export interface EntityGraphHarness {
  readonly graph: EntityGraph;
  readonly tenants: readonly [string, string];
  /** Releases the store (and removes what the suite wrote, where it is shared). */
  close(): Promise<void>;
}

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
const MIN = 60_000;

const ref = (type: EntityRef['type'], value: string): EntityRef => ({ type, value });
const sight = (at: number, count = 1, evidence: string[] = [`event:${at}`]) => ({ firstSeen: at, lastSeen: at, count, evidence });
const node = (r: EntityRef, at: number, count = 1, evidence?: string[]): EntityUpsert => ({ ...r, ...sight(at, count, evidence) });
const edge = (from: EntityRef, rel: RelationshipType, to: EntityRef, at: number, count = 1, evidence?: string[]): EdgeUpsert => ({ from, rel, to, ...sight(at, count, evidence) });

/** A batch of edges with every endpoint as an entity (seen at the edge's time). */
function batchOf(edges: EdgeUpsert[], extra: EntityUpsert[] = []): GraphBatch {
  const entities = new Map<string, EntityUpsert>(extra.map((e) => [`${e.type}:${e.value}`, e]));
  for (const e of edges) {
    for (const r of [e.from, e.to]) if (!entities.has(`${r.type}:${r.value}`)) entities.set(`${r.type}:${r.value}`, node(r, e.lastSeen));
  }
  return { entities: [...entities.values()], edges };
}

const names = (n: Neighbourhood | null): string[] => (n?.nodes ?? []).map((x) => `${x.hop}:${x.type}:${x.value}`);
const edgeNames = (n: Neighbourhood | null): string[] => (n?.edges ?? []).map((e) => `${e.from.value}-${e.rel}->${e.to.value}`).sort();

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ code });
}

const alice = ref('user', 'alice');
const ws1 = ref('host', 'ws-1');
const word = ref('process', 'winword.exe');
const ps = ref('process', 'powershell.exe');
const c2 = ref('ip', '203.0.113.9');

/** An attack-shaped chain: alice -logged_on-> ws-1 <-ran_on- winword -spawned-> powershell -connected_to-> c2. */
function chain(at: number): GraphBatch {
  return batchOf([
    edge(alice, 'logged_on', ws1, at),
    edge(word, 'ran_on', ws1, at + 1),
    edge(word, 'spawned', ps, at + 2),
    edge(ps, 'connected_to', c2, at + 3),
  ]);
}

/**
 * The entity graph contract: every adapter must pass it. Call inside a spec file; it uses the
 * jest globals only when invoked.
 */
export function describeEntityGraphContract(name: string, open: () => Promise<EntityGraphHarness>): void {
  describe(`EntityGraph contract: ${name}`, () => {
    let h: EntityGraphHarness;
    let a: string;
    let b: string;
    beforeAll(async () => {
      h = await open();
      [a, b] = h.tenants;
    }, 120_000);
    afterAll(async () => {
      await h?.close();
    });

    it('stores entities and edges with counts, first and last seen and evidence, and reads them back', async () => {
      const report = await h.graph.upsert(a, chain(T0));
      expect(report).toEqual({ applied: true, entities: 5, edges: 4 });
      expect(await h.graph.getEntity(a, ws1)).toEqual({ ...ws1, firstSeen: T0, lastSeen: T0, count: 1, evidence: [`event:${T0}`] });
      expect(await h.graph.getEntity(a, ref('host', 'nowhere'))).toBeNull();
      const n = await h.graph.neighbourhood(a, ps, { depth: 1 });
      expect(n?.edges.find((e) => e.rel === 'spawned')).toEqual({ from: word, rel: 'spawned', to: ps, firstSeen: T0 + 2, lastSeen: T0 + 2, count: 1, evidence: [`event:${T0 + 2}`] });
    });

    it('adds up repeated sightings: counts sum, first/last seen widen, evidence keeps the newest refs once', async () => {
      const bob = ref('user', 'bob');
      const srv = ref('host', 'srv-9');
      await h.graph.upsert(a, batchOf([edge(bob, 'logged_on', srv, T0 + 10 * MIN, 3, ['event:e3', 'event:e2'])]));
      await h.graph.upsert(a, batchOf([edge(bob, 'logged_on', srv, T0, 2, ['event:e1', 'event:e2'])]));
      const refs = Array.from({ length: MAX_EVIDENCE_REFS }, (_, i) => `event:n${i}`);
      await h.graph.upsert(a, batchOf([edge(bob, 'logged_on', srv, T0 + 20 * MIN, 1, refs)]));
      const e = (await h.graph.neighbourhood(a, bob, { depth: 1 }))?.edges[0];
      expect(e).toMatchObject({ firstSeen: T0, lastSeen: T0 + 20 * MIN, count: 6 });
      expect(e?.evidence).toEqual(refs);
      expect(await h.graph.getEntity(a, bob)).toMatchObject({ firstSeen: T0, lastSeen: T0 + 20 * MIN, count: 3 });
    });

    it('writes a batch once under a watermark: a replay changes nothing, a stale one is refused', async () => {
      const carol = ref('user', 'carol');
      const batch = batchOf([edge(carol, 'authenticated_from', ref('ip', '198.51.100.7'), T0)]);
      expect(await h.graph.watermark(a, 'events.ocsf:0')).toBeNull();
      expect(await h.graph.upsert(a, batch, { watermark: { stream: 'events.ocsf:0', expected: null, next: 41 } })).toMatchObject({ applied: true });
      expect(await h.graph.upsert(a, batch, { watermark: { stream: 'events.ocsf:0', expected: null, next: 41 } })).toMatchObject({ applied: false });
      expect(await h.graph.upsert(a, batch, { watermark: { stream: 'events.ocsf:0', expected: 12, next: 40 } })).toMatchObject({ applied: false });
      await expectCode(h.graph.upsert(a, batch, { watermark: { stream: 'events.ocsf:0', expected: 12, next: 50 } }), 'SOC_ERR_GRAPH_WATERMARK_CONFLICT');
      expect(await h.graph.upsert(a, batch, { watermark: { stream: 'events.ocsf:0', expected: 41, next: 50 } })).toMatchObject({ applied: true });
      expect(await h.graph.watermark(a, 'events.ocsf:0')).toBe(50);
      expect(await h.graph.watermark(a, 'events.ocsf:1')).toBeNull();
      expect(await h.graph.getEntity(a, carol)).toMatchObject({ count: 2 });
    });

    it('refuses malformed batches and options, writing nothing', async () => {
      const dave = ref('user', 'dave');
      const host = ref('host', 'ws-dave');
      await expectCode(h.graph.upsert(a, { entities: [node(ref('planet' as EntityRef['type'], 'x'), T0)], edges: [] }), 'SOC_ERR_VALIDATION');
      await expectCode(h.graph.upsert(a, { entities: [node(dave, T0)], edges: [edge(dave, 'logged_on', host, T0)] }), 'SOC_ERR_VALIDATION');
      await expectCode(h.graph.upsert(a, batchOf([edge(host, 'logged_on', dave, T0)])), 'SOC_ERR_VALIDATION');
      await expectCode(h.graph.upsert(a, { entities: [node(dave, T0), node(dave, T0)], edges: [] }), 'SOC_ERR_VALIDATION');
      await expectCode(h.graph.upsert(a, { entities: [{ ...dave, firstSeen: T0 + 1, lastSeen: T0, count: 1, evidence: [] }], edges: [] }), 'SOC_ERR_VALIDATION');
      expect(await h.graph.getEntity(a, dave)).toBeNull();
      await expectCode(h.graph.upsert('', batchOf([edge(dave, 'logged_on', host, T0)])), 'SOC_ERR_TENANT_NOT_BOUND');
      await expectCode(h.graph.getEntity("x' OR '1'='1", dave), 'SOC_ERR_TENANT_NOT_BOUND');
      await expectCode(h.graph.neighbourhood(a, alice, { depth: 4 }), 'SOC_ERR_VALIDATION');
      await expectCode(h.graph.neighbourhood(a, alice, { depth: 0 }), 'SOC_ERR_VALIDATION');
    });

    it('walks 1, 2 and 3 hops out, in both edge directions, and knows nothing of unknown entities', async () => {
      expect(names(await h.graph.neighbourhood(a, alice, { depth: 1 }))).toEqual(['0:user:alice', '1:host:ws-1']);
      expect(names(await h.graph.neighbourhood(a, alice, { depth: 2 }))).toEqual(['0:user:alice', '1:host:ws-1', '2:process:winword.exe']);
      const three = await h.graph.neighbourhood(a, alice, { depth: 3 });
      expect(names(three)).toEqual(['0:user:alice', '1:host:ws-1', '2:process:winword.exe', '3:process:powershell.exe']);
      expect(edgeNames(three)).toEqual(['alice-logged_on->ws-1', 'winword.exe-ran_on->ws-1', 'winword.exe-spawned->powershell.exe']);
      expect(three).toMatchObject({ depth: 3, truncated: false, truncation: [] });
      expect(names(await h.graph.neighbourhood(a, alice))).toEqual(names(three));
      expect(await h.graph.neighbourhood(a, ref('user', 'nobody'))).toBeNull();
    });

    it('caps the edges followed from a hub, most recent first, and says so', async () => {
      const dc = ref('host', 'dc-01');
      const users = Array.from({ length: 30 }, (_, i) => ref('user', `u${String(i).padStart(2, '0')}`));
      await h.graph.upsert(a, batchOf(users.map((u, i) => edge(u, 'logged_on', dc, T0 + i * MIN))));
      const n = await h.graph.neighbourhood(a, dc, { depth: 2, maxEdgesPerNode: 10 });
      expect(n?.nodes.slice(1).map((x) => x.value)).toEqual(users.slice(20).reverse().map((u) => u.value));
      expect(n?.edges).toHaveLength(10);
      expect(n?.truncated).toBe(true);
      expect(n?.truncation).toEqual([{ hop: 1, reason: 'edges_per_node', entity: dc }]);
      const exact = await h.graph.neighbourhood(a, dc, { depth: 1, maxEdgesPerNode: 30 });
      expect(exact).toMatchObject({ truncated: false });
      expect(exact?.nodes).toHaveLength(31);
    });

    it('caps the new nodes per hop, breaking ties on edge keys the same way in every adapter', async () => {
      const fw = ref('ip', '10.9.9.9');
      const peers = ['10.0.0.5', '10.0.0.3', '10.0.0.4', '10.0.0.1', '10.0.0.2'].map((v) => ref('ip', v));
      await h.graph.upsert(a, batchOf(peers.map((p) => edge(fw, 'connected_to', p, T0))));
      const n = await h.graph.neighbourhood(a, fw, { depth: 1, maxNodesPerHop: 3 });
      expect(n?.nodes.map((x) => x.value)).toEqual(['10.9.9.9', '10.0.0.1', '10.0.0.2', '10.0.0.3']);
      expect(n?.edges.map((e) => e.to.value)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
      expect(n?.truncation).toEqual([{ hop: 1, reason: 'nodes_per_hop' }]);
    });

    it('keeps tenants apart: same keys, separate counts, watermarks and neighbourhoods', async () => {
      await h.graph.upsert(b, batchOf([edge(alice, 'logged_on', ref('host', 'b-only'), T0, 5)], [node(alice, T0, 7)]));
      expect(await h.graph.getEntity(b, alice)).toMatchObject({ count: 7 });
      expect(await h.graph.getEntity(a, alice)).toMatchObject({ count: 1 });
      expect(await h.graph.getEntity(a, ref('host', 'b-only'))).toBeNull();
      expect(await h.graph.getEntity(b, ws1)).toBeNull();
      expect(names(await h.graph.neighbourhood(b, alice))).toEqual(['0:user:alice', '1:host:b-only']);
      expect(names(await h.graph.neighbourhood(a, alice, { depth: 1 }))).toEqual(['0:user:alice', '1:host:ws-1']);
      expect(await h.graph.watermark(b, 'events.ocsf:0')).toBeNull();
    });

    it('writes a large batch in one call', async () => {
      const hosts = Array.from({ length: 2500 }, (_, i) => ref('host', `bulk-${i}`));
      const report = await h.graph.upsert(a, batchOf(hosts.map((x, i) => edge(ref('user', 'bulk-admin'), 'logged_on', x, T0 + i))));
      expect(report).toEqual({ applied: true, entities: 2501, edges: 2500 });
      expect(await h.graph.getEntity(a, ref('host', 'bulk-2499'))).toMatchObject({ count: 1, lastSeen: T0 + 2499 });
      expect(await h.graph.getEntity(a, ref('user', 'bulk-admin'))).toMatchObject({ count: 1, firstSeen: T0, lastSeen: T0 });
    });
  });
}
