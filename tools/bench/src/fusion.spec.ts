import { benchScenario, failingPairs, runSeed, type SeedResult } from './fusion-core';
import { type GroupedItem, chainSpread, pairwiseMetrics } from './fusion-metrics';

/** Pairwise counts by enumerating every pair: the definition, written independently of the contingency sums. */
function bruteForce(items: readonly GroupedItem[]): { tp: number; fp: number; fn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i] as GroupedItem;
      const b = items[j] as GroupedItem;
      if (a.chain === undefined && b.chain === undefined) continue;
      const sameCase = a.caseId === b.caseId;
      const sameChain = a.chain !== undefined && a.chain === b.chain;
      if (sameCase && sameChain) tp++;
      else if (sameCase) fp++;
      else if (sameChain) fn++;
    }
  }
  return { tp, fp, fn };
}

describe('pairwiseMetrics', () => {
  // Case A: x1 x2 y1 benign1; case B: x3 benign2 benign3; case C: y2.
  const items: GroupedItem[] = [
    { caseId: 'A', chain: 'x' },
    { caseId: 'A', chain: 'x' },
    { caseId: 'A', chain: 'y' },
    { caseId: 'A' },
    { caseId: 'B', chain: 'x' },
    { caseId: 'B' },
    { caseId: 'B' },
    { caseId: 'C', chain: 'y' },
  ];

  it('counts a hand-worked example', () => {
    // TP: (x1,x2). FP: A has 6 pairs, 1 is TP -> 5; B: (x3,b2), (x3,b3) -> 2. FN: (x1,x3), (x2,x3), (y1,y2).
    const m = pairwiseMetrics(items);
    expect(m).toEqual({ truePositives: 1, falsePositives: 7, falseNegatives: 3, precision: 1 / 8, recall: 1 / 4, benignPairsSameCase: 1 });
  });

  it('is perfect for a grouping that equals the chains, and says so when there are no pairs', () => {
    expect(pairwiseMetrics([{ caseId: '1', chain: 'x' }, { caseId: '1', chain: 'x' }, { caseId: '2', chain: 'y' }, { caseId: '3' }])).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1 });
    expect(pairwiseMetrics([])).toMatchObject({ truePositives: 0, precision: 1, recall: 1 });
  });

  it('agrees with pair enumeration on random groupings', () => {
    let seed = 12345;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 50; round++) {
      const xs: GroupedItem[] = Array.from({ length: 5 + next(40) }, () => {
        const chain = next(4);
        return chain === 0 ? { caseId: `c${next(6)}` } : { caseId: `c${next(6)}`, chain: `k${chain}` };
      });
      const m = pairwiseMetrics(xs);
      const b = bruteForce(xs);
      expect([m.truePositives, m.falsePositives, m.falseNegatives]).toEqual([b.tp, b.fp, b.fn]);
    }
  });

  it('spreads chains over cases', () => {
    expect(chainSpread(items)).toEqual([
      { chain: 'x', items: 3, cases: 2, largestCase: 2 },
      { chain: 'y', items: 2, cases: 2, largestCase: 1 },
    ]);
  });
});

describe('fusion bench on one seed', () => {
  let r: SeedResult;
  beforeAll(() => {
    // Six hours and 20 users still hold every chain (spray included) and run in about 2 s.
    r = runSeed(benchScenario(42, { hours: 6, users: 20 }));
  }, 60_000);

  it('detects the chains and files every alert in a case', () => {
    expect(r.alerts.total).toBeGreaterThan(10);
    expect(r.alerts.malicious).toBeGreaterThan(0);
    expect(r.dedupedAlerts).toBeLessThanOrEqual(r.alerts.total - r.alerts.suppressed);
    expect(r.cases).toBeGreaterThan(0);
    expect(r.cases).toBeLessThan(r.dedupedAlerts);
    expect(r.reduction).toBeCloseTo(r.alerts.total / r.cases);
    for (const f of r.fused) expect(r.snapshots.get(f.caseId)?.timeline.some((a) => a.alertId === f.alertId)).toBe(true);
    expect(r.chains.map((c) => c.chain.replace(/-\d+$/, ''))).toEqual(expect.arrayContaining(['cloud', 'endpoint', 'identity']));
  });

  it('groups at least two alerts of every detected chain into one case', () => {
    for (const c of r.chains) {
      expect({ chain: c.chain, multiAlertCase: c.largestCase >= 2 }).toEqual({ chain: c.chain, multiAlertCase: true });
    }
  });

  it('reports metrics consistent with the grouping and names the alerts behind failing pairs', () => {
    expect(r.pairwise).toEqual(pairwiseMetrics(r.fused));
    const fails = failingPairs(r);
    const split = r.chains.filter((c) => c.cases > 1).length;
    expect(fails.falseNegativeChains).toHaveLength(split);
    expect(r.pairwise.falseNegatives > 0).toBe(split > 0);
    for (const ws of fails.falseNegativeChains) for (const w of ws) expect(w.reason).toMatch(/^(joined|opened)/);
  });
});
