/** One grouped item: the case fusion put it in, and its ground-truth chain (undefined: benign). */
export interface GroupedItem {
  caseId: string;
  chain?: string;
}

/**
 * Pairwise grouping quality. Only pairs with at least one malicious item count:
 * TP = same case and same chain; FP = same case and different chains, or one of the two benign
 * (a detection false positive glued to an attack case); FN = same chain, different cases.
 * Two benign items sharing a case are neither (no chain to be right or wrong about); they are
 * reported apart as `benignPairsSameCase`.
 */
export interface PairwiseMetrics {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** TP / (TP + FP); 1 when no pair of the same case involves a malicious item. */
  precision: number;
  /** TP / (TP + FN); 1 when no chain has two items. */
  recall: number;
  /** Pairs of benign items in one case (not part of precision or recall). */
  benignPairsSameCase: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/**
 * Computes {@link PairwiseMetrics} from the contingency table (sums of C(n,2) over cases,
 * chains and case x chain cells), without enumerating pairs.
 */
export function pairwiseMetrics(items: readonly GroupedItem[]): PairwiseMetrics {
  const cell = new Map<string, number>();
  const chainSize = new Map<string, number>();
  const caseMalicious = new Map<string, number>();
  const caseBenign = new Map<string, number>();
  for (const it of items) {
    if (it.chain === undefined) {
      caseBenign.set(it.caseId, (caseBenign.get(it.caseId) ?? 0) + 1);
      continue;
    }
    const key = `${it.caseId}\u0000${it.chain}`;
    cell.set(key, (cell.get(key) ?? 0) + 1);
    chainSize.set(it.chain, (chainSize.get(it.chain) ?? 0) + 1);
    caseMalicious.set(it.caseId, (caseMalicious.get(it.caseId) ?? 0) + 1);
  }
  let tp = 0;
  for (const n of cell.values()) tp += pairs(n);
  let sameCase = 0;
  for (const [c, m] of caseMalicious) sameCase += pairs(m) + m * (caseBenign.get(c) ?? 0);
  let sameChain = 0;
  for (const n of chainSize.values()) sameChain += pairs(n);
  let benignPairs = 0;
  for (const b of caseBenign.values()) benignPairs += pairs(b);
  const fp = sameCase - tp;
  const fn = sameChain - tp;
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    benignPairsSameCase: benignPairs,
  };
}

/** Per chain: how many items, in how many cases, and the size of its largest case share. */
export interface ChainSpread {
  chain: string;
  items: number;
  cases: number;
  largestCase: number;
}

/** How each chain's items spread over cases (a chain in one case has cases = 1). */
export function chainSpread(items: readonly GroupedItem[]): ChainSpread[] {
  const byChain = new Map<string, Map<string, number>>();
  for (const it of items) {
    if (it.chain === undefined) continue;
    const m = byChain.get(it.chain) ?? new Map<string, number>();
    m.set(it.caseId, (m.get(it.caseId) ?? 0) + 1);
    byChain.set(it.chain, m);
  }
  return [...byChain].sort(([a], [b]) => a.localeCompare(b)).map(([chain, m]) => ({
    chain,
    items: [...m.values()].reduce((a, b) => a + b, 0),
    cases: m.size,
    largestCase: Math.max(...m.values()),
  }));
}
