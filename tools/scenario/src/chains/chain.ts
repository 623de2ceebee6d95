import type { Label } from '../draft';
import type { SliceCtx } from '../benign/context';

/** Attack chains the generator can weave in. */
export const CHAIN_NAMES = ['identity', 'endpoint', 'cloud', 'linux'] as const;
/** One of {@link CHAIN_NAMES}. */
export type ChainName = (typeof CHAIN_NAMES)[number];

/** What a chain needs: the slice context over the whole window plus its own timing. */
export interface ChainCtx extends SliceCtx {
  chainId: string;
  /** Start of the chain. */
  t0: number;
  /** Compression factor so a chain fits a short window (1 = nominal pace). */
  scale: number;
}

/** Time `minutes` into the chain, compressed to fit the window. */
export function at(c: ChainCtx, minutes: number): number {
  return c.t0 + Math.round(minutes * 60_000 * c.scale);
}

/** A label for step `step` of this chain. */
export function label(c: ChainCtx, step: number, technique: string, tactic: string): Label {
  return { chainId: c.chainId, technique, tactic, step };
}

/** Nominal length of each chain in minutes and where in the window it tends to start. */
export const CHAIN_TIMING: Record<ChainName, { minutes: number; from: number; to: number }> = {
  identity: { minutes: 100, from: 0.1, to: 0.35 },
  endpoint: { minutes: 70, from: 0.3, to: 0.55 },
  cloud: { minutes: 60, from: 0.45, to: 0.7 },
  linux: { minutes: 50, from: 0.2, to: 0.75 },
};
