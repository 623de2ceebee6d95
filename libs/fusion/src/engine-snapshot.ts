import type { DedupeGroup } from './dedupe';
import type { RaritySnapshot } from './rarity';
import type { CaseSnapshot } from './types';

/** One tenant's fusion memory: enough to continue exactly where the engine stood. */
export interface FusionTenantSnapshot {
  /** Open-order counter of the next case. */
  readonly seq: number;
  /** Live dedupe groups by key. */
  readonly dedupe: readonly (readonly [string, DedupeGroup])[];
  readonly rarity: RaritySnapshot;
  /** Cases still open for joining, with their open order. */
  readonly cases: readonly { readonly seq: number; readonly case: CaseSnapshot }[];
  /** Deduplicated alert id -> case id, while repeats may still fold in. */
  readonly alertCase: readonly (readonly [string, string])[];
}

/**
 * The engine's state as plain JSON, so a restarted fusion service keeps joining alerts to the
 * cases it had open instead of opening new ones (see FusionEngine.snapshot/restore).
 */
export interface FusionEngineSnapshot {
  readonly version: 1;
  readonly tenants: Readonly<Record<string, FusionTenantSnapshot>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Shallow shape check of a stored snapshot; anything else is treated as no state by the caller
 * (which logs it), since the state is an optimisation of continuity, not a source of truth.
 */
export function isFusionEngineSnapshot(v: unknown): v is FusionEngineSnapshot {
  if (!isObject(v) || v['version'] !== 1 || !isObject(v['tenants'])) return false;
  return Object.values(v['tenants']).every(
    (t) => isObject(t) && typeof t['seq'] === 'number' && Array.isArray(t['dedupe']) && isObject(t['rarity']) && Array.isArray(t['cases']) && Array.isArray(t['alertCase']),
  );
}
